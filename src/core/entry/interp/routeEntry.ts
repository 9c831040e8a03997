// One route at the end of its mount chain (link.ts), judged: the middleware on the way and on the
// route, a check inside the handler or in the code it hands the request to, a session the handler
// reads itself, token decoders whose identity nothing reads; then its guard state, the reason, and
// where its handler is. Pure over the interpreter's values.
import type { EntryPoint, Guard, GuardState } from '../types';
import type { GuardJudge, Judgement } from './guardEval';
import type { Interp } from './interpreter';
import type { FnValue, KnownGuard, RouteItem, RouterNode, SiteRef, Value } from './values';
import { valueText } from './values';
import { identityUnused } from './identityUse';
import { answersFromLocals } from './localsFinisher';
import { handoffsOf } from './handoff';
import { connectHandoff } from './connectHandoff';
import { unreadPackageHandoff } from './unreadPackageHandoff';
import { credentialHandoff } from './credentialHandoff';
import { configSwitch } from './configSwitch';
import { handlerCheck, signedOrCallerCheck, signsCallerIn, wrappedActionCheck } from './handlerCheck';
import { keyedRefusalCheck } from './keyedRefusal';
import { handlerSessionRead } from './sessionRead';
import { handlerIdentityRead } from './identityRead';
import { handedCheck, registeredCalls, unauthenticatedBelow } from './handedChecks';
import { methodVia, wrappedAction } from './wrappedAction';
import { isStaticServer } from '../frameworks/express';
import { passportFormSignIn, passportSignIn } from '../frameworks/knownGuards';
import { inInstalledPackage, installedHandlerCalls } from './installedCalls';
import { SIGN_IN_PATH } from '../signInPaths';
import { refusesNoneAt } from './hookUrlTests';
import { passesUncheckedAt } from './pathAllowList';
import { grantsAnonymousAt } from './anonymousGrant';
import { unlessBase, unlessSkips } from './unlessOption';
import { handlerText, innermostFn, takesRequest, wrapChain } from './handlerValues';

/**
 * Signing up, or in with a passkey (`POST /auth/register`, `POST /auth/webauthn`): the session the
 * handler gets is the one it creates for the new caller, not an identity it uses if present. Only
 * for the session-read rule: a check in such a handler (only an admin may register users) still guards.
 */
const SIGN_UP_PATH = /\/(register|sign-?up|webauthn)\/?$/i;
/**
 * Signing in with a provider (`GET /login/oidc`, `GET /signin/github`): an OAuth or OpenID Connect
 * sign-in starts with a GET that sends the caller to the provider, and the strategy there refuses only
 * a failed answer from it. A path one segment under a sign-in word.
 */
const PROVIDER_SIGN_IN_PATH = /\/(login|log-in|signin|sign-in)\/[\w-]+\/?$/i;

/** A middleware on a route's way, where it was attached. */
export interface Applied {
  value: Value;
  site: SiteRef;
  /** Attached where: for the guard's reason. */
  via: string;
  /** Judged in the context of this framework. */
  framework: string;
  /** The path it was applied under (`app.use('/api', mw)`, a router's mount): Express's `req.path` inside it is relative to this. */
  base?: string;
}

export interface LinkedRoute {
  entry: EntryPoint;
  /** The handler value: its function, for handler location and first hop. */
  handler?: FnValue;
  /** How the registration was reached (RouteItem.reachedBy). */
  reachedBy?: string;
}

/** The entry point of one registration reached at `path` through `chain`. */
export function makeEntry(x: Interp, judge: GuardJudge, r: RouterNode, route: RouteItem, path: string, dynamic: string | undefined, chain: Applied[], uncertain: string | undefined): LinkedRoute {
  const handlerValue = route.handlers[route.handlers.length - 1];
  const routeMw: Applied[] = route.handlers.slice(0, -1).map((v) => ({ value: v, site: route.site, via: `middleware argument at ${route.site.file}:${route.site.line}`, framework: route.framework }));
  const guards: Guard[] = [];
  const seen = new Set<string>();
  let anyGuard = false;
  let anyOptional = false;
  // Optional authentication the route itself declares (not one an app-wide session loader gives every route).
  let routeOptional = false;
  // The handler reads the caller's session itself (sessionRead.ts): the identity is used.
  let sessionRead = false;
  const unknowns: string[] = [];
  const addGuard = (g: KnownGuard, optional: boolean, via?: string): void => {
    // Two middleware made by one wrapper (`asyncHandler(authenticate)`, `asyncHandler(isAdmin)`) share
    // its name and place: what each refuses tells them apart.
    const key = `${g.name}@${g.file}:${g.line}${g.evidence ? `>${g.evidence.file}:${g.evidence.line}` : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const guard: Guard = { name: g.name, kind: g.kind, reason: via ? `${via}: ${g.reason}` : g.reason, file: g.file, line: g.line };
    if (optional || g.optional) guard.optional = true;
    if (g.evidence) guard.evidence = g.evidence;
    guards.push(guard);
    if (g.kind !== 'other') {
      if (optional || g.optional) anyOptional = true;
      else anyGuard = true;
    }
  };
  // App- and router-wide middleware that let anonymous requests through (token decoders).
  const decoders: Applied[] = [];
  // A guard that refuses only while a flag an earlier middleware set from a setting is on.
  let dependsOn: string | undefined;
  const applied = [...chain, ...routeMw];
  let signInMemo: boolean | undefined;
  const signsIn = (): boolean => (signInMemo ??= (() => {
    const f = innermostFn(handlerValue);
    return !!f && !!signsCallerIn(x, f);
  })());
  for (const [i, a] of applied.entries()) {
    // A middleware that passes every request outside its prefix on (facts/pathScope.ts) is not on
    // the way of a route whose path holds no such prefix anywhere (a mount's prefix may come before it).
    const under = a.value.k === 'fn' ? x.fnFact(a.value)?.onlyUnder : undefined;
    if (under && !dynamic && !path.includes(under)) continue;
    // A Fastify hook whose every refusal tests the URL or method against something this route is not (hookUrlTests.ts).
    if (a.framework === 'fastify' && a.value.k === 'fn' && !dynamic && refusesNoneAt(x, a.value, route.method, path)) continue;
    // An app-wide middleware that lets the route's URL through before any check (`if (PUBLIC.some((u) =>
    // req.path.startsWith(u))) return next()`): not on the route's way (pathAllowList.ts).
    if ((a.framework === 'express' || a.framework === 'koa') && a.value.k === 'fn' && !dynamic && passesUncheckedAt(x, a.value, route.method, path, a.framework === 'express' ? a.base : undefined)) continue;
    // An access check whose refusals all come after a grant its own closure gives an anonymous request to
    // this route at the default settings (`if (await authorize()) return next()`): open (anonymousGrant.ts).
    if ((a.framework === 'express' || a.framework === 'koa') && a.value.k === 'fn' && !dynamic && grantsAnonymousAt(x, a.value, route.method, path, a.framework === 'express' ? a.base : undefined)) continue;
    // `koaJwt({ secret }).unless(option)`: skipped for this route, or the middleware it was called on (unlessOption.ts).
    const unlessOf = dynamic ? undefined : unlessBase(a.value);
    const skips = unlessOf && a.value.k === 'ext' ? unlessSkips(x, a.value, route.method, path, a.framework === 'express' ? a.base : undefined) : undefined;
    if (skips === true) continue;
    const j: Judgement = judge.judge(skips === false ? unlessOf! : a.value, a.framework);
    const switched = j.verdict === 'guard' && j.flags ? configSwitch(x, j.flags, applied.slice(0, i).map((b) => innermostFn(b.value)).filter((f): f is FnValue => !!f)) : undefined;
    if (switched) dependsOn ??= `${j.guard?.name ?? valueText(a.value)} ${switched}`;
    // A check on the route's own list whose refusal is in code it calls, where its own code never
    // reads the identity the decoders before it set, so never hands it on (`new SharesService({ schema
    // }).readOne(pk)`, `new UsersService({ accountability: null }).registerUser(…)`): what that code
    // refuses is not who is calling (a record not found, a feature switched off, a one-time token).
    else if (j.verdict === 'guard' && j.guard && j.viaCallee && routeMw.includes(a) && checkIgnoresIdentity(x, decoders, a.value)) continue;
    // Nor, on a sign-in route, one whose refusal is the credential check of the sign-in it calls
    // (`authenticationService.login(…)` throwing InvalidCredentialsError), as for a handler below.
    // So is the strategy of a provider's sign-in, on the GET that starts it, and passport's
    // name-and-password strategy (`passport.authenticate('local')`) on the POST. Unless it checks
    // the caller's Authorization header (Gladys's admin-only `POST /gateway/login`).
    else if (j.verdict === 'guard' && j.guard && ((j.viaCallee && !j.headerCredential) || passportFormSignIn(a.value)) && routeMw.includes(a) && ((route.method === 'POST' && SIGN_IN_PATH.test(path)) || (route.method === 'GET' && PROVIDER_SIGN_IN_PATH.test(path)))) continue;
    else if (j.verdict === 'guard' && j.guard) addGuard(j.guard, false, a.via);
    // Optional authentication on the route's own list whose handler signs the caller in (hapi's
    // `auth: { strategy: 'github', mode: 'try' }` on the OAuth sign-in, which sets the session cookie):
    // the identity it brings is the one being signed in, not a caller's used if present.
    else if (j.verdict === 'optional' && j.guard && j.guard.kind === 'authentication' && routeMw.includes(a) && signsIn()) continue;
    else if (j.verdict === 'optional' && j.guard) {
      addGuard(j.guard, true, a.via);
      // Declared on the route or given by a mount, a decoder makes the route "anonymous allowed"
      // only if the route reads what it sets (below).
      if (j.guard.kind !== 'other' && routeMw.includes(a)) routeOptional = true;
      // A permission check the configuration lets anonymous callers through (configPermission.ts)
      // is no decoder: it hands the caller's identity to the check, so it reads it.
      if (j.guard.kind === 'authentication') decoders.push(a);
    }
    else if (j.verdict === 'unknown') unknowns.push(`${j.unresolved ?? valueText(a.value)}, ${a.via}`);
  }
  for (const g of route.guards ?? []) addGuard(g, !!g.optional);
  // A check inside the handler: it refuses when the caller is not who it should be.
  const handlerFn = innermostFn(handlerValue);
  // Not when the route itself declares anonymous access allowed (`auth({ optional: true })` in its
  // own middleware list): a check in the handler then guards the resource (a public share), not the
  // route. A session loader every route gets (app-wide, optional) says nothing of the route: a
  // handler that refuses without a session still guards it.
  // Nor on a sign-in route: the handler refusing bad credentials there is the sign-in itself.
  // Nor in a handler that signs the caller in (`signIn(ctx, …)` after checking an emailed token).
  const signIn = !!handlerFn && !anyGuard && !!signsCallerIn(x, handlerFn);
  if (!anyGuard && !routeOptional && handlerFn && !(route.method === 'POST' && SIGN_IN_PATH.test(path)) && !signIn) {
    const check = handlerCheck(x, handlerFn, route.method);
    // A sign-in page that sends the caller on into the sign-in flow (GET /login redirecting to
    // `/login/${strategy}` under an auto-login setting, Wiki.js): the redirect is the way in, not a
    // refusal in front of the page.
    if (check && !(check.evidence?.how === 'redirect-login' && SIGN_IN_PATH.test(path))) addGuard(check, false, 'check inside the handler');
    // A wrapper of ours that checks the caller before calling the handler (`withAuth(async (req, res) => …)`).
    const outer = anyGuard ? undefined : wrapChain(handlerValue).filter((f) => f !== handlerFn).map((w) => handlerCheck(x, w, route.method)).find((k) => !!k);
    if (outer) addGuard(outer, false, 'check in the wrapper around the handler');
  }
  // But a handler that refuses a request bringing neither the caller nor a signature of its own
  // (`if (sig) verify(sig) else if (!actor) throw AuthenticationError()`) guards the route.
  if (!anyGuard && routeOptional && handlerFn) {
    const check = signedOrCallerCheck(x, handlerFn);
    if (check) addGuard(check, false, 'check inside the handler');
  }
  // An error known by its message that the route's own formatter sends as 401/403, thrown a few
  // calls down when a predicate of ours says no for the id a guest's request carries
  // (keyedRefusal.ts): every anonymous caller meets it, whatever decoder let them in.
  if (!anyGuard && handlerFn && !signIn && !(route.method === 'POST' && SIGN_IN_PATH.test(path))) {
    const check = keyedRefusalCheck(x, handlerFn, wrapChain(handlerValue));
    if (check) addGuard(check, false, 'check below the handler');
  }
  // A framework's wrapped action (`http(api.x.y)`): the refusal of a missing caller down its calls.
  // Whatever loaded the caller before it (an optional session loader on the route itself): the
  // action refuses a request that arrives without one.
  const action = handlerFn ? undefined : wrappedAction(handlerValue);
  if (!anyGuard && action && !SIGN_IN_PATH.test(path)) {
    const check = wrappedActionCheck(x, action.fn);
    if (check) addGuard(check, false, `check in the wrapped action ${action.via}`);
  }
  // The request handed on by the handler: a router of ours runs its middleware on it (their
  // guards count); code we cannot see could refuse it, so "no guard" cannot be said.
  let handedTo: string | undefined;
  let picked: string | undefined;
  const h = handlerFn ? handoffsOf(x, handlerFn) : undefined;
  if (!anyGuard && h) {
    for (const r of h.routers) {
      for (const it of r.items) {
        if (it.t !== 'use') continue;
        for (const v of it.args) {
          if (v.k === 'router') continue;
          const j = judge.judge(v, r.framework);
          const via = `the handler hands the request to the ${r.framework} router made at ${r.site.file}:${r.site.line}, middleware at ${it.site.file}:${it.site.line}`;
          if (j.verdict === 'guard' && j.guard) addGuard(j.guard, false, via);
          else if (j.verdict === 'optional' && j.guard) addGuard(j.guard, true, via);
          else if (j.verdict === 'unknown') unknowns.push(`${j.unresolved ?? valueText(v)}, ${via}`);
        }
      }
    }
    // What those functions check, as a check inside the handler (not on a sign-in route).
    if (!anyGuard && !routeOptional && !signIn && !(route.method === 'POST' && SIGN_IN_PATH.test(path))) {
      for (const f of h.fns) {
        const check = handlerCheck(x, f, route.method);
        if (check) {
          addGuard(check, false, 'check in the code the handler hands the request to');
          break;
        }
      }
    }
    if (h.unseen.length) handedTo = h.unseen[0];
    // A dispatch table (`subRoutes[path.id](path, ctx)`): guarded when every entry checks the
    // caller, no guard from it when none does, unknown when the request picks between both.
    for (const t of h.tables) {
      if (anyGuard || routeOptional || signIn) break;
      const checks = t.fns.map((f) => handlerCheck(x, f, route.method));
      const first = checks.find((c) => !!c);
      if (first && checks.every((c) => !!c)) addGuard(first, false, `every function of the dispatch table ${t.text} checks the caller`);
      else if (first) picked ??= `${t.text}, a dispatch table where some functions check the caller (${first.name}, ${first.file}:${first.line}) and others do not: which one answers depends on the request`;
    }
  }
  // Handed to a library's object that functions of ours were registered on (an OpenAPI backend's
  // `handleRequest` after `register(operationId, fn)`): guarded when every one that does anything
  // (not a `notFound` that only throws) checks the caller, as a dispatch table's entries.
  if (!anyGuard && !routeOptional && !signIn && handlerFn) {
    for (const c of registeredCalls(x, handlerFn)) {
      const checks = c.fns.filter((f) => !!x.fnFact(f)?.ops.length).map((f) => handlerCheck(x, f, route.method) ?? unauthenticatedBelow(x, f));
      const first = checks.find((k) => !!k);
      if (first && checks.every((k) => !!k)) addGuard(first, false, `every function registered on ${c.to} checks the caller`);
    }
  }
  // Handed to ConnectRPC: its router's interceptors decide which calls are served.
  if (!anyGuard && !handedTo && handlerFn) {
    const rpc = connectHandoff(x, handlerFn);
    if (rpc) handedTo = `${rpc} (ConnectRPC: the Connect router's interceptors decide which calls are served)`;
  }
  // Handed to a function of one of our own packages whose code is not here (unreadPackageHandoff.ts).
  if (!anyGuard && !handedTo && handlerFn) handedTo = unreadPackageHandoff(x, handlerFn);
  // Or given the caller's credential header, to be checked where we cannot read (credentialHandoff.ts).
  if (!anyGuard && !handedTo && handlerFn) handedTo = credentialHandoff(x, handlerFn);
  // No middleware reads who is calling, but the handler looks up the caller's session itself and
  // answers either way: anonymous allowed (see sessionRead.ts).
  if (!anyGuard && !anyOptional && handlerFn && !(route.method === 'POST' && (SIGN_IN_PATH.test(path) || SIGN_UP_PATH.test(path)))) {
    const read = handlerSessionRead(x, handlerFn);
    const fact = read ? x.fnFact(handlerFn) : undefined;
    if (read && fact) {
      addGuard({ name: `session read in ${fact.name.replace(/^<anon@\d+>$/, 'the handler')}`, kind: 'authentication', optional: true, reason: `reads the caller's session (${read}) and answers without one too`, file: handlerFn.file, line: fact.start }, true);
      routeOptional = true;
      sessionRead = true;
    }
  }
  // Nor a session read by name, but the caller read off the request (`req.isAuthenticated()`,
  // `req.user`) by the handler or code of ours it hands the request to: anonymous allowed too
  // (see identityRead.ts). Not where the handler signs the caller in: that identity is the new one.
  if (!anyGuard && !anyOptional && handlerFn && !signIn && !(route.method === 'POST' && (SIGN_IN_PATH.test(path) || SIGN_UP_PATH.test(path)))) {
    const read = handlerIdentityRead(x, handlerFn);
    if (read) {
      addGuard({ name: `identity read in ${read.fnName}`, kind: 'authentication', optional: true, reason: `reads the caller's identity (${read.text} in ${read.fnName}, ${read.file}:${read.line}) and answers anonymous callers too`, file: read.file, line: read.line }, true);
      routeOptional = true;
      sessionRead = true;
    }
  }
  let state: GuardState;
  let reason: string;
  // Decoders whose identity nothing on the route reads: anonymous callers get exactly what
  // everyone gets. Decided from the route's code, whether or not its path could be evaluated.
  // A static file server answers from the URL alone: it reads no identity.
  let unused = !anyGuard && anyOptional && !sessionRead && (handlerFn || isStaticServer(handlerValue) || (passportSignIn(handlerValue) && decoders.every((d) => !routeMw.includes(d)))) && !(route.guards ?? []).some((g) => g.optional) ? decodersUnused(x, decoders, handlerFn, routeMw, route.framework === 'express' ? applied : undefined) : undefined;
  // What the decoders set goes unread, but the handler reads the caller off the request itself (`ctx.user`, the
  // session's `logout()`), set by a session layer out of sight (egg-passport's): identity used all the same.
  if (unused && handlerFn && !signIn && handlerIdentityRead(x, handlerFn)) unused = undefined;
  const unusedReason = (): string => {
    const what = unused?.length ? `nothing on the route reads ${unused.join(', ')}` : 'nothing on the route reads the request beyond its URL and headers';
    return `a token decoder runs (${guards.filter((g) => g.optional).map((g) => g.name).join(', ')}), its identity is not used: ${what}`;
  };
  if (anyGuard) {
    state = 'guarded';
    reason = guards.filter((g) => g.kind !== 'other' && !g.optional).map((g) => `${g.name} (${g.file}:${g.line})`).join(', ');
  } else if (dependsOn) {
    state = 'unknown';
    reason = dependsOn;
  } else if (unknowns.length) {
    state = 'unknown';
    reason = `could not tell whether ${unknowns[0]} refuses requests`;
  } else if (handedTo) {
    state = 'unknown';
    reason = `the handler hands the request to ${handedTo}, which Deep Dive could not resolve: a check there could refuse it`;
  } else if (picked) {
    state = 'unknown';
    reason = `the handler hands the request to ${picked}`;
  } else if (uncertain) {
    state = 'unknown';
    reason = uncertain;
  } else if (dynamic) {
    state = anyOptional && !unused ? 'optional' : 'unguarded';
    reason = `path or prefix not static (${dynamic}); ` + (unused ? unusedReason() : anyOptional ? 'anonymous allowed' : 'no middleware on the way refuses requests');
  } else if (anyOptional) {
    if (unused) {
      // Anonymous callers get exactly what everyone gets: the route is open.
      state = 'unguarded';
      reason = unusedReason();
    } else {
      state = 'optional';
      reason = `anonymous allowed: ${guards.filter((g) => g.optional && g.kind !== 'other').map((g) => g.name).join(', ')}`;
    }
  } else {
    const handed = handlerFn ? handedCheck(x, handlerFn) : undefined;
    state = handed ? 'unknown' : 'unguarded';
    reason = handed ? `the handler hands ${handed}, which Deep Dive could not resolve: whether it runs the check is not known` : 'every mount and middleware on the way is known and none refuses requests';
  }
  const fact = handlerFn ? x.fnFact(handlerFn) : undefined;
  const entry: EntryPoint = {
    id: `${route.method} ${path}`,
    kind: 'http',
    method: route.method,
    path,
    handler: route.handlerText ?? handlerText(x, handlerValue),
    file: route.site.file,
    line: route.site.line,
    guards,
    public: state !== 'guarded',
    guardState: state,
    guardReason: reason,
    framework: route.framework,
  };
  if (dynamic) entry.dynamic = { expression: dynamic };
  if (handlerFn && fact) {
    entry.handlerLocation = { file: handlerFn.file, symbol: fact.name, range: { start: fact.start, end: fact.end } };
    // A member method handed to a framework wrapper (`http(api.session.add)`, `add(frame)`) that
    // takes no request: the wrapper calls it with something of its own, so it is the wrapped
    // action (the flow's first call), like a `{ query(frame) }` action object.
    if (handlerValue?.k === 'ext' && !takesRequest(fact.params)) {
      const action = wrappedAction(handlerValue);
      const via = action && action.fn.file === handlerFn.file && action.fn.fn === handlerFn.fn ? action.via : methodVia(handlerValue, handlerFn);
      if (via) entry.handlerLocation.via = via;
    }
    // A handler that only forwards the request (`(req, res, next) => svc.api.middleware.x(req, res, next)`,
    // through a router and an error wrapper to `Controller.x`): the function doing the work is
    // the flow's first call, as for a framework wrapper.
    const end = h && !h.unseen.length && h.ends.length === 1 ? h.ends[0] : undefined;
    const ef = end ? x.fnFact(end) : undefined;
    // Only a function named at the top of its file or a class's method: the name is then its symbol path.
    if (end && ef && ef.parent === undefined && !/^<anon@/.test(ef.name)) entry.handlerLocation = { file: end.file, symbol: ef.name, range: { start: ef.start, end: ef.end }, via: ef.name };
  } else {
    const action = wrappedAction(handlerValue);
    const af = action ? x.fnFact(action.fn) : undefined;
    if (action && af) entry.handlerLocation = { file: action.fn.file, symbol: af.name, range: { start: af.start, end: af.end }, via: action.via };
  }
  // A handler the map does not hold (an own package's, installed): its calls of ours, for its flow.
  const loc = entry.handlerLocation;
  if (handlerFn && loc && !loc.via && loc.file === handlerFn.file && inInstalledPackage(loc.file)) {
    const calls = installedHandlerCalls(x, handlerFn);
    if (calls.length) loc.calls = calls;
  }
  return { entry, ...(handlerFn ? { handler: handlerFn } : {}), ...(route.reachedBy !== undefined ? { reachedBy: route.reachedBy } : {}) };
}

/** The decoders' identity is never read by the code of `check` itself (the function it wraps): see makeEntry. */
function checkIgnoresIdentity(x: Interp, decoders: Applied[], check: Value): boolean {
  const fns = decoders.map((d) => innermostFn(d.value));
  const own = innermostFn(check);
  if (!fns.length || fns.some((f) => !f) || !own) return false;
  return !!identityUnused(x, fns as FnValue[], own, []);
}

/** The request properties the decoders set when no route code reads them (see identityUnused). */
function decodersUnused(x: Interp, decoders: Applied[], handler: FnValue | undefined, routeMw: Applied[], expressChain?: Applied[]): string[] | undefined {
  const fns = decoders.map((d) => innermostFn(d.value));
  if (fns.some((f) => !f)) return undefined;
  // The decoders on the route's own list set the identity; they are not readers of it.
  const readers = routeMw.filter((m) => !decoders.includes(m));
  // A last function that only sends what the route's own function before it left in `res.locals`
  // (`…, asyncHandler(login), respond`): its reads of the caller key the cache, not the answer (localsFinisher.ts).
  const finisher = !!handler && readers.some((m) => innermostFn(m.value)) && answersFromLocals(x, handler);
  const appWide = decoders.every((d) => !routeMw.includes(d));
  // An Express route's templates see what the middleware before it put in the locals (expressViews.ts).
  return identityUnused(x, fns as FnValue[], finisher ? undefined : handler, readers.map((m) => innermostFn(m.value) ?? m.value), appWide, expressChain?.map((m) => innermostFn(m.value) ?? m.value));
}
