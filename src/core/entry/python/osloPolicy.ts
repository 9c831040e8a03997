// oslo.policy and pass-through decorators, per file: what a responder's decorators do, for the Falcon
// link (falconLink.ts) to judge them once every module is read. OpenStack services guard a handler
// with a decorator of their own that asks oslo.policy about a rule by name,
//   def enforce(rule):                      # transport/acl.py
//       def decorator(func):
//           def handler(*args, **kwargs):
//               ENFORCER.enforce(rule, {}, ctx.to_dict(), do_raise=True, exc=errors.HTTPForbidden)
//               return func(*args, **kwargs)
//   @acl.enforce("queues:get_all")
// and declare each rule's default in code (policy-in-code):
//   policy.DocumentedRuleDefault(name=QUEUES % 'get_all', check_str=base.UNPROTECTED, …)
// A rule whose default check string is '' (or '@') allows every caller; any other check ('role:admin',
// 'rule:admin_or_owner', '!') refuses a caller without the roles or project it names. Read here: the
// rule defaults (name and check, the check possibly a constant of another module, resolved at the
// link), the policy decorators (a function of a module importing oslo_policy whose body calls
// `<x>.enforce(<its first parameter>, …)`), and decorators that only pass the call on
// (`TransportLog("…")`: a wrapper that tests nothing, raises nothing, names no credential, and ends
// `return func(*args, **kwargs)`).
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { all, kids, line, stringValue } from '../treeUtil';
import { evalStr, type StrEnv } from './pyEval';
import { kwArg, positionalArgs } from './pyScope';
import { dict } from '../../ownKeys';

export interface PolicyFacts {
  /** Rule defaults by name: the check string, or the constant of another module holding it. */
  rules?: Record<string, { check?: string; checkRef?: Ref; line: number }>;
  /** Decorator factories asking oslo.policy about the rule their argument names, by function name. */
  checks?: Record<string, { line: number }>;
  /** Decorators (functions, factories, classes with `__call__`) whose wrapper always calls the function untested. */
  passes?: Record<string, { line: number }>;
}

/** Words of a credential, an identity or a policy: a wrapper naming one may refuse on it. */
const CREDENTIAL = /auth|token|user|role|polic|permi|enforce|secret|password|signature|credential|login|admin|project|tenant/i;

export function policyFacts(root: Node, env: StrEnv, refOf: (n: Node | undefined | null) => Ref | undefined): PolicyFacts | undefined {
  const out: PolicyFacts = { rules: undefined };
  const text = root.text;
  if (/RuleDefault\s*\(/.test(text)) {
    for (const call of all(root, 'call')) {
      if (!/(?:^|\.)(?:Documented)?RuleDefault$/.test(call.childForFieldName('function')?.text ?? '')) continue;
      const pos = positionalArgs(call);
      const name = evalStr(kwArg(call, 'name') ?? pos[0], env);
      const checkNode = kwArg(call, 'check_str') ?? pos[1];
      if (name === undefined || !checkNode) continue;
      const check = evalStr(checkNode, env);
      const checkRef = check === undefined && /^[\w.]+$/.test(checkNode.text) ? refOf(checkNode) : undefined;
      if (check === undefined && !checkRef) continue;
      (out.rules ??= dict())[name] = { ...(check !== undefined ? { check } : { checkRef }), line: line(call) };
    }
  }
  const topDefs = kids(root)
    .map((st) => (st.type === 'decorated_definition' ? st.childForFieldName('definition') : st))
    .filter((d): d is Node => !!d && (d.type === 'function_definition' || d.type === 'class_definition'));
  if (/\boslo_policy\b/.test(text) && /\.enforce\s*\(/.test(text)) {
    for (const def of topDefs) {
      if (def.type !== 'function_definition') continue;
      const first = def.childForFieldName('parameters')?.namedChildren.find((p) => p?.type === 'identifier')?.text;
      if (!first) continue;
      const asks = all(def, 'call').some((c) => {
        const fn = c.childForFieldName('function');
        return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'enforce' && positionalArgs(c)[0]?.text === first;
      });
      if (asks) (out.checks ??= dict())[def.childForFieldName('name')?.text ?? ''] = { line: line(def) };
    }
  }
  if (/\bwraps\b|def __call__\s*\(/.test(text)) {
    for (const def of topDefs) {
      const body = def.type === 'class_definition' ? kids(def.childForFieldName('body')).map((m) => (m.type === 'decorated_definition' ? m.childForFieldName('definition') : m)).find((m) => m?.type === 'function_definition' && m.childForFieldName('name')?.text === '__call__') : def;
      if (body && !CREDENTIAL.test(def.text) && passesOn(body)) (out.passes ??= dict())[def.childForFieldName('name')?.text ?? ''] = { line: line(def) };
    }
  }
  return out.rules || out.checks || out.passes ? out : undefined;
}

/**
 * The decorator (a function given the decorated function, or a factory returning one) defines a
 * wrapper that always calls it: no test, loop, `try` or `raise` in the wrapper, which ends in
 * `return <the decorated function>(*args, **kwargs)`, and the decorator returns that wrapper.
 */
function passesOn(def: Node, depth = 0): boolean {
  if (depth > 2) return false;
  const params = (def.childForFieldName('parameters')?.namedChildren ?? []).map((p) => p?.text ?? '').filter((p) => p !== 'self');
  const stmts = kids(def.childForFieldName('body')).filter((s) => s.type !== 'expression_statement' || s.namedChildren[0]?.type !== 'string');
  const inner = stmts.map((s) => (s.type === 'decorated_definition' ? s.childForFieldName('definition') : s)).filter((s): s is Node => s?.type === 'function_definition');
  const ret = stmts[stmts.length - 1];
  if (inner.length !== 1 || ret?.type !== 'return_statement' || ret.namedChildren[0]?.text !== inner[0]!.childForFieldName('name')?.text) return false;
  const wrapper = inner[0]!;
  // A factory: its inner function is the decorator.
  if (params.length === 1 && wrapsParam(wrapper, params[0]!)) return true;
  return passesOn(wrapper, depth + 1);
}

/** The wrapper's body runs straight through to `return fn(*args, **kwargs)`. */
function wrapsParam(wrapper: Node, fn: string): boolean {
  const stmts = kids(wrapper.childForFieldName('body')).filter((s) => s.type !== 'comment');
  const ret = stmts[stmts.length - 1];
  const call = ret?.type === 'return_statement' ? ret.namedChildren[0] : undefined;
  if (call?.type !== 'call' || call.childForFieldName('function')?.text !== fn) return false;
  return stmts.slice(0, -1).every((s) => s.type === 'expression_statement') && !all(wrapper, ['raise_statement', 'if_statement', 'try_statement', 'for_statement', 'while_statement', 'with_statement', 'conditional_expression']).length && stringValue(call) === undefined;
}
