// A hook that reads off the request only where it goes (`const { url } = request`, `request.method`),
// the client software it announces (`request.headers['user-agent']`) or plain form fields
// (`request.body.email`), and reads no identity: it cannot tell one caller from another. What it
// refuses (sign-up while an admin setting switches accounts off, bots on one path, e-mail domains
// outside the organisation) it refuses to everyone going there alike: a switch, not a guard.
// Hemmelig's global Fastify preHandler hooks are this shape; a check of the caller reads the user,
// a session, a credential header or cookie, or hands the request on to code that might.
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { opExprs, walkOps, withClosures } from './opWalk';
import { contextAsParam } from './thisContext';

/** Members of the request that say where it goes, not who sends it. */
const PLACE = /^(url|originalUrl|path|method|routerPath|routeOptions|routeConfig|protocol)$/;
/** Form or query fields that could carry a credential. */
const CREDENTIAL_FIELD = /pass|token|key|secret|otp|code|sig|auth|session|cookie|jwt|bearer|user|account/i;

/** Does `f` (a middleware or hook: the request first) read off the request only where it goes, and no identity? */
export function readsOnlyWhereItGoes(x: Interp, f: FnValue): boolean {
  const fact = x.fnFact(f);
  if (!fact || fact.readsIdentity || !fact.refusals?.length) return false;
  const req = contextAsParam(fact).params[0];
  if (!req || !/^[A-Za-z_$][\w$]*$/.test(req) || /^(ctx|c|this)$/.test(req)) return false;
  let ok = true;
  let read = false;
  for (const { fact: g, roots } of withClosures(x, f, [0])) {
    if (!roots.has(req)) continue;
    walkOps(contextAsParam(g).ops, (op) => {
      if (!ok) return;
      if (op[0] === 'pat') {
        const target = op[2];
        const keys = (op[1] as [string, string][]).map(([k]) => k);
        if (isReq(target, req)) {
          read = true;
          if (!keys.every((k) => PLACE.test(k))) ok = false;
          return;
        }
        if (isField(target, req)) {
          read = true;
          if (keys.some((k) => CREDENTIAL_FIELD.test(k))) ok = false;
          return;
        }
      }
      for (const e of opExprs(op)) if (ok) ok = placeOnly(e, req, () => (read = true), 0);
      for (const e of condsOf(op)) if (ok) ok = placeOnly(e, req, () => (read = true), 0);
    });
  }
  return ok && read;
}

function isReq(e: unknown, req: string): boolean {
  return Array.isArray(e) && e[0] === 'id' && e[1] === req;
}

/** `req.body` or `req.query`: data the caller sends, read field by field. */
function isField(e: unknown, req: string): boolean {
  return Array.isArray(e) && e[0] === 'm' && isReq(e[1], req) && (e[2] === 'body' || e[2] === 'query');
}

/** Every read of `req` in `e` is a place, the User-Agent header or a plain field. */
function placeOnly(e: unknown, req: string, saw: () => void, depth: number): boolean {
  if (!Array.isArray(e) || depth > 40) return true;
  if (isReq(e, req)) return false;
  if (e[0] === 'm' && isReq(e[1], req)) {
    saw();
    return PLACE.test(String(e[2]));
  }
  if (e[0] === 'ix' && Array.isArray(e[1]) && e[1][0] === 'm' && isReq(e[1][1], req) && e[1][2] === 'headers') {
    saw();
    return Array.isArray(e[2]) && e[2][0] === 's' && /^user-agent$/i.test(String(e[2][1]));
  }
  if ((e[0] === 'm' || e[0] === 'ix') && isField(e[1], req)) {
    saw();
    const field = e[0] === 'm' ? e[2] : Array.isArray(e[2]) && e[2][0] === 's' ? e[2][1] : undefined;
    return typeof field === 'string' && !CREDENTIAL_FIELD.test(field);
  }
  return e.every((sub) => placeOnly(sub, req, saw, depth + 1));
}

/** The tests an operation sits under, whose expressions read the request too. */
function condsOf(op: unknown[]): Expr[] {
  const last = op[op.length - 1];
  if (!last || typeof last !== 'object' || Array.isArray(last) || !('w' in last)) return [];
  return ((last as { w: { cond: Expr }[] }).w ?? []).map((w) => w.cond);
}
