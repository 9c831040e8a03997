// Judging what a Nest route's @UseGuards(...) / APP_GUARD / useGlobalGuards names, from the guard
// classes and passport strategies of the repository (nestGuardCode.ts): a guard when its code
// refuses an anonymous request or it is passport's AuthGuard over a strategy that refuses; no
// guard when its code lets anonymous requests through or its strategy only starts a login;
// `unknown` when a name that looks like auth has no code in the repository. Never public from a
// name alone.
import type { EntryPoint, Guard, GuardState } from './types';
import { classifyGuardText, makeGuard } from './guards';
import { REDIRECT_STRATEGY, SIGN_IN_STRATEGY, type NestGuardDef, type NestStrategyDef } from './nestGuardCode';
import { markSkipped, type MetaMark } from './nestMetadataSkip';
import { classesNamed, guardImportIndex, type NestGuardImport } from './nestGuardImports';

export interface NestVerdict {
  verdict: 'guard' | 'none' | 'unknown' | 'byName';
  kind?: 'authentication' | 'authorization';
  why: string;
  evidence?: Guard['evidence'];
  /** `none`, but the guard hands on the caller it found (nestCallerReads.ts). */
  identity?: boolean;
  /** `none` only as a sign-in's own check (passport-local): on a route that is no sign-in it guards. */
  signIn?: boolean;
}

/** Guards that come from a guard class (UseGuards, APP_GUARD, useGlobalGuards, a composed decorator), by their reason. */
const FROM_CLASS = /^(@UseGuards on |APP_GUARD provider|app\.useGlobalGuards|@[\w$]+ on [\s\S]*applyDecorators\(UseGuards)/;

/** Guard class names of checks that are no identity check, whatever their code refuses. */
const NOT_IDENTITY = /^[\w$]*(csrf|xsrf|throttl|rate_?limit|captcha)[\w$]*$/i;

export class NestGuardJudge {
  private readonly byName = new Map<string, NestGuardDef[]>();
  private readonly strategies = new Map<string, NestStrategyDef[]>();
  private readonly imports: Map<string, NestGuardImport>;

  /** What the metadata-key constants hold (nestMetadataSkip.ts), by name. */
  keyValues = new Map<string, string>();

  constructor(defs: NestGuardDef[], strategies: NestStrategyDef[], imports: NestGuardImport[] = []) {
    this.imports = guardImportIndex(imports);
    for (const d of defs) for (const n of d.names) this.byName.set(n, [...(this.byName.get(n) ?? []), d]);
    for (const s of strategies) if (s.name) this.strategies.set(s.name, [...(this.strategies.get(s.name) ?? []), s]);
  }

  /** `usedIn`: the file that names the guard, whose import says which class of that name it is (nestGuardImports.ts). */
  judge(text: string, depth = 0, usedIn?: string): NestVerdict {
    const t = text.trim().replace(/^new\s+/, '');
    const passport = /^AuthGuard\s*\(([\s\S]*)\)$/.exec(t);
    if (passport) return this.passport(passport[1]);
    const name = /^[\w$]+/.exec(t)?.[0] ?? '';
    const defs = classesNamed(this.byName, this.imports, name, usedIn);
    if (!defs.length) {
      const byName = classifyGuardText(t);
      if (!byName || byName.kind === 'other') return { verdict: 'byName', why: '' };
      return { verdict: 'unknown', why: `${name}: its code is not in the repository` };
    }
    const d = defs[0];
    // A CSRF or rate-limit guard refuses a request without a token or over a rate, whoever calls: no identity check.
    if (NOT_IDENTITY.test(name)) return { verdict: 'none', why: `${name} (${d.file}:${d.line}) checks a forged-request token or a request rate, not who calls` };
    // Several classes of one name that read differently: this detector does not follow imports.
    if (defs.some((x) => x.outcome !== d.outcome || x.parent !== d.parent)) return { verdict: 'byName', why: '' };
    const at = `${d.file}:${d.line}`;
    if (d.outcome === 'passes') return { verdict: 'none', why: `${name} (${at}) ${d.why}`, ...(d.identity && this.sessionStrategies(d.parent) ? { identity: true } : {}) };
    if (d.outcome === 'refuses') {
      // What the thrown error says, else the name (a `return false` is Nest's 403 either way).
      const kind = d.how ? (d.how === '401' ? 'authentication' : 'authorization') : classifyGuardText(name)?.kind === 'authorization' ? 'authorization' : 'authentication';
      return { verdict: 'guard', kind, why: `${name} (${at}) refuses an anonymous request: ${d.why}`, evidence: { how: d.how ?? '403', text: d.why, file: d.file, line: d.line } };
    }
    // No parent: a middleware whose use() could not be read (nestGuardCode.ts) says so itself.
    if (!d.parent) return { verdict: 'unknown', why: `${name} (${at}) ${d.why}` };
    if (depth > 4) return { verdict: 'unknown', why: `${name} (${at}) ${d.why}, of a parent class that could not be read` };
    const p = this.judge(d.parent, depth + 1, d.file);
    if (p.verdict === 'byName') return { verdict: 'byName', why: '' };
    return { ...p, why: `${name} (${at}) ${d.why} of ${d.parent}: ${p.why}` };
  }

  /**
   * Whether `AuthGuard('a', …)` names only strategies that read a credential the caller already holds:
   * what a never-throwing guard over them hands on is the caller. Over a strategy that starts or
   * finishes a login (OAuth, passport-local), or names not written as strings, it is the user signing in.
   */
  private sessionStrategies(parent: string | undefined): boolean {
    const args = /^AuthGuard\s*\(([\s\S]*)\)$/.exec(parent?.trim() ?? '')?.[1];
    const names = [...(args ?? '').matchAll(/(['"`])([^'"`]+)\1/g)].map((m) => m[2]);
    if (!names.length || names.length !== (args ?? '').split(',').filter((a) => a.trim()).length) return false;
    return names.every((n) => !this.strategies.get(n)?.some((s) => REDIRECT_STRATEGY.test(s.pkg) || SIGN_IN_STRATEGY.test(s.pkg)));
  }

  /** passport's AuthGuard: a guard, unless every strategy it names only redirects to an identity provider. */
  private passport(args: string): NestVerdict {
    const names = [...args.matchAll(/(['"`])([^'"`]+)\1/g)].map((m) => m[2]);
    const redirects = names.map((n) => this.strategies.get(n)?.find((s) => REDIRECT_STRATEGY.test(s.pkg)));
    if (names.length && redirects.every((s) => s)) {
      const s = redirects[0]!;
      return { verdict: 'none', why: `starts a login: strategy '${names[0]}' (${s.file}:${s.line}) is ${s.pkg}, which redirects to the identity provider` };
    }
    // passport-local checks a sign-in form's user and password: the way in, as passport.authenticate('local') is on Express.
    const signIns = names.map((n) => this.strategies.get(n)?.find((s) => SIGN_IN_STRATEGY.test(s.pkg)));
    if (names.length && signIns.every((s) => s)) {
      const s = signIns[0]!;
      return { verdict: 'none', signIn: true, why: `the sign-in: strategy '${names[0]}' (${s.file}:${s.line}) is ${s.pkg}, which checks ${s.pkg === 'passport-local' ? 'the user name and password the request signs in with' : "an OAuth client's id and secret, exchanged for a token"}` };
    }
    return { verdict: 'guard', kind: 'authentication', why: `known guard: @nestjs/passport AuthGuard${names.length ? ` with strategy ${names.map((n) => `'${n}'`).join(', ')}` : ''}` };
  }

  /**
   * Why the guard class lets this route through on the metadata it carries (`if (isPublic) return
   * true` read from its canActivate, and `@Public()` setting that key on the route), if it does.
   */
  private skipped(text: string, marks: MetaMark[], usedIn?: string): string | undefined {
    const name = /^[\w$]+/.exec(text.trim().replace(/^new\s+/, ''))?.[0] ?? '';
    const defs = classesNamed(this.byName, this.imports, name, usedIn);
    const hits = defs.map((d) => ({ d, hit: markSkipped(d.skips, marks, this.keyValues) }));
    // Several classes of one name: only when every one of them lets it through.
    if (!hits.length || hits.some((h) => !h.hit)) return undefined;
    const { d, hit } = hits[0];
    const { skip, mark } = hit!;
    if (!mark) return `${name} (${d.file}:${d.line}) returns true for routes not marked ${skip.key} (line ${skip.line}), and nothing on this one sets it`;
    return `${name} (${d.file}:${d.line}) returns true for routes marked ${skip.key} (line ${skip.line}), and ${mark.via} (${mark.file}:${mark.line}) marks this one`;
  }

  /**
   * Re-judges a route's guards that name guard classes; returns the state when one could not be read.
   * `caller`: how the handler reads who calls, if it does — a guard that lets everyone through but
   * hands on the caller it found then makes the route optional.
   */
  apply(guards: Guard[], marks: MetaMark[] = [], caller?: string, signInRoute = true): GuardState | undefined {
    let unknown = false;
    let skippedAny = false;
    for (const [i, g] of guards.entries()) {
      if (!FROM_CLASS.test(g.reason)) continue;
      const via = g.reason.replace(/; name matches '[^']*'$/, '');
      const skip = this.skipped(g.name, marks, g.file);
      if (skip) {
        guards[i] = { name: g.name, kind: 'other', reason: `${via}; not a guard on this route: ${skip}`, file: g.file, line: g.line };
        skippedAny = true;
        continue;
      }
      let v = this.judge(g.name, 0, g.file);
      if (v.verdict === 'byName') continue;
      // A password asked on a route that is no sign-in (`POST /account/delete` behind LocalAuthGuard) guards it.
      if (v.signIn && !signInRoute) v = { verdict: 'guard', kind: 'authentication', why: `${v.why.replace(/^the sign-in: /, '')}, on a route that is no sign-in` };
      const out: Guard = { name: g.name, kind: 'other', reason: `${via}; ${v.why}`, file: g.file, line: g.line };
      if (v.verdict === 'guard') Object.assign(out, { kind: v.kind }, v.evidence ? { evidence: v.evidence } : {}, g.optional ? { optional: true } : {});
      else if (v.verdict === 'none' && v.identity && caller) Object.assign(out, { kind: 'authentication', optional: true, reason: `${via}; optional: ${v.why}, and the handler reads the caller through ${caller}` });
      else if (v.verdict === 'none') out.reason = `${via}; not a guard: ${v.why}`;
      else {
        out.reason = `${via}; unknown: ${v.why}`;
        unknown = true;
      }
      guards[i] = out;
    }
    // The `@Public()` mark (nestRoutes.ts) said by its name that guards skip the route; the code read says which do.
    const mark = guards.find((g) => g.name === '@Public()');
    if (skippedAny && mark && !guards.some((g) => g !== mark && g.kind !== 'other')) Object.assign(mark, { kind: 'other', reason: 'marked public: the guards on the way skip it (their code read)' });
    const required = guards.some((g) => g.kind !== 'other' && !g.optional);
    return unknown && !required ? 'unknown' : undefined;
  }
}

/**
 * A middleware class of the repository is judged by its use(), as guard classes are by canActivate
 * (NestJS consumer.apply, routing-controllers' middlewares and @UseBefore); one whose code is not
 * read, by its name: only a middleware named like auth leaves the route unknown.
 */
export function judgeMiddleware(e: EntryPoint, text: string, file: string, ln: number, via: string, judge: NestGuardJudge): void {
  const v = judge.judge(text, 0, file);
  if (v.verdict === 'guard') e.guards.push({ name: text, kind: v.kind ?? 'authentication', reason: `${via}; ${v.why}`, file, line: ln, ...(v.evidence ? { evidence: v.evidence } : {}) });
  else if (v.verdict === 'none') e.guards.push({ name: text, kind: 'other', reason: `${via}; not a guard: ${v.why}`, file, line: ln });
  else if (v.verdict === 'unknown') {
    const byName = classifyGuardText(text);
    // Only a middleware named like auth leaves the route unknown; a template renderer we could not read does not.
    if (byName && byName.kind !== 'other') {
      e.guards.push({ name: text, kind: 'other', reason: `${via}; unknown: ${v.why}`, file, line: ln });
      if (!e.guards.some((g) => g.kind !== 'other' && !g.optional)) e.guardState = 'unknown';
    }
  } else {
    const g = makeGuard(text, file, ln, via);
    if (g) e.guards.push(g);
  }
}
