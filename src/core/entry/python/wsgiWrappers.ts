// WSGI wrappers and Falcon hooks of the service's own, per file: what falconWrappers.ts needs to
// judge what stands before the responders once every module is read.
// - A WSGI class that only hands the request on: `__call__` raises nothing, answers nothing itself
//   (no `start_response` call) and returns only calls of apps `__init__` bound from its parameters
//   (`self._app = app`), or from a middleware known to refuse no one wrapped around one
//   (`self._app = cors.CORS(app, conf)`, oslo.middleware's CORS). Kept: which parameters it calls.
// - A factory of such a wrapper: a function (or a classmethod) whose body runs straight to
//   `return <class or factory>(…its parameters…)` (`install_cors(app, auth_app, conf)` →
//   `CORSMiddleware.install(app, auth_app, conf)` → `CORSMiddleware(app, auth_app, conf)`).
// - A hook runner: a class whose `process_request`/`process_resource`/`process_response` methods only
//   return a call of the function `__init__` was given (`FuncMiddleware(hook)`).
// - Hook functions of a module importing falcon: the Falcon errors they raise, the functions of ours
//   they call, and whether they return first when the request carries no credential
//   (`signature = headers.get('URL-SIGNATURE')` … `if not signature: return`).
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { all, kids, line } from '../treeUtil';
import { dict } from '../../ownKeys';

export interface WsgiFacts {
  /** WSGI classes that only hand the request on: the `__init__` parameters (0-based, `self` left out) whose apps they call. */
  classes?: Record<string, { apps: number[]; line: number }>;
  /** Factories (`fn`, `Cls.method`): the wrapper they return and, per its argument, the factory parameter handed there (null: something else). */
  factories?: Record<string, { to: Ref; args: (number | null)[]; line: number }>;
  /** Classes whose Falcon middleware methods only call the function `__init__` was given first. */
  runners?: Record<string, { line: number }>;
  /** Top-level functions of a module importing falcon, as hooks. */
  hooks?: Record<string, HookFacts>;
}

export interface HookFacts {
  line: number;
  /** The Falcon error classes raised (`HTTPBadRequest`), or the text of another raise. */
  raises: string[];
  calls: Ref[];
  /** A `return` under `if not <x>:`, `x` read from the request's headers, comes before every raise. */
  absentFirst?: true;
}

/** oslo.middleware's middleware that refuse no one (CORS answers preflights and adds headers). */
const PASSIVE = /^(?:[\w.]*\.)?(?:CORS|HTTPProxyToWSGI|RequestId|CatchErrors)$/;

const params = (def: Node): string[] => (def.childForFieldName('parameters')?.namedChildren ?? []).map((p) => (p?.type === 'identifier' ? p.text : (p?.childForFieldName('name')?.text ?? p?.text ?? '')));

const methodsOf = (cls: Node): Map<string, Node> => {
  const out = new Map<string, Node>();
  for (const m of kids(cls.childForFieldName('body'))) {
    const def = m.type === 'decorated_definition' ? m.childForFieldName('definition') : m;
    if (def?.type === 'function_definition') out.set(def.childForFieldName('name')?.text ?? '', def);
  }
  return out;
};

/** `self.x = <param>` (or `= Passive(<param>, …)`) in `__init__`: attribute → parameter index (self left out). */
function boundApps(init: Node | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!init) return out;
  const ps = params(init).slice(1);
  for (const a of all(init, 'assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== 'self' || !right) continue;
    const inner = right.type === 'call' && PASSIVE.test(right.childForFieldName('function')?.text ?? '') ? right.childForFieldName('arguments')?.namedChildren[0] : right;
    const i = inner ? ps.indexOf(inner.text) : -1;
    if (i >= 0) out.set(left.childForFieldName('attribute')?.text ?? '', i);
  }
  return out;
}

/** The parameters whose apps `__call__` returns, when that is all it does. */
function dispatchApps(call: Node, init: Node | undefined): number[] | undefined {
  const bound = boundApps(init);
  const startResponse = params(call)[2];
  if (all(call, 'raise_statement').length) return undefined;
  if (startResponse && all(call, 'call').some((c) => c.childForFieldName('function')?.text === startResponse)) return undefined;
  // A method of its own called on the way may refuse.
  if (all(call, 'call').some((c) => /^self\.\w+$/.test(c.childForFieldName('function')?.text ?? '') && !bound.has(c.childForFieldName('function')!.text.slice(5)))) return undefined;
  const rets = all(call, 'return_statement');
  const apps = new Set<number>();
  for (const r of rets) {
    const v = r.namedChildren[0];
    const fn = v?.type === 'call' ? v.childForFieldName('function')?.text ?? '' : '';
    const i = /^self\.\w+$/.test(fn) ? bound.get(fn.slice(5)) : undefined;
    if (i === undefined) return undefined;
    apps.add(i);
  }
  return apps.size ? [...apps].sort() : undefined;
}

/** A body running straight to `return <callee>(args)`: the callee and each argument's parameter index. */
function factoryOf(def: Node, refOf: (n: Node | undefined | null) => Ref | undefined, key: (name: string) => Ref, skipFirst: boolean, ownClass?: string): { to: Ref; args: (number | null)[] } | undefined {
  const ps = params(def).slice(skipFirst ? 1 : 0);
  const stmts = kids(def.childForFieldName('body')).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
  const ret = stmts[stmts.length - 1];
  if (ret?.type !== 'return_statement' || !stmts.slice(0, -1).every((s) => s.type === 'expression_statement') || all(def, 'raise_statement').length) return undefined;
  const v = ret.namedChildren[0];
  if (v?.type !== 'call') return undefined;
  const fn = v.childForFieldName('function');
  const to = fn?.text === 'cls' && ownClass ? key(ownClass) : refOf(fn);
  if (!to) return undefined;
  const args = (v.childForFieldName('arguments')?.namedChildren ?? []).map((a) => (a && a.type !== 'keyword_argument' && ps.includes(a.text) ? ps.indexOf(a.text) : null));
  return { to, args };
}

export function wsgiFacts(root: Node, refOf: (n: Node | undefined | null) => Ref | undefined, key: (name: string) => Ref): WsgiFacts | undefined {
  const out: WsgiFacts = { classes: undefined };
  const text = root.text;
  for (const st of kids(root)) {
    const def = st.type === 'decorated_definition' ? st.childForFieldName('definition') : st;
    const name = def?.childForFieldName('name')?.text ?? '';
    if (def?.type === 'class_definition') {
      const methods = methodsOf(def);
      const call = methods.get('__call__');
      const apps = call ? dispatchApps(call, methods.get('__init__')) : undefined;
      if (apps) (out.classes ??= dict())[name] = { apps, line: line(def) };
      for (const [m, md] of methods) {
        if (m.startsWith('_')) continue;
        const f = factoryOf(md, refOf, key, true, name);
        if (f && (f.to.endsWith(`#${name}`) || /\bclassmethod\b/.test(md.parent?.text ?? ''))) (out.factories ??= dict())[`${name}.${m}`] = { ...f, line: line(md) };
      }
      const init = methods.get('__init__');
      const given = init ? params(init)[1] : undefined;
      const field = given ? [...all(init!, 'assignment')].find((a) => a.childForFieldName('right')?.text === given)?.childForFieldName('left')?.text : undefined;
      const processors = [...methods.keys()].filter((m) => /^process_(request|resource|response)$/.test(m));
      if (field && processors.length && processors.every((m) => runsOnly(methods.get(m)!, field))) (out.runners ??= dict())[name] = { line: line(def) };
    } else if (def?.type === 'function_definition') {
      const f = factoryOf(def, refOf, key, false);
      if (f && params(def).length) (out.factories ??= dict())[name] = { ...f, line: line(def) };
      if (/^\s*(?:import falcon|from falcon\b)/m.test(text)) (out.hooks ??= dict())[name] = hookFacts(def, refOf);
    }
  }
  return out.classes || out.factories || out.runners || out.hooks ? out : undefined;
}

/** The method's body is `return <field>(…)` only. */
function runsOnly(m: Node, field: string): boolean {
  const stmts = kids(m.childForFieldName('body')).filter((s) => s.type !== 'comment' && !(s.type === 'expression_statement' && s.namedChildren[0]?.type === 'string'));
  const v = stmts.length === 1 && stmts[0]!.type === 'return_statement' ? stmts[0]!.namedChildren[0] : undefined;
  return v?.type === 'call' && v.childForFieldName('function')?.text === field;
}

function hookFacts(def: Node, refOf: (n: Node | undefined | null) => Ref | undefined): HookFacts {
  const raises = all(def, 'raise_statement').map((r) => {
    const v = r.namedChildren[0];
    const fn = v?.type === 'call' ? v.childForFieldName('function')?.text ?? '' : v?.text ?? '';
    const m = /^(?:falcon\.)?(HTTP\w+)$/.exec(fn);
    return m ? m[1]! : `raise ${r.text.slice(6, 60)}`;
  });
  const calls = all(def, 'call')
    .map((c) => c.childForFieldName('function'))
    .filter((f): f is Node => !!f && (f.type === 'identifier' || f.type === 'attribute') && /^[\w.]+$/.test(f.text))
    .map((f) => refOf(f))
    .filter((r): r is Ref => !!r);
  const out: HookFacts = { line: line(def), raises, calls: [...new Set(calls)] };
  // `if not x: return` at the top of the body, before the first raise, `x` read from the request's headers.
  const body = kids(def.childForFieldName('body'));
  const firstRaise = all(def, 'raise_statement')[0]?.startIndex ?? Infinity;
  const fromHeaders = new Set<string>();
  for (const st of body) {
    if (st.startIndex > firstRaise) break;
    const a = st.type === 'expression_statement' ? st.namedChildren[0] : undefined;
    if (a?.type === 'assignment' && a.childForFieldName('left')?.type === 'identifier' && /headers|get_header/.test(a.childForFieldName('right')?.text ?? '')) fromHeaders.add(a.childForFieldName('left')!.text);
    if (st.type !== 'if_statement' || st.childForFieldName('alternative')) continue;
    const c = st.childForFieldName('condition');
    const cons = kids(st.childForFieldName('consequence')).filter((s) => s.type !== 'comment');
    if (c?.type === 'not_operator' && fromHeaders.has(c.childForFieldName('argument')?.text ?? '') && cons.length === 1 && cons[0]!.type === 'return_statement' && !cons[0]!.namedChildren.length) {
      out.absentFirst = true;
      break;
    }
  }
  return out;
}
