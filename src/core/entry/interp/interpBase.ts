// The interpreter's state and the calls the framework modules make on it: registering routers,
// routes and middleware in order, reading paths and arguments off values, and the identity keys
// that memoise calls. Separate from probing (interpProbes.ts) and the evaluation (interpModules →
// interpStatements → interpExpressions → interpCalls → interpreter.ts) so that
// what a framework module may rely on reads in one place; the evaluation layers extend this class.
import type { Registered } from './libraryRegistrations';
import type { EntryFacts, Expr, FnFact, Op } from '../facts/types';
import type { Framework } from '../frameworks/types';
import type { Interp } from './interpreter';
import type { Program } from './program';
import type { ClsValue, Env, ExtValue, FnValue, InstValue, KnownGuard, ObjValue, PathPart, RouterNode, SiteRef, Value } from './values';
import { REGEX_LITERAL, valueText } from './values';
import { ValueKeys } from './valueKeys';
import { exprText, type LazyText } from './exprText';
import { dict } from '../../ownKeys';

export interface ModuleState {
  key: string;
  env: Env;
  fileEnvs: Map<string, Env>;
  ns: ObjValue;
  moduleObj: ObjValue;
  /** `module.exports = …` reassigned. */
  cjs?: Value;
  done: boolean;
}

/** Upper bound on expression evaluations for one repository (a guard against pathological code). */
export const BUDGET = 4_000_000;

export abstract class InterpBase {
  readonly routers: RouterNode[] = [];
  readonly warnings: { file: string; line?: number; reason: string }[] = [];
  protected readonly modules = new Map<string, ModuleState>();
  protected readonly memo = new Map<string, Value>();
  /**
   * Values that are a guess among several (whenEval.ts): the fallback of `a || b` when `a` is
   * unknown (`'or'`: then at least its truth holds when the fallback is truthy), an arm of a
   * ternary or one of several returns whose test was not decided (`'any'`). Followed as values
   * (a path is still a path), never used to decide an `if`.
   */
  readonly guessed = new WeakMap<Value, 'or' | 'any'>();
  /**
   * What a guess was picked from, as written (the whole ternary, `a || b`, the function of several
   * returns): a path made from one is `dynamic` with this text, never the choice we happened to pick.
   */
  readonly guessedFrom = new WeakMap<Value, string>();

  /** `v` marked as a guess (a copy when it is a primitive, so that a shared constant is not marked). */
  guess(v: Value, how: 'or' | 'any', from?: LazyText): Value {
    if (v.k !== 'str' && v.k !== 'num' && v.k !== 'bool' && v.k !== 'null') return v;
    const c = { ...v };
    this.guessed.set(c, how);
    if (from !== undefined) this.guessedFrom.set(c, typeof from === 'string' ? from : exprText(from));
    return c;
  }
  /**
   * Values read from configuration at the default the code gives it, nothing having set it (a
   * validation schema's `.default('/u')`, an environment variable that is unset): what a fresh
   * install runs with, so a path made from one is that path, with this note of the settings it
   * depends on (`files.route: the default "/u" (src/lib/config/validate.ts:90)`). They pick a
   * ternary's arm and a function's answer, but do not decide which statements run: a route the
   * code registers under a test of configuration is still one of its routes.
   */
  readonly configured = new WeakMap<Value, string>();

  /** `v` marked as read at its configured default (a copy when it is a primitive, as `guess`). */
  configure(v: Value, note: string): Value {
    const c = v.k === 'str' || v.k === 'num' || v.k === 'bool' || v.k === 'null' ? { ...v } : v;
    const had = this.configured.get(v);
    this.configured.set(c, had && had !== note && !had.includes(note) ? `${had}; ${note}` : note);
    return c;
  }

  /** The configuration notes of the values `vs`, joined, or undefined when none is configured. */
  configuredNotes(vs: Value[]): string | undefined {
    const notes = [...new Set(vs.flatMap((v) => (this.configured.get(v) ?? '').split('; ').filter(Boolean)))];
    return notes.length ? notes.join('; ') : undefined;
  }
  /**
   * Above zero while running what runs only because a setting at its default decides no test,
   * the default itself going the other way (`if (nconf.get('url')) nconf.set('relative_path', …)`
   * with no `url` in a fresh install). Such code still registers its routes, but what it stores in
   * the configuration is not what a fresh install holds: stores ignore it (configStores.ts).
   */
  offAtDefaults = 0;
  /** Node's `global` object: properties the code sets on it. */
  readonly globalObject: ObjValue = { k: 'obj', props: new Map() };
  /** The provider `require('nconf')` is (configStores.ts), made when code first calls it. */
  configModule: ObjValue | undefined;
  /**
   * Functions of ours registered on an object a library made (`api.register('getText', handler)` on
   * `new OpenAPIBackend(…)`), by the object as written (`openapi-backend|OpenAPIBackend.()`): the
   * object calls them when a handler hands it a request (handedChecks.ts).
   */
  readonly registeredOn = new Map<string, Registered[]>();
  /** Modules loaded by a path the run computed, as [the file that loaded, the module key]. */
  protected readonly computedLoads: [string, string][] = [];
  /** Modules an import chain too deep left unloaded (interpModules.ts loadModule): run() loads them from the top. */
  protected readonly deferred: string[] = [];
  protected readonly running = new Set<string>();
  protected readonly ran = new Set<string>();
  protected readonly runsOf = new Map<string, number>();
  /** Routes and uses added so far, and the functions (`file:fn`) whose runs added some (interpCalls.ts's cap). */
  protected registrations = 0;
  protected readonly registers = new Set<string>();
  /** Functions whose run returned a router it made (a router factory): memoised per call site (interpCalls.ts invoke). */
  protected readonly routerMakers = new Set<string>();
  protected seqNo = 0;
  /** The file whose code is being evaluated (for language-dependent builtins). */
  currentFile = '';
  /** The arguments of the call being made (set just before a router method or native is called). */
  protected argExprs: readonly Expr[] = [];
  /** The arguments of the call being made, as written: written only when a framework asks. */
  get argTexts(): string[] {
    // A spread (`router[method](path, ...params)`) makes as many values as its list holds: from it on,
    // the written texts no longer line up with the values, even when the counts agree.
    const spread = this.argExprs.findIndex((e) => e[0] === 'm' && e[2] === '...');
    return this.argExprs.map((e, i) => (spread >= 0 && i >= spread ? '' : exprText(e)));
  }
  /** Property `key` of the object literal passed as argument `i`, as written (`route({ url: path })` → `path`). */
  argPropText(i: number, key: string): string | undefined {
    const e = this.argExprs[i];
    if (e?.[0] !== 'o') return undefined;
    const p = e[1].find(([k]) => k === key);
    return p ? exprText(p[1]) : undefined;
  }
  /** The functions being run, innermost last: what each was called with, and where (see `suppliedAt`). */
  protected readonly frames: { file: string; fn: number; params: string[]; site: SiteRef; argExprs: readonly Expr[]; args: readonly Value[] }[] = [];
  protected steps = 0;
  protected depth = 0;
  /**
   * The call depth at which a route registration's arguments are being evaluated (`router.get(path,
   * koaGuard({ status: 204 }), handler)`), else -1: a call written there makes that route's middleware.
   */
  protected routeArgsDepth = -1;
  /** The call depth of the body of a function run because no call reached it (runUncalled), else -1. */
  protected uncalledDepth = -1;
  protected moduleDepth = 0;
  protected exprDepth = 0;
  protected exhausted = false;
  /** While probing a middleware for refusals: every function entered, and external calls made. */
  /** While probing: the functions of ours called, packages' functions called, routers handed the request, and the sites (`file@offset`) whose call ran a function of ours. */
  /** `capped`: functions entered but not run, past their count of distinct calls (interpCalls.ts). */
  protected probe?: { fns: FnValue[]; exts: ExtValue[]; routers?: RouterNode[]; routerArgs?: Value[][]; sites?: Set<string>; capped?: FnValue[]; handed?: { fn: FnValue; to: string }[] };
  protected readonly byPackage: Framework[];
  /** DEEPDIVE_INTERP_PROFILE=1: how often each function ran (printed to stderr after run()). */
  protected readonly profile = process.env.DEEPDIVE_INTERP_PROFILE ? new Map<string, number>() : undefined;

  constructor(
    readonly program: Program,
    readonly frameworks: Framework[],
  ) {
    this.byPackage = frameworks;
  }

  protected moduleKeyOf(file: string): string {
    const lang = this.program.language(file);
    if (lang === 'go') return `dir:${file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : ''}`;
    return file;
  }

  protected readonly typeStores = new Map<string, Map<string, Value>>();
  /** Go/Java-style instances of a named type share one field store per type and package. */
  typeFields(name: string, file: string): Map<string, Value> {
    const key = `${this.moduleKeyOf(file)}#${name}`;
    let m = this.typeStores.get(key);
    if (!m) this.typeStores.set(key, (m = new Map()));
    return m;
  }

  // ---- API for framework modules ----

  newRouter(framework: string, kind: 'app' | 'router', site: SiteRef, opts: Record<string, unknown> = dict()): RouterNode {
    const r: RouterNode = { id: this.routers.length, framework, kind, site, items: [], extra: new Map(), wrappers: [], opts };
    if (this.depth === this.uncalledDepth) r.uncalled = true;
    if (this.probe) r.probed = true;
    this.routers.push(r);
    return r;
  }

  /** The router made at this site in this call context, made once (a module's top level runs once, a factory per distinct call). */
  routerAt(framework: string, kind: 'app' | 'router', site: SiteRef, opts: Record<string, unknown> = dict()): RouterNode {
    const key = `${site.file}:${site.offset}:${this.context}`;
    let r = this.routerSites.get(key);
    if (!r) {
      r = this.newRouter(framework, kind, site, opts);
      this.routerSites.set(key, r);
    }
    return r;
  }
  protected readonly routerSites = new Map<string, RouterNode>();
  /**
   * The chain of call sites of the functions being run (a router's identity includes it), as a
   * linked list written out only when an identity asks for it (`context`): most calls make no
   * router or instance, and building the text on every call was a visible share of a run.
   */
  protected callChain: CallChain = { text: '' };
  /** The call chain as text: each site `>file:offset` after its caller's, its last 200 characters. */
  protected get context(): string {
    return chainText(this.callChain);
  }

  /** Where registration order stands now: a later replay of code that ran here registers at this point. */
  seqMark(): number {
    return this.seqNo;
  }

  /**
   * Runs `fn` again later on behalf of code that ran at `mark` (a loop over a registry, for an item
   * appended after it ran): what it registers takes its place in the order of that code (Koa
   * middleware order), and it counts even when the append happened while probing a middleware.
   */
  replayAt<T>(mark: number, fn: () => T): T {
    const savedProbe = this.probe;
    const savedSeq = this.replaySeq;
    this.probe = undefined;
    this.replaySeq = mark - 0.5;
    try {
      return fn();
    } finally {
      this.probe = savedProbe;
      this.replaySeq = savedSeq;
    }
  }
  protected replaySeq: number | undefined;
  protected nextSeq(): number {
    if (this.replaySeq === undefined) return this.seqNo++;
    this.replaySeq += 1e-6;
    return this.replaySeq;
  }

  addRoute(r: RouterNode, method: string, path: PathPart, handlers: Value[], site: SiteRef, extra: { framework?: string; handlerText?: string; guards?: KnownGuard[]; fileRoute?: boolean } = {}): void {
    if (this.probe) return;
    const dup = r.items.some((i) => i.t === 'route' && i.site.offset === site.offset && i.site.file === site.file && i.method === method && samePath(i.path, path));
    if (dup) return;
    r.items.push({ t: 'route', method, path, handlers, site, seq: this.nextSeq(), reachedBy: this.frames.map((f) => `${f.site.file}:${f.site.offset}`).join('>'), framework: extra.framework ?? r.framework, ...(extra.handlerText ? { handlerText: extra.handlerText } : {}), ...(extra.guards ? { guards: extra.guards } : {}), ...(extra.fileRoute ? { fileRoute: true } : {}) });
    this.registrations++;
  }

  addUse(r: RouterNode, path: PathPart | undefined, args: Value[], site: SiteRef, extra: { replacesPrefix?: boolean; always?: boolean; through?: { method: string; pattern: string }; exact?: boolean } = {}): void {
    if (this.probe) return;
    const dup = r.items.some((i) => i.t === 'use' && i.site.offset === site.offset && i.site.file === site.file && args.length === i.args.length && args.every((a, j) => this.key(a) === this.key(i.args[j])) && ((!i.path && !path) || (!!i.path && !!path && samePath(i.path, path))) && i.through?.pattern === extra.through?.pattern && i.through?.method === extra.through?.method);
    if (dup) return;
    r.items.push({ t: 'use', ...(path ? { path } : {}), args, site, seq: this.nextSeq(), ...extra });
    this.registrations++;
  }

  /** A path from a value: a string, or `dynamic` with the expression as written. */
  pathOf(v: Value | undefined): PathPart {
    if (!v) return { s: '' };
    // An arm of a ternary whose test was not decided, one of several returns, or the fallback of
    // `a || b` whose `a` we could not read is not the path: the route answers at one of them
    // depending on what we could not read, so it is the expression, every choice shown.
    if (this.guessed.has(v)) return { dyn: this.guessedFrom.get(v) ?? `${valueText(v)} (one of several values)` };
    if (v.k === 'str') return this.configured.has(v) ? { s: v.v, cfg: this.configured.get(v)! } : { s: v.v };
    if (v.k === 'kw') return this.pathOf(v.v);
    // A regular-expression literal is matched as its pattern: `/^\/x$/i` is written `^\/x$`,
    // the way a reader (and `re:` in labels) writes a regex route.
    if (v.k === 'unknown') {
      const re = REGEX_LITERAL.exec(v.text);
      if (re) return { dyn: re[1]! };
    }
    return { dyn: valueText(v) };
  }

  str(v: Value | undefined): string | undefined {
    if (!v) return undefined;
    if (v.k === 'str') return v.v;
    if (v.k === 'kw') return this.str(v.v);
    return undefined;
  }

  kwarg(args: Value[], name: string): Value | undefined {
    for (const a of args) if (a.k === 'kw' && a.name === name) return a.v;
    return undefined;
  }

  positional(args: Value[]): Value[] {
    return args.filter((a) => a.k !== 'kw');
  }

  /** A property of an object literal or instance value. */
  prop(v: Value | undefined, name: string): Value | undefined {
    if (!v) return undefined;
    if (v.k === 'obj') return v.props.get(name) ?? (v.getters?.get(name) ? this.callValue(v.getters.get(name)!, [], { file: '', line: 0, offset: -3 }, v) : undefined);
    if (v.k === 'inst') return v.fields.get(name);
    return undefined;
  }

  /** The scope of a file's module if it has run, without running it (linking must not load modules). */
  loadedFileEnv(file: string): Env | undefined {
    const m = this.ranModule(file);
    return m?.done ? m.fileEnvs.get(file) ?? m.env : undefined;
  }

  /** What `require(file)` gives, for a module that has run (a framework's declarations read after the run: Sails's config files and actions). */
  exportsOf(file: string): Value | undefined {
    const m = this.ranModule(file);
    return m?.done ? m.cjs ?? m.ns : undefined;
  }

  /**
   * A file's module, run now if nothing loaded it yet: the run starts only from files whose imports
   * reach a framework (interpreter.ts), and a framework's loader reads files by convention that
   * nothing imports (Egg's `app/router.js`, Sails's `config/routes.js`).
   */
  private ranModule(file: string): ModuleState | undefined {
    const key = this.moduleKeyOf(file);
    return this.modules.get(key) ?? (this.program.facts.has(file) ? this.loadModule(key) : undefined);
  }

  factsOf(file: string): EntryFacts | undefined {
    return this.program.facts.get(file);
  }

  fnFact(f: FnValue): FnFact | undefined {
    return this.program.facts.get(f.file)?.fns[f.fn];
  }

  warn(file: string, line: number | undefined, reason: string): void {
    if (!this.warnings.some((w) => w.file === file && w.line === line && w.reason === reason)) this.warnings.push({ file, ...(line !== undefined ? { line } : {}), reason });
  }

  // ---- identity keys (valueKeys.ts) ----

  protected readonly keys = new ValueKeys();

  id(o: object): number {
    return this.keys.id(o);
  }

  key(v: Value): string {
    return this.keys.key(v);
  }

  /**
   * This interpreter as the framework modules and builtins take it. Only `Interp` is ever made
   * (these layers are abstract), so the cast holds: a layer's `this` is merely typed as that layer.
   */
  protected get whole(): Interp {
    return this as unknown as Interp;
  }

  // ---- implemented by the evaluation layers ----

  abstract loadModule(key: string): ModuleState;
  abstract lookup(name: string, env: Env): Value;
  protected abstract execOps(ops: Op[], env: Env, mod?: ModuleState): Value | undefined;
  abstract evalExpr(e: Expr, env: Env): Value;
  abstract member(obj: Value, prop: string, text?: LazyText): Value;
  abstract memberPath(obj: Value, key: string): Value;
  abstract callValue(callee: Value, args: Value[], site: SiteRef, self?: Value, isNew?: boolean, text?: LazyText): Value;
  abstract construct(c: ClsValue, args: Value[], site: SiteRef, quiet?: boolean): InstValue;
  abstract invoke(f: FnValue, args: Value[], site: SiteRef, self?: Value, probing?: boolean, text?: LazyText): Value;
}

function samePath(a: PathPart, b: PathPart): boolean {
  return 's' in a && 's' in b ? a.s === b.s : 'dyn' in a && 'dyn' in b ? a.dyn === b.dyn : false;
}

/** A call site on the chain of the functions being run, below its caller's; `text` once written. */
export interface CallChain {
  up?: CallChain;
  file?: string;
  offset?: number;
  text?: string;
}

function chainText(c: CallChain): string {
  if (c.text === undefined) c.text = `${c.up ? chainText(c.up) : ''}>${c.file}:${c.offset}`.slice(-200);
  return c.text;
}
