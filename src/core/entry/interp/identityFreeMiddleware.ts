// Package middleware that reads no caller by design (rate limiters, body parsers, CORS, logs) when
// it is given only data, and whether a middleware's arguments hold code of ours that might: for
// identityUse.ts, which decides whether a route uses what a token decoder set.
import type { ExtValue, Value } from './values';

/**
 * Packages whose middleware reads no identity by design: rate limiters keyed by the address, body
 * parsers, CORS and security headers, compression, request logs.
 */
const IDENTITY_FREE = /^(express-rate-limit|koa-ratelimit|koa2-ratelimit|body-parser|koa-body|koa-bodyparser|@koa\/bodyparser|cors|@koa\/cors|helmet|koa-helmet|compression|koa-compress|morgan|koa-logger)$/;

/**
 * Rate limiters given settings we cannot see (`rateLimit(config.userRateLimit)`, a value of the
 * configuration file): settings are data; only a function of ours in them (`keyGenerator: (req) =>
 * req.user.id`, seen) may read the caller. A limiter otherwise counts requests by address and
 * answers 429 or goes on.
 */
const RATE_LIMITER = /^(express-rate-limit|koa-ratelimit|koa2-ratelimit|express-slow-down)$/;

/** Such a middleware, given only data: a function in its options (`keyGenerator: (req) => req.user.id`) may read anything. */
export function identityFree(m: ExtValue): boolean {
  const limiter = RATE_LIMITER.test(m.spec);
  // A limiter's options may hold values we could not evaluate (`windowMs: minutes(1)`, `max: config.limit`): data all the same.
  const setting = (a: Value): boolean => dataOnly(a, 0) || (limiter && (a.k === 'unknown' || (a.k === 'obj' && !a.getters?.size && [...a.props.values()].every((p) => dataOnly(p, 1) || p.k === 'unknown'))));
  return IDENTITY_FREE.test(m.spec) && (m.args ?? []).every(setting);
}

/** A function of ours anywhere in a package middleware's arguments or a value's members. */
export function holdsCode(v: Value, depth: number): boolean {
  if (depth > 4) return true;
  switch (v.k) {
    case 'fn':
      return true;
    case 'ext':
      return (v.args ?? []).some((a) => holdsCode(a, depth + 1));
    case 'obj':
      return !!v.getters?.size || [...v.props.values()].some((p) => holdsCode(p, depth + 1));
    case 'arr':
      return v.items.some((i) => holdsCode(i, depth + 1));
    default:
      return false;
  }
}

/** A literal, or an object or array of literals: no code, nothing unknown. */
function dataOnly(v: Value, depth: number): boolean {
  if (depth > 4) return false;
  switch (v.k) {
    case 'str':
    case 'num':
    case 'bool':
    case 'null':
      return true;
    case 'obj':
      return !v.getters?.size && [...v.props.values()].every((p) => dataOnly(p, depth + 1));
    case 'arr':
      return v.items.every((i) => dataOnly(i, depth + 1));
    default:
      return false;
  }
}
