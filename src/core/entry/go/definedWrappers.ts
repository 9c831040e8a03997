// A handler wrapped where it is defined, not where it is registered (File Browser's
// `var usersGetHandler = withAdmin(func(w, r, d) (int, error) {…})`, then
// `api.Handle("/users", monkey(usersGetHandler, ""))` in another file): the package variable is the
// wrapper's result, so the route meets the wrapper's refusals before the literal runs. Only a
// function of ours wraps here (a library's call around a literal is packageFuncs.ts's middleware);
// each wrapper is judged by its code like one written at the route (link.ts), outermost first.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line } from '../treeUtil';
import { takesRequest } from './packageFuncs';
import type { Callee, GoCandidate, GoFileFacts } from './types';
import { dict } from '../../ownKeys';

const VIA = 'wrapper around the handler where it is defined';

/**
 * `func renewHandler(ttl time.Duration) handleFunc { return withUser(func(w, r, d) …) }`: a function of ours
 * making a handler inside wrappers of ours, at every return; keyed as the function (`dir#renewHandler`).
 */
export function madeInsideWrappers(root: Node, facts: GoFileFacts, keyOf: (fn: Node) => string, callee: (n: Node) => Callee | undefined): void {
  for (const fn of kids(root)) {
    if (fn.type !== 'function_declaration' && fn.type !== 'method_declaration') continue;
    const body = fn.childForFieldName('body');
    const rets = body ? all(body, 'return_statement').filter((r) => enclosing(r)?.startIndex === fn.startIndex) : [];
    const each = rets.map((r) => wrapped(kids(kids(r)[0])[0], facts, callee));
    const first = each[0];
    // Every return the same wrappers (by text), or the handler is not always made inside them.
    if (!first?.wrappers.length || !each.every((w) => w?.wrappers.map((x) => x.text).join() === first.wrappers.map((x) => x.text).join())) continue;
    (facts.definedWrappers ??= dict())[keyOf(fn)] = first.wrappers;
  }
}

/** Records `var name = ownWrap(…(func(w, r, …) {…}))` at package level: `dir#name` → the wrappers, and the literal's key. */
export function definedWrappers(spec: Node, facts: GoFileFacts, keyOf: (fn: Node) => string, callee: (n: Node) => Callee | undefined): void {
  for (let p = spec.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return;
  const names = spec.childrenForFieldName('name').filter((x): x is Node => !!x);
  const values = kids(spec.childForFieldName('value'));
  names.forEach((name, i) => {
    const w = wrapped(values[i], facts, callee);
    if (!w?.wrappers.length) return;
    (facts.definedWrappers ??= dict())[`${facts.dir}#${name.text}`] = w.wrappers;
    (facts.pkgFuncs ??= dict())[name.text] ??= keyOf(w.lit);
  });
}

/** `ownWrap(…(func(w, r, …) {…}))`: the wrappers of ours, outermost first, and the literal at the bottom. */
function wrapped(value: Node | undefined, facts: GoFileFacts, callee: (n: Node) => Callee | undefined): { wrappers: GoCandidate[]; lit: Node } | undefined {
  const wrappers: GoCandidate[] = [];
  let v = value;
  for (let depth = 0; v?.type === 'call_expression' && depth < 4; depth++) {
    const f = v.childForFieldName('function')!;
    const c = callee(f);
    if (!c?.startsWith('fn:')) return undefined;
    wrappers.push({ text: f.text, file: facts.file, line: line(v), via: VIA, callee: c });
    const as: Node[] = callArgs(v);
    // The wrapped handler: a literal taking the request, or a nested wrapper call (`withUser(withPerm(func…))`).
    v = as.find((a: Node) => a.type === 'func_literal' && takesRequest(a)) ?? (as.length === 1 ? as[0] : undefined);
  }
  return v?.type === 'func_literal' && wrappers.length ? { wrappers, lit: v } : undefined;
}

function enclosing(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return p;
  return undefined;
}
