// Middleware named through a value we hold no code for, whose code is still ours:
// - a method called on an interface of ours (Portainer's `bouncer.AdminAccess(h)` with `bouncer
//   security.BouncerService` a parameter): Go runs the one type of ours that implements it
//   (`*RequestBouncer`), so its method is judged. Test scaffolding implementing the interface too
//   (`testhelpers.testRequestBouncer`, whose methods refuse nobody) serves no request: left out.
//   Several real implementations leave the call unresolved (which one runs is not in the code).
// - a conversion to a named function type of ours (`httperror.LoggerHandler(h.list)`, `type
//   LoggerHandler func(w, r) *HandlerError`): no call at all; the type's ServeHTTP is what runs.
import type { GoIndex } from './resolve';
import type { Callee } from './types';
import { implementationsOf } from './interfaceImpls';

const SCAFFOLD = /(^|[/#])(test|mock|fake|stub|dummy|noop)\w*|(test|mocks?|fakes?|stubs?)(helpers?|utils?)?([/#.]|$)/i;

/** The callee to judge in place of one we could not find, or undefined. */
export function calleeStandIn(ix: GoIndex, c: Callee): Callee | undefined {
  const impls = implementationsOf(ix, c)?.filter((x) => !SCAFFOLD.test(x.replace(/\.\w+$/, '')));
  if (impls?.length === 1) return impls[0];
  const t = /^fn:([^@|]*#\w+)$/.exec(c);
  if (t && ix.funcs.get(`${t[1]}.ServeHTTP`)) return `fn:${t[1]}.ServeHTTP`;
  return undefined;
}
