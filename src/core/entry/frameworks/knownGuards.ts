// Guards that are known by their package: libraries whose whole purpose is to refuse
// unauthenticated requests (passport.authenticate, express-jwt, koa-jwt, connect-ensure-login
// …), with the option that turns each into "anonymous allowed". A value from any other
// package is judged by its code when it is ours, and is `unknown` when it looks like auth but
// cannot be read.
import type { Interp } from '../interp/interpreter';
import type { ExtValue, FnValue, Value } from '../interp/values';
import { NULL } from '../interp/values';
import { liveRefusals } from '../interp/liveRefusals';
import type { GuardVerdict } from './types';

interface Rule {
  spec: RegExp;
  /** The call path within the package (`authenticate()`, `()` for the package itself). */
  path: RegExp;
  kind: 'authentication' | 'authorization';
  /** The options or arguments that let anonymous requests through. */
  optional?: (x: Interp, args: Value[]) => boolean;
}

const flag = (name: string, value: boolean) => (x: Interp, args: Value[]) => args.some((a) => a.k === 'obj' && a.props.get(name)?.k === 'bool' && (a.props.get(name) as { v: boolean }).v === value);

/** passport, and its Koa port and forks of it (`koa-passport`, `@scope/koa-passport`): the same API. */
const PASSPORT = /^(@[\w.-]+\/)?(koa-)?passport$/;

const RULES: Rule[] = [
  { spec: PASSPORT, path: /^authenticate\.\(\)$/, kind: 'authentication', optional: (x, args) => { const s = args[0]; const names = s?.k === 'arr' ? s.items.map((i) => x.str(i)) : [x.str(s)]; return names.includes('anonymous'); } },
  { spec: /^(express-jwt|koa-jwt|@koa\/jwt|express-oauth2-jwt-bearer|express-jwt-authz)$/, path: /^(\w+\.)?\(\)$|^(expressjwt|auth|requiredScopes|jwtAuthz)\.\(\)$/, kind: 'authentication', optional: (x, args) => flag('credentialsRequired', false)(x, args) || flag('passthrough', true)(x, args) || flag('authRequired', false)(x, args) },
  { spec: /^connect-ensure-login$/, path: /^(ensureLoggedIn|ensureAuthenticated)\.\(\)$/, kind: 'authentication' },
  { spec: /^express-openid-connect$/, path: /^(requiresAuth|claimCheck|claimEquals|claimIncludes)\.\(\)$/, kind: 'authentication' },
  { spec: /^express-openid-connect$/, path: /^auth\.\(\)$/, kind: 'authentication', optional: (x, args) => !args.some((a) => a.k === 'obj' && a.props.get('authRequired')?.k === 'bool' && (a.props.get('authRequired') as { v: boolean }).v === true) },
  { spec: /^(express-basic-auth|koa-basic-auth|basic-auth-connect)$/, path: /^\(\)$/, kind: 'authentication' },
  { spec: /^@clerk\/(express|fastify)$/, path: /^requireAuth\.\(\)$/, kind: 'authentication' },
  { spec: /^keycloak-connect$/, path: /protect\.\(\)$/, kind: 'authentication' },
  { spec: /^@fastify\/(basic-auth|bearer-auth|auth)$/, path: /.*/, kind: 'authentication' },
  { spec: /^hono\/(jwt|basic-auth|bearer-auth)$/, path: /^(jwt|basicAuth|bearerAuth)\.\(\)$/, kind: 'authentication' },
];

/** Names that suggest authentication when the code behind them cannot be read. */
export const AUTHISH = /auth|jwt|token|login|logged|session|passport|bearer|api_?key|apikey|signed_?in|current_?user|require_?user|protect|credential|principal|oauth|permission|perm\b|roles?\b|admin|acl|policy|can[A-Z(]|scope|guard|secure|private|member/i;

/** Auth plumbing that sets up sessions or strategies and refuses nobody. */
const SETUP_ONLY: [RegExp, RegExp][] = [
  [PASSPORT, /^(initialize|session)\.\(\)$/],
  [/^(express-session|cookie-session|koa-session|@fastify\/session|@fastify\/secure-session|client-sessions)$/, /^\(\)$|^default\.\(\)$/],
  [/^(cookie-parser|@fastify\/cookie)$/, /.*/],
];

/** A call of a package that sets up sessions, strategies or cookies (`session({…})` of express-session), by the call's package and path. */
export function setupOnlyCall(spec: string, path: string): boolean {
  return SETUP_ONLY.some(([s, p]) => s.test(spec) && p.test(path));
}

/**
 * A framework's bundled response plumbing (headers, CORS, logging, compression): it refuses nobody
 * by identity, though a name like `secureHeaders` reads as auth (AUTHISH) when its code is not ours.
 */
const PLUMBING = /^hono\/(secure-headers|cors|logger|etag|compress|pretty-json|timing|request-id|powered-by|trailing-slash|context-storage)$|^@fastify\/(helmet|cors|compress|etag)$/;

export function knownGuard(x: Interp, v: Value): GuardVerdict | undefined {
  if (v.k !== 'ext') return undefined;
  const path = (v as ExtValue).path.join('.');
  if (SETUP_ONLY.some(([s, p]) => s.test(v.spec) && p.test(path)) || PLUMBING.test(v.spec) || sessionStrategy(x, v as ExtValue)) return { verdict: 'none' };
  // `passport.authenticate('bearer', (err, user) => …)`: given a callback of ours, passport answers
  // nothing itself — it hands the outcome (a user, or false) to the callback. When that callback
  // refuses no one, the request goes on whatever the outcome: identity used if present.
  // What passport hands it for a request without credentials is `(null, false)`: a refusal under a
  // test those values (or the closure: a loose variant of the check) decide against refuses no one.
  const callback = /^authenticate\.\(\)$/.test(path) ? passportCallback(v) : undefined;
  if (callback && !liveRefusals(x, callback, PASSPORT_NO_USER).length) return { verdict: 'none' };
  for (const r of RULES) {
    if (!r.spec.test(v.spec) || !r.path.test(path)) continue;
    const optional = r.optional?.(x, v.args ?? []) ?? false;
    const name = v.text ?? `${v.spec.replace(/^@[^/]+\//, '')}${path ? '.' + path.replace(/\.\(\)$/, '()').replace(/^\(\)$/, '()') : ''}`;
    return { verdict: optional ? 'optional' : 'guard', guard: { name, kind: r.kind, reason: `known ${optional ? 'optional ' : ''}authentication middleware from '${v.spec}'`, ...(optional ? { optional: true } : {}) } };
  }
  return undefined;
}

/**
 * `passport.authenticate('session')`, `(['session'])`: what `passport.session()` calls. The session strategy
 * restores a signed-in caller and passes everyone else on, so a list holding it refuses nobody either
 * (passport tries the strategies in turn until one passes). Without a callback of ours only.
 */
function sessionStrategy(x: Interp, v: ExtValue): boolean {
  if (!PASSPORT.test(v.spec) || v.path.join('.') !== 'authenticate.()' || passportCallback(v)) return false;
  const s = v.args?.[0];
  const names = s?.k === 'arr' ? s.items.map((i) => x.str(i)) : [x.str(s ?? NULL)];
  return names.includes('session');
}

/** `passport.authenticate(strategy, callback)`: the callback it was given, if one of ours. */
export function passportCallback(v: ExtValue): FnValue | undefined {
  if (!PASSPORT.test(v.spec) || !/^authenticate(\.\(\))?$/.test(v.path.join('.'))) return undefined;
  const cb = v.args?.find((a) => a.k === 'fn');
  return cb?.k === 'fn' ? cb : undefined;
}

/** What passport hands the callback for a request without credentials: `callback(null, false, info)`. */
export const PASSPORT_NO_USER: readonly Value[] = [NULL, { k: 'bool', v: false }];

/**
 * `passport.authenticate('local', { successRedirect })` as the route's own handler (no callback of ours): the sign-in,
 * which replaces whatever identity an app-wide session decoder found; it reads none of it. (A decoder on the route's own
 * list, `auth({ optional: true })` before an OAuth start, is there for the strategy: linking a provider to the signed-in
 * account reads it; routeEntry.ts leaves those routes to the decoder.)
 */
export function passportSignIn(v: Value | undefined): boolean {
  return v?.k === 'ext' && PASSPORT.test(v.spec) && v.path.join('.') === 'authenticate.()' && !passportCallback(v);
}

/**
 * `passport.authenticate('local')`, `('ldapauth')`: a strategy that checks a name and password the
 * request carries. On a sign-in route that is the sign-in itself (routeEntry.ts), not a guard of it.
 */
export function passportFormSignIn(v: Value | undefined): boolean {
  const first = v?.k === 'ext' ? v.args?.[0] : undefined;
  return passportSignIn(v) && first?.k === 'str' && /^(local|ldap)[\w-]*$/i.test(first.v);
}
