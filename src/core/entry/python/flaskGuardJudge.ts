// Flask views and the service's own decorators judged by what their code does (facts from
// flaskGuards.ts), once every file is read so helpers are found across modules:
// - a function reads the identity when its body does (`session.get("id")`, `current_user.
//   is_authenticated`) or it calls one that does (`is_admin()` calling `authed()`), a few calls deep;
// - a decorator guards its view when its wrapper refuses (401/403, a redirect to login) and every
//   way to the wrapped function needs an identity test passed (`if authed(): return f(…)`); a way
//   open to anonymous callers (`else: return f(…)`, or no test at all) makes it no guard, whatever
//   its name; ways that need the identity only under some other test (`if v == PUBLIC: return
//   f(…)` with `v` a setting) leave the route `unknown`, "depends on …" — unless the setting's
//   default is in the code (settingDefaults.ts): a way open under the default makes the decorator
//   no guard, ways all closed under it leave the identified ones; a wrapper whose ways are
//   all decided by something else than the identity (a time window, a mode) is no auth guard;
// - a view refusing at its start a caller who has not passed an identity test is guarded there,
//   with the line; a view that reads the identity and refuses nobody is `optional`. Each route of
//   a view is judged on the branches it takes (routeTests.ts): a refusal under `if request.method
//   == "POST":`, or past an `if` on the method or the rule's parameters that ends the request for
//   this route, is not this route's.
// A decorator defined outside the service (flask_login's `login_required`) keeps its judgement by name.
// A wrapper that hands the view to another decorator (`return login_required(f)(*a, **kw)`) lets
// callers through that way only as that decorator does (its code, or its name when outside); a
// setting kept in a model column and a switch a fresh install never turns on decide ways as a
// setting's default does (settingColumns.ts).
import type { Guard, GuardCandidate, Ref, RouteDecl } from '../types';
import type { PyFacts } from './pyFacts';
import type { PyAtom, PyFuncFacts, WrapperFacts } from './flaskGuards';
import { underDefault, type ConstReader } from './settingDefaults';
import { routeTestsHold } from './routeTests';
import { columnHolds, type ColumnDefault, type ExemptPart } from './settingColumns';
import { classifyGuardText } from '../guards';
import { SIGN_IN_PATH } from '../signInPaths';
import { decoratorArgument } from './classDecorators';
import { unresolvedMethodDoubt, type RefusingMethod } from './unresolvedMethods';
import { gateHolds, type KeyedDefault } from './keyedSettings';
import { acrossFiles } from './acrossFiles';

type Verdict = { kind: 'guard'; guard: Guard } | { kind: 'doubt'; why: string } | { kind: 'none' };

const DEPTH = 4;
/** A refusal that answers "who are you" (401), not "you may not": the test before it is authentication. */
const UNAUTHENTICATED = /^raises \S*(Unauthori[sz]ed|Unauthenticated|NotAuthenticated|AuthenticationFailed|AuthError|AuthenticationError)\b|^abort\(401\)|^answers 401\b/;

/** A path that signs callers in, as the JavaScript and Go detectors spell it (interp/routeEntry.ts). */

/** `keyed`: the settings' fresh-install values of every file (keyedSettings.ts), gathered once by linkPython. */
export function judgeFlaskViews(files: { file: string; py: PyFacts; routes: RouteDecl[] }[], resolve: (ref: Ref) => Ref, pyOf: (ref: Ref) => PyFacts | undefined, keyed: ReadonlyMap<string, (KeyedDefault & { file: string })[]>): void {
  const funcOf = (ref: Ref): { file: string; name: string; f: PyFuncFacts } | undefined => {
    const target = resolve(ref);
    const i = target.lastIndexOf('#');
    const name = target.slice(i + 1);
    const f = pyOf(target)?.funcs[name];
    return f ? { file: target.slice(0, i), name, f } : undefined;
  };
  const refusing = acrossFiles<RefusingMethod>(files, (py) => py.refusingMethods);
  const memo = new Map<Ref, { file: string; line: number } | null>();
  /** Where the function (or one it calls, a few calls deep) reads the identity. */
  const readerAt = (ref: Ref, depth = 0): { file: string; line: number } | undefined => {
    const key = resolve(ref);
    if (memo.has(key)) return memo.get(key) ?? undefined;
    const fn = funcOf(key);
    if (!fn || depth > DEPTH) return undefined;
    memo.set(key, null); // cycles read nothing
    let at = fn.f.identity ? { file: fn.file, line: fn.f.identity.line } : undefined;
    for (const c of fn.f.calls) if (!at && readerAt(c.ref, depth + 1)) at = { file: fn.file, line: c.line };
    memo.set(key, at ?? null);
    return at;
  };
  // A call handed what a reader of the identity answers (`verify(extract_token(request))`) checks it.
  /** A function the view calls (a few calls deep) that reads the identity and refuses: who it refuses is not read. */
  const refuserAt = (ref: Ref, depth = 0, seen = new Set<Ref>()): { name: string; file: string; line: number; how: string } | undefined => {
    const fn = funcOf(ref);
    if (!fn || depth > DEPTH || seen.has(resolve(ref))) return undefined;
    seen.add(resolve(ref));
    if (fn.f.refuses && readerAt(ref)) return { name: fn.name, file: fn.file, line: fn.f.refuses.line, how: fn.f.refuses.how };
    for (const c of fn.f.calls) {
      const at = refuserAt(c.ref, depth + 1, seen);
      if (at) return at;
    }
    return undefined;
  };
  /** A function of ours that raises a refusal (`raise AuthError(…)`, `abort(401)`), itself or a few calls deep: a caller that ignores its value still stops there. */
  const raiserAt = (ref: Ref, depth = 0, seen = new Set<Ref>()): { file: string; line: number; how: string } | undefined => {
    const fn = funcOf(ref);
    if (!fn || depth > DEPTH || seen.has(resolve(ref))) return undefined;
    seen.add(resolve(ref));
    if (fn.f.refuses && /^(raises|abort)/.test(fn.f.refuses.how)) return { file: fn.file, line: fn.f.refuses.line, how: fn.f.refuses.how };
    for (const c of fn.f.calls) {
      const at = raiserAt(c.ref, depth + 1, seen);
      if (at) return at;
    }
    return undefined;
  };
  /** A function of ours that verifies the request's credential for its effect, itself or a few calls deep (verifierCalls.ts). */
  const verifierAt = (ref: Ref, depth = 0, seen = new Set<Ref>()): { file: string; line: number; text: string } | undefined => {
    const fn = funcOf(ref);
    if (!fn || depth > DEPTH || seen.has(resolve(ref))) return undefined;
    seen.add(resolve(ref));
    if (fn.f.verifies) return { file: fn.file, ...fn.f.verifies };
    for (const c of fn.f.calls) {
      const at = verifierAt(c.ref, depth + 1, seen);
      if (at) return at;
    }
    return undefined;
  };
  const identityTest = (a: PyAtom): boolean => !!a.direct || (!!a.call && !!readerAt(a.call)) || !!a.given?.some((c) => !!readerAt(c));
  const mentionsIdentity = (a: PyAtom): boolean => identityTest(a) || a.callees.some((c) => !!readerAt(c));
  /** The tests need an identified caller. */
  const needsIdentity = (tests: PyAtom[]): boolean => tests.some((a) => a.truth && identityTest(a));
  // Model columns by attribute name (two different defaults: none known), and the app config keys the service sets.
  const columns = new Map<string, (ColumnDefault & { file: string }) | null>();
  const configKeys = new Set<string>();
  for (const { file, py } of files) {
    for (const [attr, d] of Object.entries(py.columns ?? {})) {
      const had = columns.get(attr);
      columns.set(attr, had === undefined ? { ...d, file } : had && had.value === d.value ? had : null);
    }
    for (const k of py.configKeys ?? []) configKeys.add(k);
  }
  const neverPart = (p: ExemptPart): boolean => {
    if ('configKey' in p) return !configKeys.has(p.configKey);
    let set = p.methodsIn.lits;
    if (!set && p.methodsIn.ref) {
      const target = resolve(p.methodsIn.ref);
      const sets = pyOf(target)?.strSets;
      const name = target.slice(target.lastIndexOf('#') + 1);
      set = sets && Object.prototype.hasOwnProperty.call(sets, name) ? sets[name] : undefined;
    }
    // Only the preflight: Flask answers OPTIONS itself, and no rule here lists it.
    return !!set && set.every((m) => m.toUpperCase() === 'OPTIONS');
  };
  /** The test is an `or` of parts no request of a listed route passes on a fresh install. */
  const never = (a: PyAtom): boolean => !!a.exempt && a.exempt.every(neverPart);
  const reader: ConstReader = {
    resolve,
    consts: (file) => pyOf(`${file}#`)?.consts,
    tables: (file) => pyOf(`${file}#`)?.tables,
    defaults: (ref) => {
      const fn = funcOf(ref);
      return fn?.f.defaults ? { file: fn.file, from: fn.f.defaults } : undefined;
    },
  };
  /** A way taken without an identity test, under the defaults of the settings it tests: open, closed, or unknown. */
  const underDefaults = (tests: PyAtom[], file: string): { open: boolean; at: string } | undefined => {
    const at: string[] = [];
    let undecided = false;
    for (const a of tests.filter((x) => !identityTest(x))) {
      const s = a.setting && underDefault(a.setting, file, reader);
      const c = !s && a.column ? columnHolds(a.column, columns) : undefined;
      const d = s ? { holds: s.holds, at: `DEFAULT ${s.key} (${s.file}:${s.line})` } : (c ?? (a.keyed && gateHolds(a.keyed, keyed)));
      if (!d) {
        undecided = true;
        continue;
      }
      at.push(`${a.text} is ${d.holds ? 'true' : 'false'} under the ${d.at}`);
      // One test false under the default closes the way, whatever the others say (`if user:` unread).
      if (d.holds !== a.truth) return { open: false, at: at[at.length - 1] };
    }
    return at.length && !undecided ? { open: true, at: at.join(', ') } : undefined;
  };
  const kindOf = (tests: PyAtom[]): Guard['kind'] => (tests.some((a) => a.truth && identityTest(a) && /admin|staff|role|permission|superuser/i.test(a.text)) ? 'authorization' : 'authentication');

  /**
   * The wrapper's ways as a fresh install sees them: a way behind a switch never turned on is
   * closed, one handed to a guarding decorator needs what that decorator needs. `undefined` ways
   * when the decorator it hands to leaves a doubt (`why`).
   */
  const waysOf = (w: WrapperFacts, file: string, depth: number): { passes: WrapperFacts['passes']; refusal?: WrapperFacts['refusal'] & { file: string }; why?: string } => {
    let refusal = w.refusal ? { ...w.refusal, file } : undefined;
    const passes: WrapperFacts['passes'] = [];
    for (const p of w.passes) {
      if (p.tests.some((a) => a.truth && never(a))) continue;
      const tests = p.tests.filter((a) => !(!a.truth && never(a)));
      if (!p.via) {
        passes.push({ ...p, tests });
        continue;
      }
      const v = p.via.ref && depth < 3 ? judgeDecorator({ ref: p.via.ref, text: p.via.text, line: p.line }, file, depth + 1) : undefined;
      const named = !v ? classifyGuardText(p.via.text) : undefined;
      if (v?.kind === 'doubt') return { passes: [], why: v.why };
      const guard = v?.kind === 'guard' ? v.guard : named && named.kind !== 'other' && !named.optional ? { name: p.via.text, reason: `${p.via.text}, defined outside the service; name matches '${named.matched}'` } : undefined;
      if (!guard) {
        passes.push({ ...p, tests });
        continue;
      }
      const ev = 'evidence' in guard ? guard.evidence : undefined;
      refusal ??= ev ? { how: ev.how, text: ev.text, line: ev.line, file: ev.file } : { how: `${p.via.text} refuses`, text: p.via.text, line: p.line, file };
      passes.push({ ...p, tests: [...tests, { text: `${p.via.text}(…) lets the caller through (${guard.reason})`, truth: true, line: p.line, callees: [], direct: true }] });
    }
    return { passes, refusal };
  };

  /**
   * A class decorator's calls of the functions handed to it where it is used (`@prepolicy(check_admin,
   * request)`): a handed function of ours that refuses nobody adds nothing; one that raises a refusal,
   * or one not read (a lambda, an attribute), leaves a doubt.
   */
  const judgeHanded = (fn: { file: string; name: string; f: PyFuncFacts }, d: { text: string; line: number }, file: string): Verdict | undefined => {
    for (const h of fn.f.handed ?? []) {
      const arg = decoratorArgument(d.text, h.index, h.name);
      if (!arg || arg === 'None') continue;
      const ref: Ref | undefined = /^[A-Za-z_]\w*$/.test(arg) ? `${file}#${arg}` : undefined;
      if (!ref || !funcOf(ref)) return { kind: 'doubt', why: `@${fn.name} (${fn.file}:${fn.f.line}) calls ${arg}, handed to it at ${file}:${d.line} (${fn.file}:${h.line}); its code was not read` };
      const at = raiserAt(ref);
      if (!at) continue;
      // A plug-in point used for many ends (rewriting the request, limits, checks): when the handed
      // function refuses — who, past which early return — is not read, before the view or after it.
      return { kind: 'doubt', why: `@${fn.name} (${fn.file}:${fn.f.line}) calls ${arg} ${h.afterView ? 'after' : 'before'} the view (${fn.file}:${h.line}), which refuses (${at.how}, ${at.file}:${at.line}); whom it refuses is not read` };
    }
    return undefined;
  };

  const judgeDecorator = (d: { ref: Ref; text: string; line: number }, file: string, depth = 0): Verdict | undefined => {
    const fn = funcOf(d.ref);
    const ww = fn?.f.wrapper;
    if (!fn || !ww) return undefined;
    const seen = waysOf(ww, fn.file, depth);
    if (seen.why) return { kind: 'doubt', why: seen.why };
    const w = { ...ww, passes: seen.passes, refusal: seen.refusal };
    // Every way to the view needs an identity, and the way out for the others is a form of refusal
    // not read (`return deny()`, a status from a table): guarded when its words say so, else a doubt —
    // never "refuses nothing".
    if (!w.refusal && w.passes.length && ww.stop && w.passes.every((p) => needsIdentity(p.tests))) {
      const test = w.passes[0].tests.find((a) => a.truth && identityTest(a))!;
      const stop = ww.stop;
      if (!stop.refusalWords) return { kind: 'doubt', why: `@${fn.name} (${fn.file}:${fn.f.line}) calls the view only when ${test.text}; what it answers otherwise (${stop.text}, ${fn.file}:${stop.line}) was not read as a refusal` };
      return { kind: 'guard', guard: { name: d.text, kind: kindOf(w.passes[0].tests), reason: `decorator @${fn.name} (${fn.file}:${fn.f.line}): calls the view only when ${test.text}, else ${stop.text} (${fn.file}:${stop.line})`, file, line: d.line, evidence: { how: 'answers otherwise', text: stop.text, file: fn.file, line: stop.line } } };
    }
    const handed = fn.f.handed?.length ? judgeHanded(fn, d, file) : undefined;
    if (handed) return handed;
    // `def wrapper(*a): check_auth_token(); return f(*a)`: every way calls the view untested, after a
    // function of ours that raises a refusal (a few calls deep) — the raise is the way out.
    if (!w.refusal && w.passes.length && w.passes.every((p) => !p.tests.length)) {
      const r = fn.f.calls.map((c) => ({ c, at: raiserAt(c.ref) })).find((x) => x.at);
      if (r?.at) return { kind: 'guard', guard: { name: d.text, kind: /admin|staff|role|permission|superuser/i.test(d.text) ? 'authorization' : 'authentication', reason: `decorator @${fn.name} (${fn.file}:${fn.f.line}): calls ${r.c.ref.slice(r.c.ref.lastIndexOf('#') + 1)} (${fn.file}:${r.c.line}) before the view, which refuses (${r.at.how}, ${r.at.file}:${r.at.line})`, file, line: d.line, evidence: { how: r.at.how, text: r.at.how, file: r.at.file, line: r.at.line } } };
    }
    if (!w.refusal || !w.passes.length) return { kind: 'none' };
    // `@requires_admin()`: a factory's parameter that defaults to None is None, and a way that needs
    // it set is closed; an `or` is split for this only (a way left open without an identity test
    // keeps the whole `or` as one test, which is no identity test).
    const closed = (tests: PyAtom[]): boolean => tests.some((a) => a.noneParam && a.truth);
    const bare = /\(\s*\)$/.test(d.text);
    const opened = (p: (typeof w.passes)[number]): { line: number; tests: PyAtom[] }[] => {
      const alts = (p.alts ?? []).filter((t) => !closed(t));
      return alts.length === 1 ? [{ line: p.line, tests: alts[0] }] : [p];
    };
    const passes = bare ? w.passes.filter((p) => !closed(p.tests)).flatMap(opened) : w.passes;
    if (!passes.length) return { kind: 'none' };
    const open = passes.find((p) => !needsIdentity(p.tests) && p.tests.every((a) => identityTest(a)));
    if (open) return { kind: 'none' };
    const identified = passes.filter((p) => needsIdentity(p.tests));
    if (!identified.length) return { kind: 'none' };
    let others = passes.filter((p) => !needsIdentity(p.tests));
    const at = `${w.refusal.file}:${w.refusal.line}`;
    // A setting's default in the code decides the ways opened by it; one undecided keeps the doubt.
    const judged = others.map((p) => underDefaults(p.tests, fn.file));
    let closedBy: string | undefined;
    if (others.length && judged.every(Boolean)) {
      if (judged.some((j) => j!.open)) return { kind: 'none' };
      closedBy = judged.map((j) => j!.at).join('; ');
      others = [];
    }
    if (others.length) {
      const p = others[0];
      return { kind: 'doubt', why: `depends on ${p.tests.filter((a) => !identityTest(a)).map((a) => `${a.truth ? '' : 'not '}${a.text}`).join(' and ')}: @${fn.name} (${fn.file}:${fn.f.line}) lets callers through without an identity test when it holds (${fn.file}:${p.line}), and refuses (${w.refusal.how}, ${at}) otherwise` };
    }
    const test = identified[0].tests.find((a) => a.truth && identityTest(a))!;
    return {
      kind: 'guard',
      guard: { name: d.text, kind: kindOf(identified[0].tests), reason: `decorator @${fn.name} (${fn.file}:${fn.f.line}): calls the view only when ${test.text}, else ${w.refusal.how} (${at})${closedBy ? `; the way without it is closed: ${closedBy}` : ''}`, file, line: d.line, evidence: { how: w.refusal.how, text: w.refusal.text, file: w.refusal.file, line: w.refusal.line } },
    };
  };

  const judgeView = (f: PyFuncFacts, fnName: string, file: string, route: RouteDecl): Verdict => {
    for (const c of f.checks ?? []) {
      // Judged for this route: a refusal on another method's branch, or past an `if` this route
      // returns in, is not met. Left open (a number that may be 0), the refusal may be met.
      if (c.onlyIf && routeTestsHold(c.onlyIf, route) === false) continue;
      if (c.skipIf?.some((t) => routeTestsHold(t, route) === true)) continue;
      // A view that signs the caller in on a credential it checks itself (a magic link's token) refuses as a sign-in does.
      if (f.signIn && c.past.some((a) => a.credential && a.truth) && c.past.every((a) => !a.truth || !identityTest(a) || a.credential)) continue;
      if (needsIdentity(c.past)) return { kind: 'guard', guard: { name: `${fnName}: ${c.cond}`, kind: kindOf(c.past), reason: `in the handler: refuses callers who fail ${c.cond} (${c.refusal.how}, ${file}:${c.refusal.line})`, file, line: c.line, evidence: { how: c.refusal.how, text: c.refusal.text, file, line: c.refusal.line } } };
      if (c.past.some(mentionsIdentity)) return { kind: 'doubt', why: `depends on ${c.cond}: the handler refuses (${c.refusal.how}, ${file}:${c.refusal.line}) callers who fail it, and it lets some through without an identity` };
      // `if g.get("client_id") is None: raise AuthError(…)`: a refusal that says "not authenticated" (401) makes the
      // test what this service takes for an identity (an API key found by a hook), whatever it reads.
      if (UNAUTHENTICATED.test(c.refusal.how)) return { kind: 'guard', guard: { name: `${fnName}: ${c.cond}`, kind: 'authentication', reason: `in the handler: refuses callers who fail ${c.cond} as unauthenticated (${c.refusal.how}, ${file}:${c.refusal.line})`, file, line: c.line, evidence: { how: c.refusal.how, text: c.refusal.text, file, line: c.refusal.line } } };
    }
    return { kind: 'none' };
  };
  /**
   * Where the view tests who is calling to change what it serves. Not on a sign-in route of a view
   * that signs the caller in: turning away a caller already signed in is part of the sign-in; a
   * view that signs in after making the account (`/register`) serves both and reads who calls.
   */
  const viewReads = (f: PyFuncFacts, route: RouteDecl): { line: number; what: string } | undefined => {
    if (f.signIn && SIGN_IN_PATH.test(route.path)) return undefined;
    const t = (f.tests ?? []).find((a) => !(a.onlyIf && routeTestsHold(a.onlyIf, route) === false) && mentionsIdentity(a));
    return t ? { line: t.line, what: t.text } : undefined;
  };

  /** The guard a decorator of the function `ref` puts on every call of it (`@require_key("admin") async def pay()`). */
  const delegateGuard = (ref: Ref): Guard | undefined => {
    const fn = funcOf(ref);
    for (const d of fn?.f.decorators ?? []) {
      const v = judgeDecorator(d, fn!.file);
      if (v?.kind === 'guard') return v.guard;
    }
    return undefined;
  };

  /** Every way the decorator's wrapper calls the view needs an identity test failed (`if current_user.is_authenticated: return redirect(…)`). */
  const anonymousOnly = (ref: Ref): boolean => {
    const passes = funcOf(ref)?.f.wrapper?.passes ?? [];
    return passes.length > 0 && passes.every((p) => p.tests.some((a) => !a.truth && identityTest(a))) && !!readerAt(ref);
  };

  // Lookups by which a guard decorator of ours finds its caller (`g.user = get_user(…) or abort(…)`).
  const finders = new Map<Ref, string>();
  for (const { file, py } of files) {
    for (const [name, fn] of Object.entries(py.funcs)) {
      for (const ref of fn.wrapper?.finds ?? []) if (judgeDecorator({ ref: `${file}#${name}`, text: `${name}()`, line: fn.line }, file)?.kind === 'guard') finders.set(resolve(ref), `@${name} (${file}:${fn.line})`);
    }
  }

  for (const { file, py, routes } of files) {
    for (const r of routes) {
      const view = py.views.get(r);
      if (!view || !(r.framework.startsWith('flask') || r.framework === 'quart' || r.framework === 'sanic' || r.framework === 'pyramid' || r.framework === 'django-ninja')) continue;
      let guards: GuardCandidate[] = r.guards;
      const doubts: string[] = [];
      for (const d of view.decorators) {
        const v = judgeDecorator(d, d.file ?? file);
        if (!v) continue;
        // The service's own decorator: its code decides, not the name it was given.
        guards = guards.filter((g) => !(g.via === 'decorator' && g.line === d.line && g.text === d.text));
        if (v.kind === 'guard') guards = [...guards, { text: d.text, line: d.line, via: 'decorator', guard: v.guard }];
        else if (v.kind === 'doubt') doubts.push(v.why);
        else if (anonymousOnly(d.ref)) {
          // `@anonymous_required` (redirects a signed-in caller away), `@requires_unactivated`: a decorator of ours
          // whose every way to the view passes only a caller who fails an identity test serves by identity, refusing nobody.
          const at = readerAt(d.ref)!;
          guards = [...guards, { text: d.text, line: d.line, via: 'decorator', guard: { name: d.text, kind: 'authentication', optional: true, reason: `decorator @${d.text.split('(')[0]} (${at.file}:${at.line}) tests who calls and refuses nobody; anonymous requests served`, file: d.file ?? file, line: d.line } }];
        }
      }
      const f = py.funcs[view.fn];
      if (f) {
        const v = judgeView(f, view.fn, file, r);
        if (v.kind === 'guard') guards = [...guards, { text: v.guard.name, line: v.guard.line, via: 'handler', guard: v.guard }];
        else if (v.kind === 'doubt') doubts.push(v.why);
        else if (!doubts.length) {
          // A Pyramid view that reads the identity at all (`user=request.user` handed on, or a function of ours it calls reads it) serves anonymous callers differently, refusing none.
          const handsOn = r.framework === 'pyramid' ? (f.identity ? { line: f.identity.line, what: 'the identity' } : f.calls.filter((c) => readerAt(c.ref)).map((c) => ({ line: c.line, what: `the identity (through ${c.ref.slice(c.ref.lastIndexOf('#') + 1)})` }))[0]) : undefined;
          const reads = viewReads(f, r) ?? handsOn;
          if (reads) guards = [...guards, { text: 'identity read', line: reads.line, via: 'handler', guard: { name: `${view.fn} tests ${reads.what}`, kind: 'authentication', optional: true, reason: `in the handler: tests ${reads.what} (${file}:${reads.line}) and refuses nobody; anonymous requests served`, file, line: reads.line } }];
        }
      }
      // A view that answers only through functions of ours (`return await pay_invoice()`) is guarded
      // by what guards each of them; some guarded and some not leaves the doubt.
      if (f?.delegates && !doubts.length && !guards.some((g) => g.guard && !g.guard.optional)) {
        const judged = f.delegates.map((c) => ({ c, g: delegateGuard(c.ref) }));
        const held = judged.filter((j) => j.g);
        if (held.length === judged.length) {
          const { c, g } = held[0];
          const at = `${file}:${c.line}`;
          guards = [...guards, { text: g!.name, line: c.line, via: 'handler', guard: { ...g!, name: g!.name, reason: `the handler answers only through ${judged.map((j) => j.c.ref.slice(j.c.ref.lastIndexOf('#') + 1)).join(', ')} (${at}), each behind a guard: ${g!.reason}`, file, line: c.line } }];
        } else if (held.length) {
          const open = judged.find((j) => !j.g)!.c;
          doubts.push(`the handler answers through ${held[0].c.ref.slice(held[0].c.ref.lastIndexOf('#') + 1)} (guarded by ${held[0].g!.name}) or ${open.ref.slice(open.ref.lastIndexOf('#') + 1)} (no guard read), by a test not read`);
        }
      }
      // A view that verifies the request's credential for its effect (a signed challenge, a webhook's signature), itself or through a function of ours.
      if (f && !doubts.length && !guards.some((g) => g.guard && !g.guard.optional)) {
        const own = f.verifies ? { at: { file, ...f.verifies }, line: f.verifies.line, via: '' } : undefined;
        const v = own ?? f.calls.map((c) => ({ at: verifierAt(c.ref), line: c.line, via: ` through ${c.ref.slice(c.ref.lastIndexOf('#') + 1)} (${file}:${c.line})` })).find((x) => x.at);
        if (v?.at) {
          const { at } = v;
          guards = [...guards, { text: at.text, line: v.line, via: 'handler', guard: { name: `${view.fn}: ${at.text}`, kind: 'authentication', reason: `in the handler${v.via}: calls ${at.text} for its effect (${at.file}:${at.line}), which by its name verifies the request's credential and raises when it fails; its code is not read`, file, line: v.line, evidence: { how: 'verifies the credential (by its name)', text: at.text, file: at.file, line: at.line } } }];
        }
      }
      // A view that stops when the user the request names is not found: refuses all but that user, if the value is a secret.
      // Not where the view tests who calls besides (an optional identity read): the user it looks up is someone else.
      const lookup = f?.userLookup && !doubts.length && !guards.some((g) => g.guard) ? f.userLookup : undefined;
      const finder = lookup?.ref ? finders.get(resolve(lookup.ref)) : undefined;
      if (f?.userLookup && finder && lookup) {
        const at = `${file}:${f.userLookup.line}`;
        guards = [...guards, { text: `${view.fn}: ${f.userLookup.text}`, line: f.userLookup.line, via: 'handler', guard: { name: `${view.fn}: ${f.userLookup.text}`, kind: 'authentication', reason: `in the handler: stops when ${f.userLookup.text} finds no one (${at}), the lookup by which ${finder} finds the caller`, file, line: f.userLookup.line } }];
      } else if (f?.userLookup && lookup) {
        doubts.push(`the handler looks up the user the request names (${f.userLookup.text}) and stops when there is none (${file}:${f.userLookup.line}); whether that value is a secret is not read`);
      }
      // A view handing a value to a method of an object of a class not read, a same-named method of ours refusing: unknown.
      const onObject = f && !doubts.length && !guards.some((g) => g.guard && !g.guard.optional) ? unresolvedMethodDoubt({ file, ...f }, funcOf, refusing, resolve) : undefined;
      if (onObject) doubts.push(onObject);
      // Sanic: a handler whose helper checks the caller and refuses (`non_admin_creation` raising Forbidden) is not known open.
      if (f && r.framework === 'sanic' && !doubts.length && !guards.some((g) => g.guard && !g.guard.optional)) {
        const at = f.calls.map((c) => refuserAt(c.ref)).find(Boolean);
        if (at) doubts.push(`the handler calls ${at.name}, which reads the identity and refuses (${at.how}, ${at.file}:${at.line}); when it refuses is not read`);
      }
      if (guards !== r.guards) r.guards = guards;
      if (doubts.length) r.doubt = doubts.join('; ');
    }
  }
}
