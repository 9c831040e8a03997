// A middleware built by rebinding its handler, wrapper after wrapper, then returning it
// (Portainer's bouncer: `func (b *RequestBouncer) AdminAccess(h http.Handler) http.Handler {
// h = b.mwCheckPortainerAuthorizations(h, true); h = b.mwAuthenticatedUser(h); return h }`):
// the request meets each wrapper before the handler, so each is followed as if its call were
// returned (`return b.mwAuthenticatedUser(b.mwCheck…(h))` reads the same).
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids } from '../treeUtil';
import { enclosingFn } from './goStatements';

/** The function nodes of the calls `name` is rebound to in `fn` with its old value among their arguments (`h = mw(h)`). */
export function rewrappingCalls(fn: Node, name: string): Node[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  const out: Node[] = [];
  for (const a of all(body, 'assignment_statement')) {
    if (enclosingFn(a)?.startIndex !== fn.startIndex) continue;
    const left = kids(a.childForFieldName('left'));
    const right = kids(a.childForFieldName('right'));
    const call = right.length === 1 && right[0].type === 'call_expression' ? right[0] : undefined;
    if (left.length !== 1 || left[0].text !== name || !call) continue;
    if (!callArgs(call).some((x) => x.type === 'identifier' && x.text === name)) continue;
    out.push(call.childForFieldName('function')!);
  }
  return out;
}
