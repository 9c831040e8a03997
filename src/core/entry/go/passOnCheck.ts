// Middleware that hands the request on only when a check of ours says yes: go-restful's
// `if authTokenCheck(req, res) { chain.ProcessFilter(req, res) }`, net/http's
// `if allowed(w, r) { next.ServeHTTP(w, r) }`. The check answers every other request itself, so
// it is read like a check at the top of a handler (bodies.ts checksIn): its refusals are the
// middleware's.
import type { GoNode as Node } from './goNode';
import { statements } from './goStatements';

/** `if check(…) { next.ServeHTTP(w, r) }` with no else: the call, when the request goes on only under it. */
export function handsOnIf(s: Node): Node | undefined {
  const cond = s.childForFieldName('condition');
  const then = s.childForFieldName('consequence');
  if (cond?.type !== 'call_expression' || !then || s.childForFieldName('alternative')) return undefined;
  return /\.ProcessFilter\(|\.ServeHTTP\(|\bnext\(|\.Next\(/.test(then.text) ? cond : undefined;
}

/**
 * `if !requireSession(ctx) { return }`: a check of ours that answers a failing request itself and
 * tells the handler to stop, the mirror of the above (KubePi's webkubectl proxy): its call, or undefined.
 */
export function stopsUnless(s: Node): Node | undefined {
  const cond = s.childForFieldName('condition');
  const then = s.childForFieldName('consequence');
  if (cond?.type !== 'unary_expression' || !cond.text.startsWith('!') || !then || s.childForFieldName('alternative')) return undefined;
  const call = cond.namedChildren[0];
  const sts = statements(then);
  return call?.type === 'call_expression' && sts.length === 1 && sts[0]?.type === 'return_statement' && !sts[0].namedChildren.length ? call : undefined;
}
