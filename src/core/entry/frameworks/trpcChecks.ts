// What tRPC code refuses, where the general readings (written for Express-style `req`) do not see
// it: the caller is `ctx.user` on the context a middleware or procedure is handed as
// `({ ctx, next })`, and refusals are `throw new TRPCError({ code: 'UNAUTHORIZED' | 'FORBIDDEN' })`.
import type { Expr, Op } from '../facts/types';
import type { GuardVerdict } from './types';
import type { Interp } from '../interp/interpreter';
import type { KnownGuard, Value } from '../interp/values';
import { exprText } from '../interp/exprText';
import { calleesOf } from '../interp/identityCalls';
import { opExprs, subExprs, whenOf } from '../interp/opWalk';
import { condTests } from '../interp/settingPolicy';

/** `({ ctx, next }) => …`: a tRPC middleware's one parameter. */
const MIDDLEWARE_PARAM = /^\{[^}]*\bnext\b[^}]*\}$/s;
/** The caller on tRPC's context: `ctx.user`, `ctx.session`, `ctx.session?.user`. */
const CTX_CALLER = String.raw`ctx\??\.(?:user|session|auth)(?:\??\.user)?`;
/** A test that holds only with a caller there: `ctx.user`, or the else of `… || !ctx.user` (after an early `return next()`). */
const PRESENT = new RegExp(String.raw`^(?:\(?\s*${CTX_CALLER}\s*\)?|else of \(?\s*!\s*${CTX_CALLER}\s*\)?|else of \(.*\|\|\s*!\s*${CTX_CALLER}\s*(?:\|\|.*)?\))$`);
/** The context's caller handed on as an argument: `ctx.user`, `ctx.session`. */
const CALLER_ARG = new RegExp(String.raw`^${CTX_CALLER}$`);
/** tRPC's own refusals of a caller: no or bad credentials, or not allowed. */
const TRPC_REFUSAL = /TRPCError\(\s*\{\s*code:\s*['"](UNAUTHORIZED|FORBIDDEN)['"]/;

/**
 * A tRPC middleware whose every refusal sits under a test that a caller is on the context
 * (`if (type !== 'mutation' || !ctx.user) return next();` then a check of that user's record):
 * a call without a caller goes on, so it guards nothing. The general reading (guardEval's
 * refusesOnlyPresentCaller) looks for the caller on an Express-style request parameter.
 */
export function presentCallerOnly(x: Interp, v: Value): GuardVerdict | undefined {
  if (v.k !== 'fn') return undefined;
  const fact = x.fnFact(v);
  if (!fact || !MIDDLEWARE_PARAM.test(fact.params[0] ?? '')) return undefined;
  const refusals = fact.refusals ?? [];
  if (!refusals.length || !refusals.every((r) => !!r.cond && condTests(r.cond).some((c) => PRESENT.test(c.trim())))) return undefined;
  return { verdict: 'none' };
}

/** The calls in an expression, outermost first. */
function callsIn(e: Expr, out: Expr[], depth = 0): Expr[] {
  if (depth > 6) return out;
  if (e[0] === 'c') out.push(e);
  for (const s of subExprs(e)) callsIn(s, out, depth + 1);
  return out;
}

/**
 * A procedure whose handler, before any test, hands the context's caller to a function of ours
 * that throws TRPCError UNAUTHORIZED or FORBIDDEN (`const actor = await resolveActor(input.token,
 * ctx.user)`, which refuses a call with neither a session nor a signed token): that function is
 * the procedure's guard, as a middleware would be.
 */
export function callerHelperGuard(x: Interp, handler: Value | undefined): KnownGuard | undefined {
  if (handler?.k !== 'fn') return undefined;
  const fact = x.fnFact(handler);
  if (!fact) return undefined;
  const top = fact.ops.filter((op: Op) => !whenOf(op)?.w.length);
  for (const op of top) {
    for (const call of opExprs(op).flatMap((e) => callsIn(e, []))) {
      if (call[0] !== 'c' || !call[2].some((a) => CALLER_ARG.test(exprText(a)))) continue;
      for (const g of calleesOf(x, handler, call[1]) ?? []) {
        const r = x.fnFact(g)?.refusals?.find((r) => TRPC_REFUSAL.test(r.text));
        if (!r) continue;
        const name = exprText(call[1]);
        return { name, kind: 'authentication', reason: `the handler hands the caller to ${name}, which refuses: ${r.text} (${g.file}:${r.line})`, file: g.file, line: r.line };
      }
    }
  }
  return undefined;
}
