// A route whose handler hands the request back to the router it is registered on:
//
//     h.Handle("/custom_templates", middlewares.Deprecated(h, urlParser)).Methods("POST")
//     func Deprecated(router http.Handler, …) http.Handler { return http.HandlerFunc(func(w, r) { …; router.ServeHTTP(w, r2) }) }
//
// The request is routed again (often to a rewritten URL), so the route that finally answers, and
// its guard, decide — not the wrapper's other arguments, which the unwrapping would otherwise take
// for the handler. Such a route is `unknown`, never open: which route it lands on is not followed.
import type { GoNode as Node } from './goNode';
import { all, callArgs } from '../treeUtil';
import type { Callee, GoFunc } from './types';

/** The indices of a function's parameters it serves a request with (`router.ServeHTTP(w, r)`), anywhere in its body. */
export function servedParams(fn: Node, params: string[]): number[] {
  const out = new Set<number>();
  for (const c of all(fn, 'call_expression')) {
    const f = c.childForFieldName('function');
    if (f?.type !== 'selector_expression' || f.childForFieldName('field')?.text !== 'ServeHTTP') continue;
    const i = params.indexOf(f.childForFieldName('operand')?.text ?? '');
    if (i >= 0) out.add(i);
  }
  return [...out];
}

/** A call of ours in the handler expression handed the registering router itself (`Deprecated(h, …)` under `h.Handle`). */
export function handedOwnRouter(registration: Node, handler: Node, callee: (n: Node) => Callee | undefined): { callee: Callee; index: number } | undefined {
  const recv = registration.childForFieldName('function')?.childForFieldName('operand');
  if (!recv || (recv.type !== 'identifier' && recv.type !== 'selector_expression')) return undefined;
  for (const c of [handler, ...all(handler, 'call_expression')]) {
    if (c.type !== 'call_expression') continue;
    const index = callArgs(c).findIndex((a) => a.text === recv.text);
    const by = index >= 0 ? callee(c.childForFieldName('function')!) : undefined;
    if (by?.startsWith('fn:')) return { callee: by, index };
  }
  return undefined;
}

/** The doubt of a route whose handler serves the request again on its own router, when the function handed it does. */
export function redispatchDoubt(handed: { callee: Callee; index: number } | undefined, fnOf: (c: Callee) => GoFunc | undefined): string | undefined {
  const fn = handed && fnOf(handed.callee);
  if (!fn?.servesParams?.includes(handed!.index)) return undefined;
  return `${handed!.callee.replace(/^.*[#|]/, '')}() (${fn.file}:${fn.line}) serves the request again on the router the route is registered on: the route it lands on, and its guard, were not followed`;
}
