// A handler that branches on a method of the request context answering whether the identity is
// there: pocketbase's `if e.HasSuperuserAuth() { …extra details… }` with `func (e *RequestEvent)
// HasSuperuserAuth() bool { return e.Auth != nil && e.Auth.IsSuperuser() }`, where middleware on the
// route's way (`loadAuthToken`) sets `e.Auth` only for a caller it found. The test reads that field
// through the method (identityFields.ts `presenceOf`): the route uses the identity when there is
// one, `optional`, as contextFields.ts reads a test of the field itself.
import type { Guard } from '../types';
import type { GoIndex } from './resolve';
import type { GoCandidate, GoFunc } from './types';
import { declared, identitySetters } from './contextFields';

export function presenceIdentityRead(ix: GoIndex, cands: GoCandidate[], handler: GoFunc | undefined): Guard | undefined {
  if (!handler?.tests) return undefined;
  const setters = identitySetters(ix, cands);
  if (!setters.size) return undefined;
  for (const t of handler.tests) {
    const method = ix.fnOf(t.callee);
    const key = (method?.presenceOf ?? []).map((k) => declared(ix, k)).find((k) => setters.has(k));
    if (!key || !method) continue;
    const c = setters.get(key)!;
    const name = c.text.replace(/\(.*$/s, '');
    const field = key.replace(/^.*[#.]/, '');
    const test = t.callee.replace(/^.*[#.|]/, '');
    return {
      name,
      kind: 'authentication',
      optional: true,
      reason: `${name} (${c.file}:${c.line}) sets the request context's ${field} only for a caller it identifies and lets this route through without one; the handler branches on ${test} (${handler.file}:${t.line}), which answers whether it is there (${method.file}:${method.line})`,
      file: c.file,
      line: c.line,
      evidence: { how: 'the route reads the identity when there is one', text: test, file: handler.file, line: t.line },
    };
  }
  return undefined;
}
