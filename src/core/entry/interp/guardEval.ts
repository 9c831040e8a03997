// Is a middleware (or decorator, dependency, wrapper) a guard? By its code, never by its name
// alone: a function of the repository is a guard when it, or what it calls, refuses a request
// (401/403, an authentication or permission error, a redirect to login); it is "anonymous
// allowed" when it reads who is calling without refusing; a known guard package counts by its
// identity; anything that looks like auth but cannot be read leaves the route `unknown`.
import { AUTHISH, PASSPORT_NO_USER, passportCallback } from '../frameworks/knownGuards';
import { liveRefusals } from './liveRefusals';
import { itemRestriction } from './itemRestrictions';
import type { Framework } from '../frameworks/types';
import type { FnFact, Refusal } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue, KnownGuard, Value } from './values';
import { valueText } from './values';
import { leavesRequestAlone } from './identityUse';
import { flagsOf, type Flag } from './configSwitch';
import { configPermission } from './configPermission';
import { calleesOf } from './identityCalls';
import { helperRefusal } from './helperRefusal';
import { CREDENTIAL_GIVEN } from './handlerCheck';
import { opExprs, subExprs, walkOps } from './opWalk';
import type { Expr } from '../facts/types';
import { refusesClientSoftwareOnly } from './clientSoftware';
import { refusesWhoeverCalls } from './requestUnread';
import { condTests } from './settingPolicy';
import { readsOnlyWhereItGoes } from './placeOnlyRequest';
import { touchesOnlyNext } from './requestUntouched';

/** Calls read per function entered but not run (GuardJudge.calledRefusal). */
const MAX_CALLED = 40;

export interface Judgement {
  verdict: 'guard' | 'optional' | 'unknown' | 'none';
  guard?: KnownGuard;
  /** What could not be resolved, for `unknown`. */
  unresolved?: string;
  /** For a guard: the flags on the request its own refusal sits under (`res.isPrivateBlog`), which an earlier middleware may set from a setting (configSwitch.ts). */
  flags?: Flag[];
  /** For a guard: its refusal is in code it calls, not in its own body or the function it wraps (`asyncHandler(h)`'s h). */
  viaCallee?: boolean;
  /** For a guard: its refusal sits under a test of the request's Authorization header (a caller's token, not a sign-in's credentials). */
  headerCredential?: boolean;
}

/** A refusal's test that reads the request's Authorization header (`else of authHeader … [req.headers.authorization]`). */
const AUTHORIZATION_HEADER = /\b(req|request|ctx)\s*\.\s*(headers\s*\.\s*authorization\b|headers\s*\[\s*['"]authorization['"]|(get|header)\s*\(\s*['"]authorization['"])/i;

/**
 * Names of middleware that handle something other than identity, whatever they refuse. Checking a
 * webhook's or a link's signature is checking who sent it: not input validation. `csurf`, Express's
 * classic CSRF package, is spelt without the r: its options (`cookie: { secure }`) read as auth.
 */
const NOT_AUTH_BUT_VALIDATION = /csrf|csurf|xsrf|rate_?limit|ratelimit|limiter|throttl|brute|spam|captcha|cors|helmet|sanitiz|body_?parser|json|urlencoded|multer|upload|compress|cache|static|log|morgan|trace|metric|timeout|lab(s)?\.|feature|flag|maintenance|version|cors|error/i;
/**
 * Input validation by name. `validatedRequest` (AnythingLLM's JWT check) is named like
 * `validateBody`; a validator answers 400/422, so one of ours that answers 401 itself is read for
 * what it is (validationNamedAuth).
 */
const INPUT_VALIDATION = /validat(e|or|ion)(?!\w*(session|auth|token|user|permission|access|admin|webhook|signature|signed|hmac))/i;
const NOT_AUTH = new RegExp(`${NOT_AUTH_BUT_VALIDATION.source}|${INPUT_VALIDATION.source}`, 'i');

/** Named like input validation only, and its own code answers 401: an identity check after all. */
function validationNamedAuth(display: string, fact: FnFact): boolean {
  return !NOT_AUTH_BUT_VALIDATION.test(display) && !!fact.refusals?.some((r) => r.how === '401');
}

export class GuardJudge {
  private readonly memo = new Map<string, Judgement>();
  /** Functions being judged for a middleware that calls them (a cycle, or a chain past a few, stops there). */
  private readonly delegating = new Set<string>();

  constructor(
    private readonly x: Interp,
    private readonly frameworks: Framework[],
  ) {}

  judge(v: Value, framework: string): Judgement {
    const key = `${framework}|${this.x.key(v)}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    this.memo.set(key, { verdict: 'none' }); // cycles
    const j = this.compute(v, framework);
    this.memo.set(key, j);
    return j;
  }

  private compute(v: Value, framework: string): Judgement {
    const name = shortName(v);
    for (const fw of this.frameworks) {
      if (fw.name !== framework && fw.language !== this.frameworks.find((f) => f.name === framework)?.language) continue;
      const k = fw.guard?.(this.x, v);
      if (k && k.verdict !== 'none' && k.guard) {
        const site = v.k === 'ext' ? v.site : undefined;
        return { verdict: k.verdict, guard: { ...k.guard, file: k.guard.file ?? site?.file ?? '', line: k.guard.line ?? site?.line ?? 0 } };
      }
      if (k?.verdict === 'none') return { verdict: 'none' };
    }
    switch (v.k) {
      case 'fn':
        return this.judgeFn(v, name);
      case 'ext': {
        // Named as written and as exported: `const can = permissions(store)` makes `can('write')`,
        // whose code is the package's `permissions`.
        const written = valueText(v);
        const exported = v.path.filter((p) => p !== '()' && !written.includes(p));
        const text = exported.length ? `${written} (${exported.join('.')})` : written;
        if (NOT_AUTH.test(v.spec)) return { verdict: 'none' };
        if (AUTHISH.test(text) && !NOT_AUTH.test(text)) return { verdict: 'unknown', unresolved: `${text} (from '${v.spec}', its code is not in the repository)` };
        return { verdict: 'none' };
      }
      case 'unknown':
        if (AUTHISH.test(v.text) && !NOT_AUTH.test(v.text)) return { verdict: 'unknown', unresolved: `${v.text} (could not be resolved)` };
        return { verdict: 'none' };
      case 'native':
        return { verdict: 'none' };
      default:
        return { verdict: 'none' };
    }
  }

  private readonly calledMemo = new Map<string, { r: Refusal; file: string } | null>();

  /** The first refusal of a function `g` calls directly (resolved, not run); memoized per function. */
  private calledRefusal(g: FnValue): { r: Refusal; file: string } | undefined {
    const key = `${g.file}:${g.fn}`;
    const known = this.calledMemo.get(key);
    if (known !== undefined) return known ?? undefined;
    this.calledMemo.set(key, null);
    const gf = this.x.fnFact(g);
    let found: { r: Refusal; file: string } | undefined;
    if (gf && !NOT_AUTH.test(gf.name)) {
      const calls: Expr[] = [];
      const visit = (e: Expr, d: number): void => {
        if (d > 30 || calls.length >= MAX_CALLED) return;
        if (e[0] === 'c') calls.push(e[1]);
        for (const sub of subExprs(e)) visit(sub, d + 1);
      };
      walkOps(gf.ops, (op) => {
        for (const e of opExprs(op)) visit(e, 0);
      });
      for (const callee of calls) {
        for (const h of calleesOf(this.x, g, callee) ?? []) {
          const hf = this.x.fnFact(h);
          const r = hf && !NOT_AUTH.test(hf.name) ? hf.refusals?.find((x) => aboutCaller(x, hf)) : undefined;
          if (r) found ??= { r, file: h.file };
        }
        if (found) break;
      }
    }
    this.calledMemo.set(key, found ?? null);
    return found;
  }

  private judgeFn(f: FnValue, name: string): Judgement {
    const ownBody = (g: FnValue, r: Refusal): boolean => {
      const inner = g.wraps?.k === 'fn' ? g.wraps : undefined;
      return !!inner && !!this.x.fnFact(inner)?.refusals?.includes(r);
    };
    const fact = this.x.fnFact(f);
    if (!fact) return { verdict: 'none' };
    const display = f.madeBy?.text ?? fact.name.replace(/^<anon@\d+>$/, 'inline middleware');
    // `log` (a logger) is in NOT_AUTH; `ensureLoggedIn` is no logger.
    if (NOT_AUTH.test(display) && !/auth|log(ged)?_?in|signed_?in|session|permission/i.test(display) && !validationNamedAuth(display, fact)) return { verdict: 'none' };
    // A request that carries a credential is answered here (a one-time token exchanged for a
    // session cookie, then a redirect); only those without one go on. Whatever it checks or sets,
    // the route behind sees exactly the anonymous request it would see without it: it neither
    // guards the route nor lets a caller's identity through to it.
    if (fact.continuesOnlyWithout) return { verdict: 'none' };
    // Nor one that reads off the request only where it goes and reads no identity (placeOnlyRequest.ts):
    // what it refuses, it refuses to everyone going there.
    if (readsOnlyWhereItGoes(this.x, f)) return { verdict: 'none' };
    // Own refusals first, then those of the functions it calls (a middleware that calls
    // `ensureUser(req)`, a factory's closure that calls `authorize(…)`).
    const made = f.madeBy?.text ?? '';
    // A refusal whose test the closure decides against is none (a factory's middleware made for a
    // permission it filters out: `if (!list.length) return next()` before its 403).
    // Nor one that refuses whoever calls, not reading the request at all (requestUnread.ts), nor one
    // under a restriction the item looked up by the path sets for itself (itemRestrictions.ts).
    const live = liveRefusals(this.x, f).filter((r) => !refusesWhoeverCalls(this.x, f, r) && !itemRestriction(fact, r));
    const own = live.filter((r) => !switchedOff(r, made));
    // `if (req.member && req.member.can_comment === false) return next(new NoPermissionError())`:
    // only a caller who is there is refused (for what they may do); an anonymous request goes on.
    const present = own.filter((r) => refusesOnlyPresentCaller(r, fact.params[0]));
    // One that names nothing of the request but `next` hands none of it to what it calls: refusals
    // met down there (start-up code it awaits) are not about the caller (requestUntouched.ts).
    if (!own.some((r) => aboutCaller(r, fact)) && touchesOnlyNext(this.x, f)) return { verdict: 'none' };
    if (present.length && present.length === own.length && !fact.passesWithout) {
      // Listed as what it is (kind other), it makes the route neither guarded nor anonymous-allowed.
      return { verdict: 'optional', guard: { name: display, kind: 'other', optional: true, reason: `refuses only a caller who is there (${present[0]!.cond}): ${present[0]!.text}; anonymous requests go on`, file: f.file, line: fact.start } };
    }
    // `auth({ optional: true })` where the factory's middleware tests that option: its refusals
    // (its own, or those of what it calls inside a try whose catch reads the option) are off.
    const anonymousAllowed = own.length < live.length || (fact.anonOptions ?? []).some((o) => new RegExp(`\\b${o}\\s*:\\s*true\\b`).test(made));
    if (anonymousAllowed) own.length = 0;
    const ownFirst = own.find((r) => aboutCaller(r, fact));
    let refusal: { r: Refusal; file: string } | undefined = ownFirst ? { r: ownFirst, file: f.file } : undefined;
    let reads = fact.readsIdentity;
    let unresolvedAuth: string | undefined;
    const probed = this.x.probeCalls(f);
    // A callback handed to passport runs with what passport gives it: for a request without
    // credentials, no user (knownGuards.ts); a refusal its closure decides against is none.
    const handed = new Set(probed.exts.map(passportCallback).filter((g): g is FnValue => !!g));
    for (const g of anonymousAllowed ? [] : probed.fns) {
      if (refusal) break;
      const gf = this.x.fnFact(g);
      const first = gf ? liveRefusals(this.x, g, handed.has(g) ? PASSPORT_NO_USER : []).find((r) => aboutCaller(r, gf) && !refusesWhoeverCalls(this.x, g, r) && !itemRestriction(gf, r)) : undefined;
      if (first && gf && !NOT_AUTH.test(gf.name)) refusal = { r: first, file: g.file };
      reads ??= gf?.readsIdentity;
    }
    // Functions the probe entered without running them (past their run count, or answered from the
    // memo: a data layer every route shares, `ItemsService.deleteMany`): what they call directly, read
    // without running, refuses for them (`validateAccess(…)` throwing a ForbiddenError).
    for (const g of anonymousAllowed || refusal ? [] : probed.capped) {
      const hit = this.calledRefusal(g);
      if (hit) {
        refusal = hit;
        break;
      }
    }
    // Functions answered from the memo ran no code in this probe, so the package calls they make go
    // unrecorded: a middleware that delegates to another of ours (`authMiddleware(req, res, next) {
    // this.auth.isAuthenticated(req, res, next) }`, which calls `passport.authenticate('jwt')(…)`) is
    // judged by that function, judged as a middleware of its own. Only a guard a package call of it
    // makes is taken (no evidence of a refusal of ours): what code of ours refuses is read above,
    // and a handler wrapper (`asyncHandler(fn)`) calling the handler is no guard for its refusals.
    for (const g of anonymousAllowed || refusal ? [] : probed.capped) {
      const k = `${g.file}:${g.fn}`;
      // Named for authentication (`isAuthenticated`, `requireAuth`): probing every function a
      // handler wrapper calls would cost runs the route's own reading needs.
      const gName = this.x.fnFact(g)?.name ?? '';
      if (!AUTHISH.test(gName) || NOT_AUTH.test(gName) || this.delegating.has(k) || this.delegating.size >= 4) continue;
      this.delegating.add(k);
      let inner: Judgement;
      try {
        inner = this.judgeFn(g, name);
      } finally {
        this.delegating.delete(k);
      }
      if (inner.verdict === 'guard' && inner.guard && !inner.guard.evidence && !inner.viaCallee) return { verdict: 'guard', guard: { ...inner.guard, name: display, file: f.file, line: fact.start, reason: `${display} calls ${inner.guard.name}: ${inner.guard.reason}` } };
    }
    // `if (!u) return denyAccess(res)`: the response handed, under a test, to a function of ours
    // that refuses (helperRefusal.ts, as for handlers); the run may not have taken that arm.
    if (!refusal && !anonymousAllowed) {
      const hit = helperRefusal(this.x, f, () => true);
      if (hit && aboutCaller(hit.refusal, this.x.fnFact(f))) refusal = { r: hit.refusal, file: hit.file };
    }
    if (!refusal) {
      const knownNone = new Set<string>();
      for (const e of probed.exts) {
        const verdicts = this.frameworks.map((x) => x.guard?.(this.x, { ...e, path: e.path.concat(e.path.at(-1) === '()' ? [] : ['()']) }));
        const fw = verdicts.find((k) => k && k.verdict !== 'none');
        if (fw?.guard) return { verdict: fw.verdict === 'optional' ? 'optional' : 'guard', guard: { ...fw.guard, name: display, file: f.file, line: fact.start, reason: `${display} calls ${fw.guard.name}` } };
        // A package call known to refuse nobody (`passport.authenticate(…, callback)` whose callback
        // refuses no one): known, so not an auth call whose code we cannot read.
        // So is calling what it returned (`passport.authenticate(…, cb)(req, res)`), the same call as written.
        const callPath = [e.spec, ...e.path].join('.');
        if (verdicts.some((k) => k?.verdict === 'none')) {
          knownNone.add(e.path.at(-1) === '()' ? callPath : `${callPath}.()`);
          continue;
        }
        if (e.path.at(-1) === '()' && knownNone.has(callPath.slice(0, -3))) continue;
        const t = valueText(e);
        // Judged by what is called, not by its string arguments or how its module was loaded:
        // `require('debug')('auth-check')('…')` is a logger, not a `require…`/`…check` call.
        const called = t.replace(/(['"`])(?:\\.|(?!\1)[^\\])*\1/g, "''").replace(/\b(require|import)\s*\(\s*''\s*\)/g, '');
        if (!unresolvedAuth && AUTHISH.test(called) && !NOT_AUTH.test(called) && /verify|authenticat|authori|check|validate|require|ensure|assert/i.test(called)) unresolvedAuth = t;
      }
    }
    // Its only refusal is the error of a permission check it calls (`auth.allow_access(pkg, user,
    // (err) => next(err))`): when that check decides by a setting, the default configuration says
    // whether an anonymous caller gets through (configPermission.ts).
    const byConfig = refusal && own.length && own.every((r) => r.how === 'error to next') ? configPermission(this.x, probed.fns, own.map((r) => / when (.+)\(…\) fails$/.exec(r.text)?.[1] ?? '')) : undefined;
    if (byConfig?.state === 'unknown') return { verdict: 'unknown', unresolved: `${display}: ${byConfig.reason}` };
    if (byConfig?.state === 'everyone') {
      return { verdict: 'optional', guard: { name: display, kind: 'authorization', optional: true, reason: `refuses only whom the configuration keeps out: ${byConfig.reason}`, file: f.file, line: fact.start } };
    }
    // A token decoder: requests without credentials go on (anonymous); only bad ones are refused.
    // So is a middleware that hands the request to one (`return decoder(req, res, next)`): the
    // refusal it reaches is the decoder's, and so is the free pass.
    // So is one whose refusal, in code it calls, sits under "a credential was given" (`if (token) { …
    // throw new InvalidCredentialsError() }` in the function that turns the token into an identity).
    const given = refusal && refusal.r !== ownFirst ? refusal.r.cond?.split(' && ').map((c) => c.replace(/\s*\[[^\]]*\]$/, '').trim()).find((c) => CREDENTIAL_GIVEN.test(c)) : undefined;
    const passesWithout = fact.passesWithout ?? (refusal && !own.length ? probed.fns.map((g) => this.x.fnFact(g)?.passesWithout).find((p) => p) : undefined) ?? (given ? `!${given}` : undefined);
    // Nor one that also sets nothing on the request (checks an API key's scope and goes on):
    // a caller without credentials gets exactly what everyone gets.
    if (refusal && passesWithout && leavesRequestAlone(this.x, f)) return { verdict: 'none' };
    if (refusal && passesWithout) {
      return { verdict: 'optional', guard: { name: display, kind: 'authentication', optional: true, reason: `lets requests without credentials through (${passesWithout} → next()); refuses only bad ones: ${refusal.r.text} (${refusal.file}:${refusal.r.line})`, file: f.file, line: fact.start } };
    }
    if (refusal) {
      const flags = refusal.file === f.file && refusal.r === ownFirst ? flagsOf(refusal.r, fact.params) : [];
      const kind = refusal.r.how === '403' || /permission|forbidden|authori|admin|role/i.test(refusal.r.text + ' ' + display) ? 'authorization' : 'authentication';
      return {
        verdict: 'guard',
        guard: {
          name: display,
          kind,
          reason: `refuses requests: ${refusal.r.text} (${refusal.file}:${refusal.r.line})${byConfig ? `; ${byConfig.reason}` : ''}`,
          file: f.file,
          line: fact.start,
          evidence: { how: refusal.r.how, text: refusal.r.text, file: refusal.file, line: refusal.r.line },
        },
        ...(flags.length ? { flags } : {}),
        ...(refusal.r !== ownFirst && !ownBody(f, refusal.r) ? { viaCallee: true } : {}),
        ...(AUTHORIZATION_HEADER.test(refusal.r.cond ?? '') ? { headerCredential: true } : {}),
      };
    }
    if (anonymousAllowed) {
      return { verdict: 'optional', guard: { name: display, kind: 'authentication', optional: true, reason: `${made} turns its refusal off: ${fact.refusals?.[0]?.text ?? ''}`, file: f.file, line: fact.start } };
    }
    if (unresolvedAuth && AUTHISH.test(display + ' ' + (reads ?? ''))) return { verdict: 'unknown', unresolved: `${display} calls ${unresolvedAuth}, whose code is not in the repository` };
    // It reads the credentials, does not always pass the request on, and its code or a function of
    // ours it hands the response to speaks of refusing in a form not read (`respond(res, { code:
    // 'UNAUTHENTICATED' })` answering `e.code === … ? 401 : 500`): not known to let anyone through.
    const words = reads && !fact.nextAlways ? unreadRefusal(this.x, f) : undefined;
    if (words) return { verdict: 'unknown', unresolved: `${display} (it reads ${reads} and answers some requests itself: ${words.text}, ${words.file}:${words.line}, which speaks of refusing in a form not read)` };
    // Reading a credential without refusing makes a session loader only when what it finds
    // reaches the route: set on the request, or the request handed to code that may set it. One
    // that leaves the request alone (checks a form's anti-bot token and goes on) loads nobody.
    if (reads && AUTHISH.test(display + ' ' + reads) && !leavesRequestAlone(this.x, f)) {
      return { verdict: 'optional', guard: { name: display, kind: 'authentication', optional: true, reason: `reads ${reads} but refuses no request`, file: f.file, line: fact.start } };
    }
    void name;
    return { verdict: 'none' };
  }
}

/** The words of a refusal not read in `f`, or in a function of ours it hands the response to (one level). */
function unreadRefusal(x: Interp, f: FnValue): { text: string; file: string; line: number } | undefined {
  const fact = x.fnFact(f);
  if (fact?.refusalWords) return { ...fact.refusalWords, file: f.file };
  for (const c of fact?.responseCalls ?? []) {
    for (const g of calleesOf(x, f, c.callee) ?? []) {
      const gf = x.fnFact(g);
      const w = gf?.refusalWords ?? gf?.refusals?.[0];
      if (w && !gf?.nextAlways) return { text: `${c.text}: ${w.text}`, file: g.file, line: w.line };
    }
  }
  return undefined;
}

/**
 * A refusal of the caller, not of the machine: a 403 thrown because the file system denied a
 * read (`catch (e) { if (e.code === 'EACCES') throw new NoPermissionError() }`, a storage
 * adapter serving files) says nothing about who is calling.
 */
function aboutCaller(r: Refusal, fact: FnFact | undefined): boolean {
  return !/\b(EACCES|EPERM)\b/.test(r.cond ?? '') && !RATE_LIMIT.test(r.cond ?? '') && !refusesClientSoftwareOnly(r, fact);
}

/**
 * A counter against its limit (`count >= limit`, `todayTopicsCount >= perDayPerUserLimitCount`): a rate limiter of
 * ours refusing the request past a quota, whoever calls; no test of the caller in it. (A cond may carry what its
 * names held, `[(await cache.get(key)) || 0]`.)
 */
const RATE_LIMIT = /^\(?\s*[\w$.]*(count|Count|hits|Hits|attempts|Attempts|requests|Requests)\s*>=?\s*[\w$.]*\s*\)?(\s*\[.*\])?$/s;

/** Option names that let anonymous requests through (`auth({ optional: true })`). */
const ANON_OPTION = 'optional|allowAnonymous|allow_anonymous|anonymous|allowGuest|public';

/**
 * A refusal that the factory's own options turn off: the middleware was made as
 * `auth({ optional: true })` and the refusal sits under `!options.optional` or in the else branch
 * of `if (options.optional …)`.
 */
export function switchedOff(r: Refusal, madeBy: string): boolean {
  const opt = new RegExp(`\\b(${ANON_OPTION})\\s*:\\s*true\\b`).exec(madeBy)?.[1];
  if (!opt || !r.cond) return false;
  return r.cond.split(' && ').some((c) => new RegExp(`^else of (?!\\s*!).*\\b${opt}\\b|^!\\s*(\\w+\\.)*${opt}\\b`).test(c.trim()));
}

/** The caller as the request carries it (`req.user`, `req.member`, `req.session.user`), tested for presence. */
const CALLER_PRESENT = /^\(?\s*([\w$]+)(\??\.(state|session|locals))?\??\.(user|member|account|principal|identity|currentUser)\s*\)?$/;
/**
 * Something only a caller's record has, tested for presence: `req.user?.id`, or a mark of how they
 * came (`req.accountability?.oauth`) on the record a decoder sets for everyone, anonymous callers
 * included (Directus's accountability: user and role null for them, no oauth).
 */
const CALLER_MARK = /^\(?\s*([\w$]+)(\??\.(state|session|locals))?\??\.(user|member|account|principal|identity|currentUser|accountability)\??\.[\w$]+\s*\)?$/;

/** `(!req.accountability?.oauth)` past its `else of`: what follows an early `if (!X) return next()` runs only when X holds. */
function presentTested(c: string): string {
  const t = c.trim();
  const m = /^else of \(?\s*!\s*(.+?)\s*\)?$/.exec(t);
  return (m ? m[1]! : t).replace(/^\((.*)\)$/, '$1').trim();
}

/** A refusal under "the caller is there" (`req.member && …`): a request without one is never refused by it. */
export function refusesOnlyPresentCaller(r: Refusal, req: string | undefined): boolean {
  if (!r.cond || !req) return false;
  // `else of (!req.user?.isAPI && req.session?.user)` is one test, which says nothing of a caller being there.
  return condTests(r.cond).some((c) => {
    const t = presentTested(c);
    const m = CALLER_PRESENT.exec(t) ?? CALLER_MARK.exec(t);
    return !!m && m[1] === req;
  });
}

export function shortName(v: Value): string {
  const t = valueText(v);
  return t.length > 60 ? t.slice(0, 59) + '…' : t;
}

