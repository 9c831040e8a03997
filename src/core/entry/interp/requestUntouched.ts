// A middleware that never names its request or response, only `next` (GrowthBook's lazy start-up,
// `app.use(async (req, res, next) => { try { await init(); next(); } catch (e) { next(e); } })`), hands
// nothing of the request to the code it calls: whatever that code refuses deep inside (a model's
// PermissionError met while start-up runs a migration), it cannot be about who is calling. Its own
// refusals are still read as usual (a test of something it keeps in its closure); only refusals
// found in what it calls are dropped. A call named for identity (`await requireUser()`, which may
// read the caller from an async-local store) keeps the reading as it was.
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { AUTHISH } from '../frameworks/knownGuards';
import { exprText } from './exprText';
import { opExprs, subExprs, walkOps, withClosures } from './opWalk';
import { contextAsParam } from './thisContext';

/** The last parameter of a middleware that hands the request on. */
const NEXT_PARAM = /^_?(next|nxt|done)$/i;

/** Does middleware `f` (`(req, res, next)`, Koa's `(ctx, next)`) name nothing but `next`, and call nothing named for identity? */
export function touchesOnlyNext(x: Interp, f: FnValue): boolean {
  const fact = x.fnFact(f);
  if (!fact) return false;
  const params = contextAsParam(fact).params;
  if (params.length < 2 || params.length > 3 || !NEXT_PARAM.test(params.at(-1)!)) return false;
  const request = params.slice(0, -1);
  if (!request.every((p) => /^[A-Za-z_$][\w$]*$/.test(p))) return false;
  const named = request.map((p) => new RegExp(`"${p.replace(/\$/g, '\\$')}"`));
  let identityCall = false;
  const visit = (e: Expr, d: number): void => {
    if (identityCall || d > 30) return;
    if (e[0] === 'c' && AUTHISH.test(exprText(e[1]))) identityCall = true;
    for (const sub of subExprs(e)) visit(sub, d + 1);
  };
  for (const { fact: g, roots } of withClosures(x, f, request.map((_, i) => i))) {
    const ops = contextAsParam(g).ops;
    // `arguments` hands the request on without naming it.
    const text = JSON.stringify(ops);
    if (/"arguments"/.test(text)) return false;
    if (named.some((re, i) => roots.has(request[i]!) && re.test(text))) return false;
    walkOps(ops, (op) => {
      for (const e of opExprs(op)) visit(e, 0);
    });
    if (identityCall) return false;
  }
  return true;
}
