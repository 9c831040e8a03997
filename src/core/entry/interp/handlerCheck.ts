// Checks inside a handler: a refusal under a condition about who is calling (`if (!req.user)
// return res.status(401)`), a 401 whatever its condition, the error of a check given the caller's
// identity passed on to Express, or a named check / signed-link check one call down. A refusal
// only of a credential that was given (`if (identity) { … catch → 401 }`) lets callers without
// one through: anonymous allowed.
import { SESSION_USER_CONDITION } from '../facts/refusal';
import type { Interp } from './interpreter';
import type { Cond, Expr, FnFact, Refusal } from '../facts/types';
import { opExprs, subExprs, walkOps, withClosures } from './opWalk';
import { calleesOf } from './identityCalls';
import { helperRefusal, testsSetting } from './helperRefusal';
import type { FnValue, KnownGuard } from './values';
import { refusesBySetting } from './settingPolicy';
import { refusesOnlyBySetting } from './settingOnlyRefusal';
import { itemRestriction } from './itemRestrictions';
import { liveRefusals } from './liveRefusals';
import { walkLevels } from './callLevels';
import { inputFormatCheck } from './inputFormatCheck';

/** A handler check counts as a guard only when its condition is about who is calling (`isNil(authType)`: how the caller signed in, so whether they did). */
const IDENTITY_CONDITION = /user|session|\bauth_?(type|method|mode)\b|principal|logged|authenticat|authori[sz]|identity|accountability|member|remote_user|token|permission|role|admin|can\(|owner|access|secret|passw(or)?d|signature|hmac|safeEqual|timingSafe\w*Equal/i;

const CHECK_NAME = /^(validate|verify|check|require|ensure|assert|authenticate|authori[sz]e|is_?authori|guard)\w*(session|auth|token|user|login|permission|access|admin|role|owner|signed)/i;
/** The same check named subject first (`ownerRequired(ctx)`, `login_required`, `adminOnly`). */
const CHECK_NAME_SUBJECT_FIRST = /^(session|auth(?:enticated|ori[sz]ed)?|token|user|login|logged_?in|permission|admin|role|owner|signed_?in)_?(required|needed|only)$/i;

/** A condition that a credential was given: `(identity)`, `token`, `req.headers.authorization`. */
export const CREDENTIAL_GIVEN = /^\(?\s*[\w$.]*\b(identity|token|authorization|credentials?|jwt|bearer|api_?key)\w*\s*\)?$/i;
const SIGNED_CHECK = /safeEqual|timingSafe\w*Equal|constantTime\w*(Compare|Equal)|hmac|signature/i;

/**
 * A TypeScript type argument in a condition's bound text (`[await bodyFields<CreateCheckoutSessionFields>(ctx.req)]`)
 * names a type, not who is calling: left out before the condition is read for identity words. So is the
 * User-Agent header (`isbot(userAgent)`): it names the caller's software, not who the caller is.
 */
function typeArgsOut(cond: string): string {
  return cond.replace(/user[-_]?agent/gi, '').replace(/<[A-Z][\w.]*(?:<[\w.,\s|[\]]*>)?(?:\[\])?(?:\s*[,|]\s*[A-Z][\w.]*(?:\[\])?)*>(?=\()/g, '');
}

const REDIRECT_CALL = /(^|\.)redirect\w*$/i;

/**
 * `if (ctx.owner) return redirect(home); else return redirect(login)`: a login redirect whose test
 * is whether the caller is signed in, and whose other arm redirects too, sends every caller somewhere (a
 * signpost at `/`, after a confirmation link did its work); it keeps nothing from anyone.
 */
function signpost(fact: FnFact, r: Refusal): boolean {
  if (r.how !== 'redirect-login' || !r.when?.length) return false;
  const test = r.when[r.when.length - 1]!;
  if (!testsSignedIn(test.cond)) return false;
  return fact.ops.some((op) => {
    if (op[0] !== 'ret' && op[0] !== 'call') return false;
    const when = op[op.length - 1];
    if (!when || typeof when !== 'object' || Array.isArray(when) || !when.w.some((w) => w.offset === test.offset && w.holds !== test.holds)) return false;
    const e = op[1] as Expr;
    return e[0] === 'c' && REDIRECT_CALL.test(calleeName(e[1]));
  });
}

/** Who is calling, and nothing else, tested for truth: `ctx.state.user`, `!req.session.account`. */
const CALLER = /^(user|owner|account|session|identity|principal|current_?user|logged_?in|signed_?in|is_?authenticated)$/i;

function testsSignedIn(c: Cond): boolean {
  if (c[0] === 'not') return testsSignedIn(c[1]);
  if (c[0] !== 't') return false;
  const e = c[1];
  return (e[0] === 'm' && CALLER.test(e[2])) || (e[0] === 'id' && CALLER.test(e[1]));
}

function calleeName(e: Expr): string {
  return e[0] === 'id' ? e[1] : e[0] === 'm' ? `${calleeName(e[1])}.${e[2]}` : '';
}

/** Refusals that turn the caller away (a 400 is about the input, a fixed body answers). */
const REFUSAL_HOW = new Set(['401', '403', 'throw', 'error', 'redirect-login']);
/** `X.admin !== true`, `!X?.admin`, `!X.isAdmin` where X is the caller's record (accountability, user, member). */
const NOT_ADMIN = /^(!\s*\(?\s*[\w$?.]*\b(accountability|user|member|account|caller|principal|currentUser)\b[\w$?.]*[?.]\.?(admin|isAdmin|is_admin)\s*\)?|\(?\s*[\w$?.]*\b(accountability|user|member|account|caller|principal|currentUser)\b[\w$?.]*[?.]\.?(admin|isAdmin|is_admin)\s*!==?\s*true\s*\)?)$/;

/**
 * Every test of `cond` holds for an anonymous caller: the caller is missing (`!req.user`) or is no
 * administrator (`this.accountability?.admin !== true`). A test that a caller is there
 * (`this.accountability?.user && …`) or about anything else (the input, a setting) does not.
 */
export function refusesAnonymous(cond: string): boolean {
  const parts = cond.split(' && ').map((c) => c.trim().replace(/\s*\[[^\]]*\]$/, '').trim());
  return parts.length > 0 && parts.every((c) => {
    const t = c.replace(/^\((.*)\)$/, '$1').trim();
    return NOT_ADMIN.test(t) || callerMissing(t);
  });
}

/** A refusal in the handler (or a function it calls) under a condition about who is calling. */
export function handlerCheck(x: Interp, f: FnValue, method?: string): KnownGuard | undefined {
  const fact = x.fnFact(f);
  const applies = (r: Refusal): boolean => !method || forMethod(r.cond, method);
  // Or the error of a check given the caller's identity, passed on to Express (see jsFacts forwardedError).
  // A 401 is "who are you?" whatever the condition says (a token decoded in a try, refused in its catch).
  // Not one under a policy of ours that answers no only by a setting (a sign-up the site closed): settingPolicy.ts;
  // nor one under tests of the configuration alone (a route the install switches off): settingOnlyRefusal.ts.
  // A fixed answer (`no-data`) is read only under a test of the caller (noDataAnswer.ts, authFlagGate.ts).
  // Nor one under a restriction the item looked up by the path sets for itself, its own password (itemRestrictions.ts).
  let own = fact?.refusals?.find((r) => applies(r) && ((r.cond && IDENTITY_CONDITION.test(typeArgsOut(r.cond))) || r.how === 'error to next' || r.how === '401' || r.how === 'no-data') && !refusesBySetting(x, f, r) && !refusesOnlyBySetting(fact, r) && !signpost(fact, r) && !(r.how === '403' && inputFormatCheck(r.cond)) && !itemRestriction(fact, r));
  let where = f;
  const probed = !own && fact ? x.probeCalls(f) : undefined;
  if (!own && fact) {
    // One call down, only for a signed-link check (`handleUnsubscribe(ctx)` compares an HMAC
    // token in constant time and redirects): a service's `login()` refusing bad credentials is
    // the credential check itself, not a guard in front of the route.
    // A named check the handler calls (`validateSession(req, res)`, `requireAdmin(ctx)`) counts too.
    for (const g of probed!.fns) {
      const gf = x.fnFact(g);
      const named = !!gf && (CHECK_NAME.test(gf.name) || CHECK_NAME_SUBJECT_FIRST.test(gf.name));
      // And a 400 under "the caller has no session/user" anywhere down (`if (!session.user_id) throw new BadRequestError()`).
      own = gf?.refusals?.find((r) => r.cond && applies(r) && (SIGNED_CHECK.test(r.cond) || (named && IDENTITY_CONDITION.test(typeArgsOut(r.cond))) || (r.how === '400' && SESSION_USER_CONDITION.test(r.cond))));
      if (own) {
        where = g;
        break;
      }
    }
  }
  if (!own && fact) {
    // Whatever its name, a function the handler runs that refuses under a test every anonymous
    // caller meets (`if (this.accountability?.admin !== true) throw new ForbiddenError()` in a
    // service method made with the caller's identity): no caller without an identity gets past it.
    // Only tests wholly about the caller being absent or no administrator; one it still decides
    // against on what the run knows (liveRefusals) refuses no one.
    for (const g of probed!.fns) {
      const gf = x.fnFact(g);
      own = gf ? liveRefusals(x, g).find((r) => r.cond && applies(r) && REFUSAL_HOW.has(r.how) && refusesAnonymous(r.cond)) : undefined;
      if (own) {
        where = g;
        break;
      }
    }
  }
  if (!own && fact) {
    // `else return errors.errorForbidden(res)`: the function handed the response refuses for it.
    // Only a call the run reached: one under a test decided against it (`uploads === 'registered'`
    // with uploads open to all by default) refuses no one.
    // Nor one that also tests a setting (see testsSetting): it refuses under one configuration only.
    const via = helperRefusal(x, f, (c) => probed!.sites.has(`${f.file}@${c.offset}`) && (!method || forMethod(c.cond, method)) && IDENTITY_CONDITION.test(typeArgsOut(c.cond ?? '')) && !testsSetting(c.cond ?? ''));
    if (via) {
      const { call, refusal, file } = via;
      const text = `${call.text}, which refuses: ${refusal.text} (${file}:${refusal.line})`;
      return { name: `check in ${fact.name.replace(/^<anon@\d+>$/, 'the handler')}`, kind: refusal.how === '403' ? 'authorization' : 'authentication', reason: `refuses when ${call.cond}: ${text}`, file: f.file, line: call.line, evidence: { how: refusal.how, text: refusal.text, file, line: refusal.line } };
    }
  }
  if (!own || !fact) return undefined;
  // A fixed body for a caller who fails the test (noDataAnswer.ts): refused, whatever the status.
  const reason = own.how === 'no-data' ? `answers without data unless ${(own.cond ?? '').replace(/^else of /, '')}: ${own.text}` : `refuses when ${own.cond}: ${own.text}`;
  const guard: KnownGuard = { name: `check in ${fact.name.replace(/^<anon@\d+>$/, 'the handler')}`, kind: own.how === '403' ? 'authorization' : 'authentication', reason, file: where.file, line: own.line, evidence: { how: own.how, text: own.text, file: where.file, line: own.line } };
  // `if (identity) { try { decode(identity) } catch { throw new UnauthorizedError() } }`: only a
  // bad credential is refused; a caller who brings none goes on (anonymous allowed).
  // A tested name carries what it was bound to (`(identity) [req.body.identity]`): the test is before it.
  const given = own.cond?.split(' && ').find((c) => CREDENTIAL_GIVEN.test(c.replace(/\s*\[[^\]]*\]$/, '').trim()));
  if (given) {
    guard.optional = true;
    guard.reason = `refuses only a bad credential (when ${given.trim()}): ${own.text}; a request without one goes on`;
  }
  const variant = !given && own.cond ? queryVariant(own.cond) : undefined;
  if (variant) {
    guard.optional = true;
    guard.reason = `refuses only when the request asks for ${variant} (${own.cond}): ${own.text}; a request without it goes on`;
  }
  return guard;
}

/** A read of a query parameter (`this.query.publish`, `req.query.all`). */
const QUERY_READ = /[\w$]+\.query\.([A-Za-z_$][\w$]*)/;
/** A query parameter that names a credential, not an option. */
const CREDENTIAL_KEY = /token|key|secret|sig|auth|pass|session|code|otp/i;

/**
 * `if (publish && !this.user.isAdmin) 403` with `publish` bound to `this.query.publish === 'true'`:
 * the refusal sits under an option the client sets in the query string, so it refuses only that
 * variant of the route; a request without it is served to anyone. The option (`query.publish`),
 * when the test holds it (not negated), directly or through the name it was bound to.
 */
export function queryVariant(cond: string): string | undefined {
  const bindings = [...cond.matchAll(/\s\[([^\]]*)\]/g)].map((m) => m[1]!);
  // The tests that must hold (not the `else of` ones, which refuse when the option is absent).
  const test = cond
    .replace(/\s\[[^\]]*\]/g, '')
    .split(' && ')
    .filter((p) => !p.trim().startsWith('else of'))
    .join(' && ');
  // Tested for truth, as one term of the test (`publish`, `req.query.all`): not compared with the caller's values.
  const terms = new Set(test.split(/&&|\(|\)/).map((t) => t.trim()));
  for (const t of terms) {
    const key = /^[\w$]+\.query\.([A-Za-z_$][\w$]*)$/.exec(t)?.[1];
    if (key && !CREDENTIAL_KEY.test(key)) return `query.${key}`;
  }
  for (const b of bindings) {
    const key = QUERY_READ.exec(b)?.[1];
    if (key && !CREDENTIAL_KEY.test(key) && terms.has(key)) return `query.${key}`;
  }
  return undefined;
}

/**
 * A function that signs a caller in: makes their session or login cookie (`signIn(ctx, 'email', { user })`,
 * `createSession(req, user)`), or writes the token that is their sign-in into a cookie
 * (`setIdTokenCookie(idToken, req, res)`, `setAuthCookie(res, jwt)`).
 */
export const SIGN_IN_CALL = /^((sign_?in|log_?in|create_?session|start_?session|establish_?session|set_?session_?cookie|issue_?session)(With\w*|User|Session)?|set_?(id_?|access_?|auth_?|jwt_?|login_?|refresh_?)?token_?cookies?|set_?(auth|jwt|login)_?cookies?)$/i;

/**
 * A handler that signs the caller in: it calls code of ours that makes a session (see
 * SIGN_IN_CALL). Its refusals check the credential of the sign-in itself (a password, a one-time
 * token or code from an email link, a passkey's answer to a challenge), which an anonymous caller
 * brings: they are the login, not a guard of a signed-in caller (as the Go detector treats a login
 * flow's nonce or challenge).
 */
export function signsCallerIn(x: Interp, f: FnValue): string | undefined {
  // Read in the code, not run: the interpreter stops a function at its first `return`, and a
  // sign-in returns early on every bad credential before it signs anyone in. The route's function
  // may be a wrapper around the one that signs in: a few calls down.
  return walkLevels([f], (h) => `${h.file}:${h.fn}`, SIGN_IN_DEPTH - 1, SIGN_IN_FNS, (h, depth, next) => {
    const req = x.fnFact(h)?.params[0];
    for (const { fact } of withClosures(x, h)) {
      let found: { name: string; line: number } | undefined;
      // @fastify/jwt's `reply.jwtSign(…)` and a cookie set in the same function: the token written for the caller.
      let signed = false;
      let cookie = false;
      const visit = (e: Expr, d: number): void => {
        if (found || d > 30) return;
        if (e[0] === 'c') {
          const name = e[1][0] === 'id' ? e[1][1] : e[1][0] === 'm' ? e[1][2] : '';
          // Claims taken from the caller the request already carries (`{ user_id: request.user.user_id }`) renew an identity: no sign-in.
          if (e[1][0] === 'm' && name === 'jwtSign' && !e[2].some((a) => readsCaller(a, req, 0))) signed = true;
          if (e[1][0] === 'm' && /^(setCookie|cookie)$/.test(name)) cookie = true;
          if (SIGN_IN_CALL.test(name)) found = { name, line: fact.start };
          else if (signed && cookie) found = { name: 'jwtSign and setCookie', line: fact.start };
          // @hapi/cookie's sign-in: `request.cookieAuth.set(profile)` writes the session cookie.
          else if (name === 'set' && e[1][0] === 'm' && e[1][1][0] === 'm' && e[1][1][2] === 'cookieAuth') found = { name: 'cookieAuth.set', line: fact.start };
          // Resolved without running anything (a probe run here would change what later probes see).
          else if (depth + 1 < SIGN_IN_DEPTH) next.push(...(calleesOf(x, h, e[1]) ?? []));
        }
        for (const sub of subExprs(e)) visit(sub, d + 1);
      };
      walkOps(fact.ops, (op) => {
        for (const e of opExprs(op)) visit(e, 0);
      });
      if (found) return `${found.name} (called in ${fact.name.replace(/^<anon@\d+>$/, 'the handler')}, ${h.file})`;
    }
    return undefined;
  });
}
/** Parts of the request the client wrote: a claim from them is what signs in, not a caller already there. */
const CLIENT_PARTS = new Set(['body', 'query', 'params', 'headers']);

/** Does `e` read the request beyond what the client wrote (`request.user.id`)? */
function readsCaller(e: Expr, req: string | undefined, depth: number): boolean {
  if (!req || depth > 20) return false;
  if (e[0] === 'm' && e[1][0] === 'id' && e[1][1] === req) return !CLIENT_PARTS.has(e[2]);
  if (e[0] === 'id') return e[1] === req;
  return subExprs(e).some((sub) => readsCaller(sub, req, depth + 1));
}

// The handler, a response helper it calls, and the helper's helper that writes the cookies
// (`sendLocalSuccessResponse` → `setResponseCookies` → `setIdTokenCookie`).
const SIGN_IN_DEPTH = 3;
const SIGN_IN_FNS = 30;

/** `req.method === 'POST'`, `request.method != "GET"`, and `else of` either. */
const METHOD_TEST = /^(else of\s+)?\(?\s*[\w$]+\.method\s*(===|==|!==|!=)\s*['"`](\w+)['"`]\s*\)?$/;

/**
 * Does a refusal under `cond` apply to requests of `method`? One handler registered for GET and
 * POST that refuses only `if (req.method === 'POST')` refuses no GET.
 */
export function forMethod(cond: string | undefined, method: string): boolean {
  for (const c of cond?.split(' && ') ?? []) {
    const m = METHOD_TEST.exec(c.trim());
    if (!m) continue;
    const equal = m[3]!.toUpperCase() === method.toUpperCase();
    const wantsEqual = (m[2] === '===' || m[2] === '==') !== !!m[1];
    if (equal !== wantsEqual) return false;
  }
  return true;
}

/**
 * The caller's identity tested for absence: `!frame.options?.context?.member?.id`, `!req.user`,
 * `!member?.id [frame.options.context.member]` (a tested name carries what it was bound to).
 */
const CALLER_MISSING = /^!\s*\(?\s*[\w$?.]*\b(user|member|account|principal|currentUser|current_user)\b[\w$?.]*\)?$/i;
/** `(!member?.id) [frame.options?.context?.member]`: the test, without its parentheses and what the name was bound to. */
function callerMissing(cond: string): boolean {
  return CALLER_MISSING.test(cond.trim().replace(/\s*\[[^\]]*\]$/, '').trim().replace(/^\((.*)\)$/, '$1').trim());
}
/** How deep below a wrapped action its refusal is looked for (action → service controller → private check). */
const ACTION_DEPTH = 3;
/** Functions read at most, per action. */
const ACTION_FNS = 40;

/**
 * A refusal reached from an API framework's wrapped action (`http(api.comments.report)` whose
 * `query(frame)` calls `commentsService.controller.report(frame)`, which calls `#checkMember(frame)`:
 * `if (!frame.options?.context?.member?.id) throw new UnauthorizedError()`). The framework hands
 * the action the caller as the middleware left it; a refusal when that caller is missing, a few
 * calls down, refuses anonymous requests to the route. Only a refusal under "no caller" counts: a
 * 401 for a wrong password deeper down is a sign-in, not a guard.
 */
export function wrappedActionCheck(x: Interp, action: FnValue): KnownGuard | undefined {
  return walkLevels<FnValue, KnownGuard>([action], (f) => `${f.file}:${f.fn}`, ACTION_DEPTH, ACTION_FNS, (f, depth, next) => {
    const fact = x.fnFact(f);
    const r = fact?.refusals?.find((r) => r.how !== '400' && r.cond?.split(' && ').some(callerMissing));
    if (fact && r) {
      const name = fact.name.replace(/^<anon@\d+>$/, 'the action');
      return { name: `check in ${name}`, kind: r.how === '403' ? 'authorization' : 'authentication', reason: `refuses when ${r.cond}: ${r.text}`, file: f.file, line: r.line, evidence: { how: r.how, text: r.text, file: f.file, line: r.line } };
    }
    if (depth < ACTION_DEPTH) next.push(...x.probeCalls(f).fns);
    return undefined;
  });
}

/** `else of (sig) [ctx.input.body.sig]`: the refusal is for a request that brought no signature or token. */
const NO_SIGNATURE = /^else of\s+\(?\s*[\w$.?]*\b(sig|signature|signed\w*|token|hmac|api_?key|credentials?)\s*\)?(\s*\[[^\]]*\])?$/i;
/** `(!actor) [ctx.state.auth.user]`: a tested name bound to the caller an optional decoder left. */
const NO_CALLER = /^\(?\s*!\s*[\w$?.]+\s*\)?\s*\[[^\]]*\b(user|member|account|principal|actor|remote_user|auth)\b[^\]]*\]$/i;

/**
 * A route that declares optional authentication, whose handler refuses a request bringing neither
 * a caller nor a signature of its own (`if (sig) verifyUploadSignature(sig, key); else if (!actor)
 * throw AuthenticationError()`): every request is either signed or someone's, so the route is
 * guarded. A refusal of a missing caller under anything else (`else of (shareId)`: a public share)
 * leaves it optional, and a bare "no caller" refusal too (branches are flattened in the facts: an
 * earlier answer for anonymous callers may not show in its condition).
 */
export function signedOrCallerCheck(x: Interp, f: FnValue): KnownGuard | undefined {
  const fact = x.fnFact(f);
  const r = fact?.refusals?.find((r) => {
    if (r.how === '400' || !r.cond) return false;
    const parts = r.cond.split(' && ').map((c) => c.trim());
    const caller = parts.filter((c) => NO_CALLER.test(c) || callerMissing(c));
    const signed = parts.filter((c) => NO_SIGNATURE.test(c));
    // Besides those, only input checks that came before (`else of (!file)`): the request was well formed.
    const rest = parts.filter((c) => !caller.includes(c) && !signed.includes(c) && !/^else of\s+\(!/.test(c));
    return caller.length > 0 && signed.length > 0 && rest.length === 0;
  });
  if (!fact || !r) return undefined;
  return { name: `check in ${fact.name.replace(/^<anon@\d+>$/, 'the handler')}`, kind: 'authentication', reason: `refuses a request with neither a caller nor a signature (when ${r.cond}): ${r.text}`, file: f.file, line: r.line, evidence: { how: r.how, text: r.text, file: f.file, line: r.line } };
}
