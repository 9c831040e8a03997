// routing-controllers parameter decorators a service makes itself (`createParamDecorator({ value:
// (action) => … })` returned by a factory of its own, `@CurrentAuth({ required: true })`): the
// package runs `value` before the action, so a 401/403 thrown there refuses the request. Read by
// their code, not their name: a refusal counts for anonymous callers when every test above it is
// the caller's absence (`!action.request.auth`, `!auth`) or an option of the factory
// (`options?.required`), which then holds only where the decorator is used with that option true.
import type { Node } from 'web-tree-sitter';
import { all, callArgs, kids, line } from './treeUtil';

export interface RcParamDecorator {
  /** The factory's name, as the decorator is written where it is used. */
  name: string;
  file: string;
  line: number;
  /** Refusals an anonymous caller meets; `option`: only when the factory's option of that name is true. */
  refusals: { line: number; text: string; how: '401' | '403'; option?: string }[];
  /** Its value reads who is calling (anonymous allowed when nothing refuses). */
  readsIdentity: boolean;
}

const AUTH_THROW = /\bnew\s+\w*(Unauthori[sz]ed|Forbidden|AccessDenied|AuthorizationRequired)\w*|HttpError\s*\(\s*40[13]\b/;
/** What names the caller: testing its absence is testing for an anonymous request. */
const CALLER = /\b(auth|authInfo|user|currentUser|session|principal|identity|token|account|caller|me)\b/i;
const IDENTITY_READ = /\.(auth|authInfo|user|currentUser|caller|account|session|principal|identity)\b|\bheaders\s*\.\s*authorization\b/;
const FUNCTION = /^(arrow_function|function_expression|function|function_declaration|method_definition)$/;

function oneLine(t: string): string {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}

/** The factory around a `createParamDecorator(…)` call: its name and its first parameter's. */
function factoryOf(call: Node): { name: string; option?: string; node: Node } | undefined {
  for (let p = call.parent; p; p = p.parent) {
    if (p.type === 'function_declaration') return withParam(p.childForFieldName('name')?.text, p);
    if (p.type === 'arrow_function' || p.type === 'function_expression' || p.type === 'function') {
      const decl = p.parent?.type === 'variable_declarator' ? p.parent : undefined;
      return withParam(decl?.childForFieldName('name')?.text, p);
    }
    if (p.type === 'class_body' || p.type === 'program') return undefined;
  }
  return undefined;
}

function withParam(name: string | undefined, fn: Node): { name: string; option?: string; node: Node } | undefined {
  if (!name) return undefined;
  const first = kids(fn.childForFieldName('parameters'))[0];
  const option = first?.childForFieldName('pattern')?.text ?? (first?.type === 'identifier' ? first.text : undefined);
  return { name, ...(option && /^[\w$]+$/.test(option) ? { option } : {}), node: fn };
}

/** The `value` function of the options object. */
function valueFn(opts: Node | undefined): Node | undefined {
  if (opts?.type !== 'object') return undefined;
  for (const k of kids(opts)) {
    if (k.type === 'method_definition' && k.childForFieldName('name')?.text === 'value') return k;
    const v = k.type === 'pair' && k.childForFieldName('key')?.text === 'value' ? k.childForFieldName('value') : undefined;
    if (v && FUNCTION.test(v.type)) return v;
  }
  return undefined;
}

export function readParamDecorator(call: Node, file: string): RcParamDecorator | undefined {
  const factory = factoryOf(call);
  const fn = valueFn(callArgs(call)[0]);
  if (!factory || !fn) return undefined;
  const refusals: RcParamDecorator['refusals'] = [];
  for (const t of all(fn, 'throw_statement')) {
    const m = AUTH_THROW.exec(t.text);
    if (!m) continue;
    const tests = testsAbove(t, fn);
    if (!tests) continue;
    let option: string | undefined;
    const ok = tests.every((c) => {
      const opt = factory.option ? new RegExp(`^${factory.option.replace(/\$/g, '\\$')}\\??\\.([\\w$]+)$`).exec(c) : null;
      if (opt) {
        option = opt[1];
        return true;
      }
      const neg = /^!\s*\(?([\s\S]+?)\)?$/.exec(c);
      return !!neg && CALLER.test(neg[1]);
    });
    if (ok) refusals.push({ line: line(t), text: oneLine(t.text), how: /Forbidden|AccessDenied|403/.test(m[0]) ? '403' : '401', ...(option ? { option } : {}) });
  }
  return { name: factory.name, file, line: line(factory.node), refusals, readsIdentity: IDENTITY_READ.test(fn.text) };
}

/**
 * The tests a throw sits under inside `fn`, split at `&&`; undefined when it sits in an `else`,
 * under an `||`, or in a function of its own (a path an anonymous caller need not take).
 */
function testsAbove(t: Node, fn: Node): string[] | undefined {
  const out: string[] = [];
  let child: Node = t;
  for (let p = t.parent; p && p.id !== fn.id; child = p, p = p.parent) {
    if (FUNCTION.test(p.type) || p.type === 'catch_clause') return undefined;
    if (p.type !== 'if_statement') continue;
    if (p.childForFieldName('alternative')?.id === child.id) return undefined;
    const cond = (p.childForFieldName('condition')?.text ?? '').replace(/^\(([\s\S]*)\)$/, '$1').trim();
    if (/\|\|/.test(cond)) return undefined;
    out.push(...cond.split(/\s*&&\s*/).map((c) => c.trim()));
  }
  return out;
}
