// The ids a service gives a request that carries no caller: its own code sets a field of the request
// to a number at or below zero when there is no user (`if (req.user) { req.uid = parseInt(req.user.uid, 10) }
// else if (isSpider) { req.uid = -1 } else { req.uid = 0 }`). What a predicate of ours answers for those
// ids is what it answers a guest (keyedRefusal.ts).
import type { Cond, Expr, When } from '../facts/types';
import type { Interp } from './interpreter';
import { walkOps, whenOf } from './opWalk';

const guestIdsOf = new WeakMap<Interp, Map<string, Set<number>>>();

/** Fields of the request the service's code sets to an id at or below zero when there is no user: `req.uid = 0`. */
export function guestIds(x: Interp): Map<string, Set<number>> {
  let out = guestIdsOf.get(x);
  if (out) return out;
  out = new Map();
  for (const [file, facts] of x.program.facts) {
    if (x.program.language(file) !== 'js') continue;
    for (const f of facts.fns) {
      const req = f.params[0];
      if (!req || !/^[\w$]+$/.test(req)) continue;
      walkOps(f.ops, (op) => {
        if (op[0] !== 'set' || op[1][0] !== 'm' || op[1][1][0] !== 'id' || op[1][1][1] !== req) return;
        const n = numberOf(op[2]);
        if (n === undefined || n > 0 || !noUser(whenOf(op), req)) return;
        const field = op[1][2];
        const set = out!.get(field) ?? new Set<number>();
        set.add(n);
        out!.set(field, set);
      });
    }
  }
  guestIdsOf.set(x, out);
  return out;
}

function numberOf(e: Expr): number | undefined {
  if (e[0] === 'n') return e[1];
  if (e[0] === '?' && /^-\s*\d+$/.test(e[1])) return -Number(e[1].replace(/[-\s]/g, ''));
  return undefined;
}

/** Where a request carries its caller: `req.user`, `req.session.user`, `req.session`. */
const CALLER_PROP = /^(user|session|account|member|principal|currentUser)$/;

/** `req.user`, `req.session.user`: a read of the caller off the request. */
function callerRead(e: Expr, req: string, depth = 0): boolean {
  if (e[0] !== 'm' || depth > 4) return false;
  return CALLER_PROP.test(e[2]) && ((e[1][0] === 'id' && e[1][1] === req) || callerRead(e[1], req, depth + 1));
}

/** The test holds only for a request that carries a caller: `req.user`, `req.session && req.session.user`. */
function hasCaller(c: Cond, req: string): boolean {
  if (c[0] === 't') return callerRead(c[1], req);
  return c[0] === 'and' && (hasCaller(c[1], req) || hasCaller(c[2], req));
}

/** The operation runs only when the request carries no caller: under the else of `if (req.user)`, or under `if (!req.user)`. */
function noUser(when: When | undefined, req: string): boolean {
  return !!when?.w.some((w) => (hasCaller(w.cond, req) && !w.holds) || (w.cond[0] === 'not' && hasCaller(w.cond[1], req) && w.holds));
}
