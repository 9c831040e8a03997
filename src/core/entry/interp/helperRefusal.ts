// A refusal through a function of ours that is handed the response: `if (req.isAuthenticated())
// { … } else return errors.errorForbidden(res)`, where `errorForbidden` (another file, found
// through the `require`) answers 403, or sends an anonymous caller away. The handler does not
// write the status itself, so its own refusals show nothing; the function it hands the response
// to answers for it. Followed two levels (`deny(res)` → `sendError(res, 403)`).
import { SESSION_USER_CONDITION } from '../facts/refusal';
import type { Expr, Refusal, ResponseCall } from '../facts/types';
import type { Interp } from './interpreter';
import { calleesOf } from './identityCalls';
import type { FnValue } from './values';

/** How many functions down from the handler a refusal is looked for. */
const HELPER_DEPTH = 2;

export interface HelperRefusal {
  /** The handler's call that hands the response on, with the handler's conditions. */
  call: ResponseCall;
  /** The refusal in the function it reaches, and that function's file. */
  refusal: Refusal;
  file: string;
}

/**
 * `uploads === 'registered' && !req.isAuthenticated()`: besides who is calling, the test compares a
 * value that is not the request's with a literal — a setting. The refusal is one configuration's;
 * the run could not tell which one the service has (it would have skipped the call otherwise).
 */
const SETTING_TEST = /(^|[^\w$.])(?!(req|request|ctx|c)\.)[A-Za-z_$][\w$]*(\.[\w$]+)*\s*(===|==|!==|!=)\s*['"`]/;

export function testsSetting(cond: string): boolean {
  return SETTING_TEST.test(cond);
}

/**
 * The first call of `f` given the response, under a condition `about` accepts, whose callee
 * refuses (see `refuses`). Calls whose callee we cannot see count for nothing.
 */
export function helperRefusal(x: Interp, f: FnValue, about: (call: ResponseCall) => boolean): HelperRefusal | undefined {
  for (const call of x.fnFact(f)?.responseCalls ?? []) {
    if (!call.cond || !about(call)) continue;
    const hit = refusesThrough(x, f, call.callee, 1, new Set());
    if (hit) return { call, ...hit };
  }
  return undefined;
}

/**
 * Every function the call may run refuses: a 401/403, a throw of an authentication or permission
 * error, a redirect to a login page, either unconditionally or under a test of who is calling
 * (`if (req.user) 403 else redirect home`: the helper's answer differs by caller, but it serves
 * neither). A function that passes the request on (`next()`) refuses nothing. A 400 is no refusal.
 */
function refusesThrough(x: Interp, from: FnValue, callee: Expr, depth: number, seen: Set<string>): { refusal: Refusal; file: string } | undefined {
  const gs = calleesOf(x, from, callee);
  if (!gs?.length) return undefined;
  let found: { refusal: Refusal; file: string } | undefined;
  for (const g of gs) {
    const hit = refuses(x, g, depth, seen);
    if (!hit) return undefined;
    found ??= hit;
  }
  return found;
}

function refuses(x: Interp, g: FnValue, depth: number, seen: Set<string>): { refusal: Refusal; file: string } | undefined {
  const key = `${g.file}:${g.fn}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const gf = x.fnFact(g);
  if (!gf || gf.nextAlways || gf.passesWithout) return undefined;
  const r = gf.refusals?.find((r) => r.how !== '400' && r.how !== 'error to next' && (!r.cond || SESSION_USER_CONDITION.test(r.cond)));
  if (r) return { refusal: r, file: g.file };
  if (depth >= HELPER_DEPTH) return undefined;
  // `deny(res) { sendError(res, 403) }`: a helper that hands the response on, whatever happens.
  for (const c of gf.responseCalls ?? []) {
    if (c.cond) continue;
    const hit = refusesThrough(x, g, c.callee, depth + 1, seen);
    if (hit) return hit;
  }
  return undefined;
}
