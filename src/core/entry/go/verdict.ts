// Whether a piece of Go middleware (or a handler's own first checks) refuses requests: a known
// guard from its package, or our own code that answers 401/403 on a credential check or
// redirects to login. What cannot be read and looks like auth is `unknown`, never "public".
import { panicCheckGuard } from './panicChecks';
import { optionHolds } from './optionTests';
import type { Guard } from '../types';
import { AUTHISH } from '../frameworks/knownGuards';
import { knownExternal, undecidedExternal } from './frameworks';
import type { GoIndex } from './resolve';
import { calleeStandIn } from './calleeStandIns';
import type { Callee, GoCandidate, GoFunc, NameTest, PathPass, Refusal } from './types';
import { signatureKeys, type SignatureKeys } from './keyChain';
import { settingState } from './settings';
import { resultCheckGuard } from './resultChecks';
import { returnedGuard } from './returnedGuard';
import { afterAbsentPass } from './absentPasses';
import { givenVerdict } from './givenMiddleware';
import { handedVerdict } from './handedMiddleware';
import { chainTakesPass } from './optionPasses';
import { unreadValueReturn } from './valueReturns';
import { challengeGuard } from './credentialChallenge';
import { flaggedVerdict } from './flaggedHandlers';
import { recordedRefusal } from './contextErrs';
import { closureGuard } from './closureChecks';
import { freshValue } from './storedSettings';

const STORED_KEY = 'a signature that does not verify against a key looked up in storage by the id the request names ends the request';

export type Verdict =
  | { verdict: 'guard'; guard: Guard; passes: PathPass[]; owner?: GoFunc; conditional?: string; reach?: NameTest[][]; gates?: Callee[] }
  | { verdict: 'none' }
  | { verdict: 'unknown'; why: string; reach?: NameTest[][] };

const MAX_DEPTH = 6;

export function judgeCandidate(ix: GoIndex, c: GoCandidate): Verdict {
  // A parameter of the registering function: what its callers hand in (handedMiddleware.ts).
  const fromCallers = c.param ? handedVerdict(ix, c, judgeCandidate) : undefined;
  if (fromCallers) return fromCallers;
  if (c.composer) {
    // A local bound to a composing call: the middleware its composer runs or picks decides (givenMiddleware.ts); else as an unresolved name.
    const fn = ix.fnOf(c.callee);
    const g = fn && givenVerdict(ix, fn, c, judgeCandidate);
    if (g) return g;
    return AUTHISH.test(c.text) ? { verdict: 'unknown', why: `${oneLine(c.text)} (${c.file}:${c.line}) could not be resolved` } : { verdict: 'none' };
  }
  let r = ix.resolve(c.callee);
  // An interface method or a func-type conversion of ours: the code that runs (calleeStandIns.ts).
  const standIn = r && c.callee && !('fn' in r) && !('ext' in r) ? calleeStandIn(ix, c.callee) : undefined;
  if (standIn) r = ix.resolve(standIn) ?? r;
  // A composed argument is judged by its own name, not its package's (`adminui.TemplatesFS` is no admin check).
  const name = c.composed ? c.text.replace(/\(.*$/s, '').replace(/^.*\./, '') : c.text.replace(/\(.*$/s, '');
  let v: Verdict;
  let keys: SignatureKeys;
  let handed: ReturnType<typeof returnedGuard>;
  let given: Verdict | undefined;
  let flagged: Verdict | undefined;
  if (r && 'ext' in r) {
    const k = knownExternal(r.ext, r.name);
    if (k === 'none') v = { verdict: 'none' };
    else if (k) v = { verdict: 'guard', guard: { name: oneLine(c.text), kind: k.kind, reason: `${c.via}: ${k.reason}`, file: c.file, line: c.line }, passes: [] };
    else if (undecidedExternal(r.ext, r.name)) v = { verdict: 'unknown', why: `${oneLine(c.text)} (${c.file}:${c.line}): ${undecidedExternal(r.ext, r.name)}` };
    else v = AUTHISH.test(name) ? { verdict: 'unknown', why: `${oneLine(c.text)} (${c.file}:${c.line}) comes from ${r.ext}, whose code is not here` } : { verdict: 'none' };
  } else if (r && 'fn' in r && errGate(ix, r.fn, c)) {
    v = errGate(ix, r.fn, c)!;
  } else if (r && 'fn' in r) {
    const found = refusingIn(ix, r.fn, new Set(), 0, false);
    // A factory that refuses only under options it is given (optionTests.ts): the options written
    // where it was called decide — it refuses when one of its refusals holds for them, lets everyone
    // through when none does; an option they do not settle, or options not read, leave it unknown.
    let gate = found;
    let unsettled: Refusal | undefined;
    if (found?.refusal.option !== undefined) {
      gate = undefined;
      for (const x of found.fn.refusals.filter((x) => x.how === 'redirect to login' || x.credential)) {
        const holds = x.option === undefined ? true : c.made ? optionHolds(x.option, c.made, (e) => ix.settingOfExpr(c.file, e)) : undefined;
        if (holds === true) gate ??= { fn: found.fn, refusal: x };
        else if (holds === undefined) unsettled ??= x;
      }
    }
    // Refusals that run only while a stored requirement is on (requirementGates.ts): one that does not wait for it decides; else configuration does.
    const waits = gate?.refusal.requires !== undefined ? gate : undefined;
    if (waits) {
      const plain = waits.fn.refusals.find((x) => (x.how === 'redirect to login' || x.credential) && x.requires === undefined && x.option === undefined);
      gate = plain ? { fn: waits.fn, refusal: plain } : undefined;
    }
    // The settings' seeds may say what a fresh install holds (storedSettings.ts): the pass holds → nobody is refused; it fails → the refusal runs.
    const seeded: string[] = [];
    const passes = waits && !gate && waits.refusal.requiresExpr ? freshValue(ix, waits.refusal.requiresExpr, seeded) : undefined;
    if (passes === false) gate = waits;
    if (waits && !gate && passes === true) {
      v = { verdict: 'none' };
    } else if (waits && !gate) {
      v = { verdict: 'unknown', why: `${oneLine(c.text)} (${c.file}:${c.line}) refuses (${waits.refusal.how}, ${waits.fn.file}:${waits.refusal.line}) only while a stored setting requires it — every caller goes on when \`${waits.refusal.requires}\` holds; its value on a fresh install is not in the code` };
    } else if (found && !gate && !unsettled) v = { verdict: 'none' };
    else if (found && !gate && unsettled) {
      v = { verdict: 'unknown', why: `${oneLine(c.text)} (${c.file}:${c.line}) refuses only when its options say so (${unsettled.option}, ${found.fn.file}:${unsettled.line}); ${c.made ? `the options given (${c.made.length > 100 ? c.made.slice(0, 99) + '…' : c.made}) do not settle it` : 'the options it is given are not read'}` };
    } else if (gate) {
      const { fn, refusal } = gate;
      v = {
        verdict: 'guard',
        guard: { name: oneLine(c.text), kind: /role|perm|admin|scope|acl|author/i.test(c.text) ? 'authorization' : 'authentication', reason: `${c.via}; its code refuses requests (${refusal.how})`, file: c.file, line: c.line, evidence: { how: refusal.how, text: refusal.text, file: fn.file, line: refusal.line } },
        passes: fn.passes,
        owner: r.fn,
        // Calls whose truth hands the request on before it refuses (optionalFor.ts): the builder's lists decide them per route.
        ...(fn.optionalGates ? { gates: fn.optionalGates } : {}),
      };
      // Refusals that only some route names reach (gorilla `GetName()` tests): the guard is each route's own.
      const refusing = fn.refusals.filter((x) => x === refusal || x.how === 'redirect to login' || x.credential);
      if (refusing.some((x) => x.names)) v.reach = refusing.map((x) => x.names ?? []);
    } else if ((flagged = flaggedVerdict(ix, r.fn, c, (t) => refusingIn(ix, t, new Set(), 1, false)))) {
      // It returns a handler literal whose flags decide the checks its ServeHTTP runs (flaggedHandlers.ts).
      v = flagged;
    } else if ((given = givenVerdict(ix, r.fn, c, judgeCandidate))) {
      // It runs middleware it was given (givenMiddleware.ts): theirs is the verdict.
      v = given;
    } else if ((handed = returnedGuard(ix, r.fn))) {
      // It hands out a library's guard (returnedGuard.ts): that guard's verdict, passes read from its Skipper.
      v = { verdict: 'guard', guard: { name: oneLine(c.text), kind: handed.guard.kind, reason: `${c.via}; returns ${handed.callee}: ${handed.guard.reason}`, file: c.file, line: c.line }, passes: [], owner: r.fn };
    } else if (r.fn.secrets?.length) {
      // A secret the caller offers compared, the request ended on a mismatch (secretChecks.ts): whatever the status.
      const sc = r.fn.secrets[0];
      v = {
        verdict: 'guard',
        guard: { name: oneLine(c.text), kind: 'authentication', reason: `${c.via}; its code refuses requests (${SECRET})`, file: c.file, line: c.line, evidence: { how: SECRET, text: sc.text, file: r.fn.file, line: sc.line } },
        passes: r.fn.passes,
        owner: r.fn,
      };
    } else if ((keys = signatureKeys(ix, r.fn)).stored) {
      const { fn, verify } = keys.stored;
      v = {
        verdict: 'guard',
        guard: { name: oneLine(c.text), kind: 'authentication', reason: `${c.via}; its code refuses requests (${STORED_KEY})`, file: c.file, line: c.line, evidence: { how: STORED_KEY, text: verify.text, file: fn.file, line: verify.line } },
        passes: [],
        owner: r.fn,
      };
    } else {
      const soft = softIn(ix, r.fn, new Set(), 0, keys.selfContained);
      // It hands out a middleware value we cannot read (valueReturns.ts): not "none" when it reads as auth.
      const unread = soft ? undefined : unreadValueReturn(ix, r.fn, `${oneLine(c.text)} (${c.file}:${c.line})`);
      if (unread) v = { verdict: 'unknown', why: unread };
      else v = soft ? { verdict: 'unknown', why: `${oneLine(c.text)} ends the request when a credential check fails, with a status other than 401/403 (${soft.file}:${soft.line})`, ...(soft.names ? { reach: [soft.names] } : {}) } : { verdict: 'none' };
    }
  } else if (r && 'key' in r && !c.callee?.startsWith('meth:') && (!c.composed || /\)\s*$/.test(c.text))) {
    // A function of the service's own we could not find, wrapped around a handler or router (`middleware1FA(h)`) or called to
    // make a middleware composed into a chain (`Chain(base, gates.Check("x"))`): its code may refuse, whatever its name. Not a
    // value composed in (`pageWith(adminpages.Files)`): a variable is no function to find.
    v = { verdict: 'unknown', why: `${oneLine(c.text)} (${c.file}:${c.line}), a function of this service, could not be found` };
  } else if (c.spread) v = { verdict: 'unknown', why: `${oneLine(c.text)} (${c.file}:${c.line}), a list of middleware spread into the handler's adapter, could not be read` };
  else v = AUTHISH.test(name) ? { verdict: 'unknown', why: `${oneLine(c.text)} (${c.file}:${c.line}) could not be resolved` } : { verdict: 'none' };
  if (v.verdict === 'guard' && c.condition) v.conditional = c.condition;
  // Built with an option named like one its code lets the request on under (optionPasses.ts): that pass may be taken.
  const taken = v.verdict === 'guard' && r && 'fn' in r && r.fn.optionPasses ? chainTakesPass(c.text, r.fn.optionPasses) : undefined;
  if (taken) v = { verdict: 'unknown', why: `${oneLine(c.text)} (${c.file}:${c.line}) is built with ${taken.method}(), and its code lets requests on while ${taken.field} is set (${r && 'fn' in r ? r.fn.file : c.file}:${taken.line})` };
  return v;
}

/** A credential check that ends the request without 401/403, in the handler or what it calls first: could not tell. */
export function handlerDoubt(ix: GoIndex, fn: GoFunc): string | undefined {
  // A refusal a setting switches, whose default we cannot read: depends on configuration.
  const undecided = fn.refusals.filter((r) => r.credential && r.setting).map((r) => settingState(ix, fn.key, r.setting!)).find((s) => s.state === 'undecided');
  if (undecided) return `the handler ${undecided.why} (${fn.file})`;
  const switched = fn.refusals.find((r) => r.switched);
  if (switched) return `the handler refuses every caller while a feature of the settings is off (${switched.switched}, ${fn.file}:${switched.line}); who may call it once on is not followed`;
  const soft = softIn(ix, fn, new Set(), 0, false, true) ?? [...fn.checks, ...(fn.errCalls ?? []), ...(fn.handsOn ?? []).map((callee) => ({ callee }))].map((c) => ix.fnOf(c.callee)).filter((x): x is GoFunc => !!x).map((x) => softIn(ix, x, new Set(), 1, false, true)).find(Boolean);
  if (soft) return `the handler ends the request when a credential check fails, with a status other than 401/403 (${soft.file}:${soft.line})`;
  return fn.upgrades ? `the handler upgrades the connection to a WebSocket (${fn.file}:${fn.upgrades}); who may use it is decided in the messages it reads, which are not followed` : undefined;
}

/** The first soft check in a function or what it returns; `selfSigned`: the chain verifies signatures only against keys the request carries, so checks on the signature identify nobody. */
function softIn(ix: GoIndex, fn: GoFunc, seen: Set<string>, depth: number, selfSigned = false, handler = false): { file: string; line: number; names?: NameTest[] } | undefined {
  if (seen.has(fn.key) || depth > MAX_DEPTH) return undefined;
  seen.add(fn.key);
  // A check after a pass for callers offering no credential doubts nobody's way in (absentPasses.ts).
  const soft = (selfSigned ? fn.soft.filter((l) => !fn.softSig?.includes(l)) : fn.soft).filter((l) => !afterAbsentPass(fn, l, handler));
  // A doubt that only some route names reach (`if route.GetName() == "metrics" && !allowed(r)`)
  // is those routes' own, and only when every soft line of the function is so limited.
  const named = soft.length && soft.every((l) => fn.softNamed?.some((n) => n.line === l)) ? fn.softNamed?.find((n) => n.line === soft[0]) : undefined;
  if (soft.length) return { file: fn.file, line: soft[0], ...(named ? { names: named.names } : {}) };
  // A credential passed on to a call whose failure a helper answers with a server error is the
  // handler's own failure, not a refused caller; any other helper (or one we cannot read) may refuse.
  const passed = fn.softPassedOn?.find((p) => (ix.fnOf(p.helper)?.status ?? 0) < 500);
  if (passed) return { file: fn.file, line: passed.line };
  for (const c of fn.returns) {
    const inner = ix.fnOf(c);
    const found = inner && softIn(ix, inner, seen, depth + 1, selfSigned, handler);
    if (found) return found;
  }
  return undefined;
}

/** Checks in a handler's own code: a refusal on a credential check, or a first call whose error ends the request and that refuses with 401. */
export function judgeHandler(ix: GoIndex, fn: GoFunc, seen = new Set<string>()): Guard | undefined {
  seen.add(fn.key);
  // A refusal under a setting's test counts when the setting's default lets it run (settings.ts);
  // one whose default cannot be read leaves the handler's checks undecided (handlerDoubt says why).
  const states = fn.refusals.filter((r) => r.credential).map((r) => ({ r, s: r.setting && settingState(ix, fn.key, r.setting) }));
  if (states.some(({ s }) => s?.state === 'undecided')) return undefined;
  const on = states.find(({ s }) => !s || s.state === 'on');
  if (on) return handlerGuard(fn, fn, on.r, `check in the handler at ${fn.file}:${on.r.line}${on.s ? `, as ${on.s.why}` : ''}`);
  // A package error answering 401/403 (or saying a credential is required) returned under a credential test (statusErrs.ts).
  for (const e of (fn.errReturns ?? []).filter((x) => !x.paramTest)) {
    const how = ix.statusErrs.get(e.name) ?? (/^lit#40[13]$/.test(e.name) ? e.name.slice(4) : undefined);
    if (how) return handlerGuard(fn, fn, { how: `${e.name.replace(/^.*#/, '')}: ${how}`, text: e.text, line: e.line, credential: true }, `check in the handler at ${fn.file}:${e.line}`);
  }
  for (const ch of fn.checks) {
    const callee = ix.fnOf(ch.callee);
    if (!callee) continue;
    const found = refusingIn(ix, callee, new Set(), 1, true);
    if (found) return handlerGuard(fn, found.fn, found.refusal, `${ch.callee.replace(/^.*[#.|]/, '')}() at ${fn.file}:${ch.line} ends the request when it fails`);
  }
  // A helper of ours called at the end of a credential test's branch that sends the caller to sign in (a redirect to login,
  // a 401 after its own credential test); a 403 in a shared error helper (crowdsec's HandleDBErrors) may be about anything.
  for (const v of fn.refusesVia ?? []) {
    const h = ix.fnOf(v.callee);
    // Or a 401/403 it records on the context, which the handler's wrapper answers (contextErrs.ts).
    const r = h?.refusals.find((x) => x.how === 'redirect to login' || ((x.credential || x.mapped) && x.how === '401')) ?? (h && recordedRefusal(ix, h));
    if (r) return handlerGuard(fn, h!, r, `${v.callee.replace(/^.*[#.|]/, '')}() at ${fn.file}:${v.line}, called when a credential test fails,`);
  }
  // A library handed the request that authenticates the caller as it reads it (requestCalls.ts, frameworks.ts).
  for (const rc of fn.requestCalls ?? []) {
    const r = ix.resolve(rc.callee);
    const k = r && 'ext' in r ? knownExternal(r.ext, r.name) : undefined;
    const ends = !k || k === 'none' || !k.whenErrorEnds || [...fn.checks, ...(fn.errCalls ?? [])].some((c) => c.line === rc.line);
    if (k && k !== 'none' && ends) return { name: r && 'ext' in r ? r.name : rc.callee, kind: k.kind, reason: `${rc.callee.replace(/^.*[#.|]/, '')}() at ${fn.file}:${rc.line}; ${k.reason}`, file: fn.file, line: fn.line, evidence: { how: k.reason, text: rc.callee.replace(/^.*[#.|]/, ''), file: fn.file, line: rc.line } };
  }
  const twoStep = resultCheckGuard(ix, fn) ?? challengeGuard(ix, fn);
  if (twoStep) return twoStep;
  // A secret compared and the request ended on a mismatch, in the handler or a call whose failure ends it (secretChecks.ts).
  const own = fn.secrets?.[0];
  if (own) return handlerGuard(fn, fn, { how: SECRET, text: own.text, line: own.line, credential: true }, `check in the handler at ${fn.file}:${own.line}`);
  for (const ch of [...fn.checks, ...(fn.errCalls ?? [])]) {
    const callee = ix.fnOf(ch.callee);
    const s = callee?.secrets?.[0];
    if (callee && s) return handlerGuard(fn, callee, { how: SECRET, text: s.text, line: s.line, credential: true }, `${ch.callee.replace(/^.*[#.|]/, '')}() at ${fn.file}:${ch.line}`);
  }
  const panicked = panicCheckGuard(ix, fn);
  if (panicked) return panicked;
  const closure = closureGuard(ix, fn, seen, (f) => judgeHandler(ix, f, seen));
  if (closure) return closure;
  // A handler that only hands its request on (`h.legacy.ApiGetTags(c.ResponseWriter(), c.Request(), …)`, handsOn.ts):
  // guarded when every function of ours it hands the request to is.
  const delegates = (fn.handsOn ?? []).map((c) => ix.fnOf(c)).filter((x): x is GoFunc => !!x && !seen.has(x.key));
  if (delegates.length && delegates.length === fn.handsOn!.length && seen.size < MAX_DEPTH) {
    const found = delegates.map((x) => judgeHandler(ix, x, seen));
    if (found.every(Boolean)) return { ...found[0]!, reason: `the handler hands the request to ${delegates[0].key.replace(/^.*[#.|]/, '')}() (${fn.file}:${fn.line}), where ${found[0]!.reason}` };
  }
  return undefined;
}

const SECRET = 'a secret the caller offers is compared and a mismatch ends the request, whatever the status';

function handlerGuard(handler: GoFunc, where: GoFunc, r: Refusal, via: string): Guard {
  return { name: via.split(' ')[0], kind: 'authentication', reason: `${via}; refuses requests (${r.how})`, file: handler.file, line: handler.line, evidence: { how: r.how, text: r.text, file: where.file, line: r.line } };
}

/** The first refusal in a function or in what it returns or delegates to. */
function refusingIn(ix: GoIndex, fn: GoFunc, seen: Set<string>, depth: number, strict: boolean): { fn: GoFunc; refusal: Refusal } | undefined {
  if (seen.has(fn.key) || depth > MAX_DEPTH) return undefined;
  seen.add(fn.key);
  // A refusal counts when it follows a credential check (or is a redirect to login): a 403 for a
  // disabled feature or a 401 for an inactive account found by its key are not authentication.
  const r = fn.refusals.find((x) => (x.how === 'redirect to login' || x.credential) && !afterAbsentPass(fn, x.line, strict));
  if (r && (!strict || r.how !== '403' || r.fromReader)) return { fn, refusal: r };
  // A check of the caller whose error ends the request (`user, err := a.Verify(c); if err != nil { c.Abort(); _ = c.Error(err) }`)
  // returning an error answering 401 (or 403, not strict) under a credential test (statusErrs.ts): that error is the refusal.
  const carried = depth > 0 ? statusErrRefusal(ix, fn, strict) : undefined;
  if (carried) return { fn, refusal: carried };
  // `if !verify(tok) { writeError(w, ErrUnauthenticated); return }`: a shared responder of ours mapping the error kind it is
  // handed to 401/403, called at the end of a credential test's branch: the refusal is that test's.
  if (!strict) {
    // Not past a pass for callers offering no credential (absentPasses.ts): that refuses only a bad one.
    for (const v of (fn.refusesVia ?? []).filter((x) => !afterAbsentPass(fn, x.line, strict))) {
      const h = ix.fnOf(v.callee);
      const hr = h?.refusals.find((x) => x.mapped && (x.how === '401' || x.how === '403'));
      if (h && hr) return { fn: h, refusal: hr };
    }
  }
  if (fn.returnsType) {
    const serve = ix.funcs.get(`${fn.returnsType}.ServeHTTP`);
    if (serve) {
      const found = refusingIn(ix, serve, seen, depth + 1, strict);
      if (found) return found;
    }
  }
  // Strict (a handler's own first checks): a check of a check (`p, ok := ensureActive(ctx); if !ok { return }`
  // inside the helper the handler calls) counts too; the refusal found is still a 401 or a redirect to login.
  for (const c of [...fn.returns, ...fn.checks.map((x) => x.callee)]) {
    const inner = ix.fnOf(c);
    if (!inner) continue;
    const found = refusingIn(ix, inner, seen, depth + 1, strict);
    // A shared responder mapping the error it is handed (`h.handleHTTPError(w, r, func() error {…}())`) refuses only with the
    // errors this function hands it: none when each sits under settings a fresh install rules out (`if cfg.App.Private`).
    if (found?.fn === inner && found.refusal.mapped && fn.errReturns?.length && fn.errReturns.every((e) => e.settings && ix.settingsRuleOut(e.settings))) continue;
    if (found) return found;
  }
  return undefined;
}

/** The first error answering 401 (then 403 unless strict) a function returns under a credential test, as a refusal. */
function statusErrRefusal(ix: GoIndex, fn: GoFunc, strict: boolean): Refusal | undefined {
  const known = (fn.errReturns ?? []).filter((e) => !e.paramTest).map((e) => ({ e, how: ix.statusErrs.get(e.name) ?? (/^lit#40[13]$/.test(e.name) ? e.name.slice(4) : undefined) }));
  const pick = known.find((k) => k.how === '401') ?? (strict ? undefined : known.find((k) => k.how === '403'));
  return pick ? { how: `${pick.e.name.replace(/^.*#/, '')}: ${pick.how}`, text: pick.e.text, line: pick.e.line, credential: true } : undefined;
}

/**
 * A wrapper whose own code returns a package error answering 401/403 under a credential test
 * (statusErrs.ts): a guard; when that test also compares what a function it is given answers
 * (`handler.Web(f, UserLevelUser)`, `ul(cfg) == UserLevelUserType`), the function written at the call
 * decides — a guard when every value it returns passes the test, none when none does, else unknown.
 * Undefined when the wrapper returns no such error (the other readings apply).
 */
function errGate(ix: GoIndex, fn: GoFunc, c: GoCandidate): Verdict | undefined {
  const known = (fn.errReturns ?? []).filter((e) => ix.statusErrs.has(e.name) || e.name.startsWith('lit#'));
  if (!known.length) return undefined;
  let undecided: string | undefined;
  for (const e of known) {
    let holds: boolean | undefined = true;
    if (e.paramTest) {
      const arg = c.made ? topArgs(c.made)[e.paramTest.index] : undefined;
      const dir = c.file.includes('/') ? c.file.slice(0, c.file.lastIndexOf('/')) : '';
      const givenFn = arg && /^\w+$/.test(arg) ? ix.funcs.get(`${dir}#${arg}`) ?? handedParam(ix, c, arg) : undefined;
      // What it returns on a fresh install, when settings' defaults decide its tests (storedSettings.ts condReturns).
      const fresh = givenFn?.condReturns?.find((r) => freshValue(ix, r.when) === true)?.value;
      const given = fresh !== undefined ? [fresh] : givenFn?.constReturns;
      const t = e.paramTest;
      const passes = given?.map((v) => (v === t.value) === (t.op === '=='));
      holds = !passes ? undefined : passes.every(Boolean) ? true : passes.some(Boolean) ? undefined : false;
      if (holds === undefined) undecided ??= `${oneLine(c.text)} (${c.file}:${c.line}) refuses only when ${arg ?? 'the function it is given'} answers ${t.value} (${fn.file}:${e.line}), which ${given ? 'depends on what it reads' : 'was not read'}`;
    }
    if (holds) {
      const how = e.name.startsWith('lit#') ? e.name.slice(4) : `${e.name.replace(/^.*#/, '')}: ${ix.statusErrs.get(e.name)}`;
      return { verdict: 'guard', guard: { name: oneLine(c.text), kind: 'authentication', reason: `${c.via}; its code refuses requests (${how})`, file: c.file, line: c.line, evidence: { how, text: e.text, file: fn.file, line: e.line } }, passes: fn.passes, owner: fn };
    }
  }
  return undecided ? { verdict: 'unknown', why: undecided } : { verdict: 'none' };
}

/** `readPerm`, a parameter of the function of ours registering the route: the one function its callers hand in there. */
function handedParam(ix: GoIndex, c: GoCandidate, name: string): GoFunc | undefined {
  let around: GoFunc | undefined;
  for (const f of ix.funcs.values()) if (f.file === c.file && f.line <= c.line && f.params.includes(name) && (!around || f.line > around.line)) around = f;
  if (!around) return undefined;
  const given = new Set<string>();
  for (const f of ix.files) for (const a of f.fnArgs ?? []) if (!a.result && !/_test\.go$/.test(f.file) && a.index === around.params.indexOf(name) && ix.fnOf(a.callee)?.key === around.key) given.add(a.fn);
  return given.size === 1 ? ix.fnOf([...given][0]) : undefined;
}

/** The arguments of a call's text, split at its top-level commas. */
export function topArgs(call: string): string[] {
  const open = call.indexOf('(');
  if (open < 0) return [];
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of call.slice(open + 1, call.lastIndexOf(')'))) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The guard's name as a reader knows it: the call, its arguments elided when long. */
function oneLine(s: string): string {
  let t = s.replace(/\s+/g, ' ').trim();
  if (t.length > 60 && /^[\w.]+\(/.test(t)) t = t.replace(/\(.*$/, '(…)');
  return t.length > 120 ? t.slice(0, 119) + '…' : t;
}
