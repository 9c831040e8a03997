// The entry interpreter: runs every module's top level over the entry facts, follows values
// through bindings, imports, calls, returns, parameters, objects and classes, and lets the
// framework modules give meaning to calls on their packages and routers. Loops and branches run
// every arm once; a call with the same function and arguments runs once; what cannot be followed
// becomes `unknown` with its text. Pure: no file is read here.
import type { EntryFacts, Expr, FnFact, Op } from '../facts/types';
import type { Framework } from '../frameworks/types';
import type { Program } from './program';
import { arrayMethod, extCall, globalValue, objectStatic, stringMethod } from './builtins';
import type { ClsValue, Env, ExtValue, FnValue, InstValue, KnownGuard, ObjValue, PathPart, RouterNode, SiteRef, Value } from './values';
import { NULL, STR, UNKNOWN, valueText } from './values';
import { exprText } from './exprText';
import { collectionCall, defaultedSlot, mapMethod, newMap, onLater } from './collections';

interface ModuleState {
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
const BUDGET = 4_000_000;
const MAX_DEPTH = 24;
const MAX_RUNS_PER_FN = 48;
const MAX_RUNS_WITH_ROUTER = 400;
/**
 * Modules loaded from inside the loading of another (imports of imports): past this many, the
 * importer gets unknown values and the module is run later from the top. A long import chain of
 * a million-line corpus overflowed the stack here.
 */
const MAX_MODULE_DEPTH = 32;
/** Expressions evaluated inside one another, across calls: a bound well under the stack's. */
const MAX_EXPR_DEPTH = 600;
/** `/pattern/flags`, as the facts keep a regular-expression literal. */
const REGEX_LITERAL = /^\/((?:\\.|[^\\\n])+)\/[a-z]*$/s;

export class Interp {
  readonly routers: RouterNode[] = [];
  readonly warnings: { file: string; line?: number; reason: string }[] = [];
  private readonly modules = new Map<string, ModuleState>();
  private readonly memo = new Map<string, Value>();
  private readonly running = new Set<string>();
  private readonly ran = new Set<string>();
  private readonly runsOf = new Map<string, number>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private seqNo = 0;
  /** The file whose code is being evaluated (for language-dependent builtins). */
  currentFile = '';
  /** The arguments of the call being made, as written (set just before a router method or native is called). */
  argTexts: string[] = [];
  private steps = 0;
  private depth = 0;
  private moduleDepth = 0;
  private exprDepth = 0;
  private exhausted = false;
  /** While probing a middleware for refusals: every function entered, and external calls made. */
  private probe?: { fns: FnValue[]; exts: ExtValue[] };
  private readonly byPackage: Framework[];
  /** DEEPDIVE_INTERP_PROFILE=1: how often each function ran (printed to stderr after run()). */
  private readonly profile = process.env.DEEPDIVE_INTERP_PROFILE ? new Map<string, number>() : undefined;

  constructor(
    readonly program: Program,
    readonly frameworks: Framework[],
  ) {
    this.byPackage = frameworks;
  }

  // ---- driving ----

  /** Runs every module once, then the functions nothing called, then the frameworks' declarations. */
  run(): void {
    const files = [...this.program.facts.keys()].sort();
    for (const f of files) {
      try {
        this.loadModule(this.moduleKeyOf(f));
      } catch (err) {
        // Still too deep for the stack (nesting in one file): that file's values stay unknown,
        // the rest is followed. Anything else is a bug and goes up.
        if (!(err instanceof RangeError)) throw err;
        this.warnings.push({ file: f, reason: `too deeply nested to follow (${err.message}): its routes may be missing` });
      }
    }
    this.runUncalled();
    for (const fw of this.frameworks) fw.finalize?.(this);
    if (this.profile) {
      const top = [...this.profile].sort((a, b) => b[1] - a[1]).slice(0, 25);
      process.stderr.write(`interpreter: ${this.steps} steps\n${top.map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join('\n')}\n`);
    }
    if (this.exhausted) this.warnings.push({ file: '', reason: `stopped following values after ${BUDGET.toLocaleString('en')} steps: some routes may be missing` });
  }

  private moduleKeyOf(file: string): string {
    const lang = this.program.language(file);
    if (lang === 'go') return `dir:${file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : ''}`;
    return file;
  }

  /**
   * Functions that no call reached but that register routes or mount routers (an app factory
   * only a CLI calls, a server method run from a goroutine): run with unknown arguments, methods
   * on an instance of their class, so that their routes are not lost. Their routers then have no
   * known mount: those routes come out `unknown`, not "public".
   */
  private runUncalled(): void {
    for (let pass = 0; pass < 2; pass++) {
      const before = this.seqNo;
      for (const [file, facts] of this.program.facts) {
        facts.fns.forEach((fn, i) => {
          if (fn.parent !== undefined || this.ran.has(`${file}:${i}`)) return;
          if (!fn.ops.length) return;
          const mod = this.loadModule(this.moduleKeyOf(file));
          const env = mod.fileEnvs.get(file) ?? mod.env;
          const self = fn.owner ? this.instanceOf(fn.owner, file, env) : undefined;
          const f: FnValue = { k: 'fn', file, fn: i, env, ...(self ? { self } : {}) };
          // A parameter with a default (`init(app = new Koa())`) takes it: what the function makes
          // when nobody passes one is the best-known value; the others stay unknown.
          try {
            this.invoke(f, fn.params.map((p, j) => (fn.defaults?.[j] ? { k: 'null' as const } : UNKNOWN(p))), { file, line: fn.start, offset: -1 }, self);
          } catch (err) {
            if (!(err instanceof RangeError)) throw err;
            this.warnings.push({ file, reason: `too deeply nested to follow (${err.message}): its routes may be missing` });
          }
        });
      }
      if (this.seqNo === before) break;
    }
  }

  private instanceOf(owner: string, file: string, env: Env): Value | undefined {
    const c = this.lookup(owner, env);
    if (c.k === 'cls') return this.construct(c, [], { file, line: 0, offset: -2 }, true);
    return { k: 'inst', cls: { k: 'type', name: owner, file }, fields: this.typeFields(owner, file) };
  }

  private readonly typeStores = new Map<string, Map<string, Value>>();
  /** Go/Java-style instances of a named type share one field store per type and package. */
  typeFields(name: string, file: string): Map<string, Value> {
    const key = `${this.moduleKeyOf(file)}#${name}`;
    let m = this.typeStores.get(key);
    if (!m) this.typeStores.set(key, (m = new Map()));
    return m;
  }

  // ---- API for framework modules ----

  newRouter(framework: string, kind: 'app' | 'router', site: SiteRef, opts: Record<string, unknown> = {}): RouterNode {
    const r: RouterNode = { id: this.routers.length, framework, kind, site, items: [], extra: new Map(), wrappers: [], opts };
    this.routers.push(r);
    return r;
  }

  /** The router made at this site in this call context, made once (a module's top level runs once, a factory per distinct call). */
  routerAt(framework: string, kind: 'app' | 'router', site: SiteRef, opts: Record<string, unknown> = {}): RouterNode {
    const key = `${site.file}:${site.offset}:${this.context}`;
    let r = this.routerSites.get(key);
    if (!r) {
      r = this.newRouter(framework, kind, site, opts);
      this.routerSites.set(key, r);
    }
    return r;
  }
  private readonly routerSites = new Map<string, RouterNode>();
  /** The chain of call sites of the functions being run (a router's identity includes it). */
  private context = '';

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
  private replaySeq: number | undefined;
  private nextSeq(): number {
    if (this.replaySeq === undefined) return this.seqNo++;
    this.replaySeq += 1e-6;
    return this.replaySeq;
  }

  addRoute(r: RouterNode, method: string, path: PathPart, handlers: Value[], site: SiteRef, extra: { framework?: string; handlerText?: string; guards?: KnownGuard[]; fileRoute?: boolean } = {}): void {
    if (this.probe) return;
    const dup = r.items.some((i) => i.t === 'route' && i.site.offset === site.offset && i.site.file === site.file && i.method === method && samePath(i.path, path));
    if (dup) return;
    r.items.push({ t: 'route', method, path, handlers, site, seq: this.nextSeq(), framework: extra.framework ?? r.framework, ...(extra.handlerText ? { handlerText: extra.handlerText } : {}), ...(extra.guards ? { guards: extra.guards } : {}), ...(extra.fileRoute ? { fileRoute: true } : {}) });
  }

  addUse(r: RouterNode, path: PathPart | undefined, args: Value[], site: SiteRef, extra: { replacesPrefix?: boolean; always?: boolean } = {}): void {
    if (this.probe) return;
    const dup = r.items.some((i) => i.t === 'use' && i.site.offset === site.offset && i.site.file === site.file && args.length === i.args.length && args.every((a, j) => this.key(a) === this.key(i.args[j])) && ((!i.path && !path) || (!!i.path && !!path && samePath(i.path, path))));
    if (dup) return;
    r.items.push({ t: 'use', ...(path ? { path } : {}), args, site, seq: this.nextSeq(), ...extra });
  }

  /** A path from a value: a string, or `dynamic` with the expression as written. */
  pathOf(v: Value | undefined): PathPart {
    if (!v) return { s: '' };
    if (v.k === 'str') return { s: v.v };
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

  factsOf(file: string): EntryFacts | undefined {
    return this.program.facts.get(file);
  }

  fnFact(f: FnValue): FnFact | undefined {
    return this.program.facts.get(f.file)?.fns[f.fn];
  }

  warn(file: string, line: number | undefined, reason: string): void {
    if (!this.warnings.some((w) => w.file === file && w.line === line && w.reason === reason)) this.warnings.push({ file, ...(line !== undefined ? { line } : {}), reason });
  }

  /** Runs a middleware or handler with unknown arguments to collect what it calls (for guards). */
  probeCalls(v: FnValue): { fns: FnValue[]; exts: ExtValue[] } {
    const saved = this.probe;
    const savedMemo = this.context;
    this.probe = { fns: [], exts: [] };
    try {
      const fact = this.fnFact(v);
      const ret = this.invoke(v, (fact?.params ?? []).map((p) => UNKNOWN(p)), { file: v.file, line: fact?.start ?? 0, offset: -4 }, v.self, true);
      // A handler that returns a function (an API framework's controller method returning the
      // middleware that does the work, `verify() { return Promise.resolve(function mw(req, res, next) {…}) }`):
      // that function runs on the request too.
      if (ret.k === 'fn' && (ret.file !== v.file || ret.fn !== v.fn)) {
        const rf = this.fnFact(ret);
        this.invoke(ret, (rf?.params ?? []).map((p) => UNKNOWN(p)), { file: ret.file, line: rf?.start ?? 0, offset: -5 }, ret.self, true);
      }
      return this.probe;
    } finally {
      this.probe = saved;
      this.context = savedMemo;
    }
  }

  // ---- modules ----

  loadModule(key: string): ModuleState {
    const known = this.modules.get(key);
    if (known) return known;
    const files = this.program.filesOf(key);
    if (this.moduleDepth >= MAX_MODULE_DEPTH) {
      // Not registered: run() loads it again from the top, where the stack is short.
      const ns: ObjValue = { k: 'obj', props: new Map(), module: files[0] ?? key };
      return { key, env: { vars: new Map(), file: files[0] ?? key }, fileEnvs: new Map(), ns, moduleObj: { k: 'obj', props: new Map([['exports', ns]]) }, done: false, cjs: UNKNOWN(`require(${JSON.stringify(files[0] ?? key)})`) };
    }
    this.moduleDepth++;
    try {
      return this.runModule(key, files);
    } finally {
      this.moduleDepth--;
    }
  }

  private runModule(key: string, files: string[]): ModuleState {
    const env: Env = { vars: new Map(), file: files[0] ?? key };
    const ns: ObjValue = { k: 'obj', props: new Map(), module: files[0] ?? key };
    const moduleObj: ObjValue = { k: 'obj', props: new Map([['exports', ns]]) };
    const m: ModuleState = { key, env, fileEnvs: new Map(), ns, moduleObj, done: false };
    this.modules.set(key, m);
    if (files.length === 1) {
      env.imports = files[0];
      m.fileEnvs.set(files[0], env);
    } else for (const f of files) m.fileEnvs.set(f, { vars: new Map(), parent: env, file: f, imports: f });
    for (const f of files) {
      const facts = this.program.facts.get(f);
      if (!facts) continue;
      const fenv = m.fileEnvs.get(f)!;
      this.execOps(facts.top, fenv, m);
    }
    for (const f of files) {
      const facts = this.program.facts.get(f);
      if (!facts) continue;
      const fenv = m.fileEnvs.get(f)!;
      for (const [name, e] of facts.exports) {
        const v = this.evalExpr(e, fenv);
        if (name === '*' && v.k === 'obj') {
          for (const [k, x] of v.props) if (k !== 'default' && !ns.props.has(k)) ns.props.set(k, x);
        } else ns.props.set(name, v);
      }
    }
    m.done = true;
    return m;
  }

  private requireOf(m: ModuleState): Value {
    return m.cjs ?? m.ns;
  }

  private importValue(from: string, spec: string, name: string): Value {
    const key = this.program.resolve(from, spec);
    if (!key) return { k: 'ext', spec, path: name === 'default' || name === '*' || name === '<require>' ? [] : [name] };
    const m = this.loadModule(key);
    if (name === '<require>') return this.requireOf(m);
    if (name === '*') return m.ns;
    if (name === 'default') return m.ns.props.get('default') ?? m.cjs ?? m.ns;
    const direct = m.ns.props.get(name) ?? this.prop(m.cjs, name);
    if (direct) return direct;
    // `from pkg import submodule`, `import { x } from './dir'` where x is a file.
    const sub = this.program.resolve(from, `${spec}${spec.endsWith('/') ? '' : this.program.language(from) === 'python' ? '.' : '/'}${name}`);
    if (sub && sub !== key) return this.loadModule(sub).ns;
    return UNKNOWN(`${spec}.${name}`);
  }

  // ---- names ----

  lookup(name: string, env: Env): Value {
    for (let e: Env | undefined = env; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v !== undefined) return v;
      if (e.imports) {
        const facts = this.program.facts.get(e.imports);
        const imp = facts?.imports.find((i) => i.local === name);
        if (imp) {
          const v2 = this.importValue(e.imports, imp.spec, imp.name);
          e.vars.set(name, v2);
          return v2;
        }
      }
    }
    const m = this.modules.get(this.moduleKeyOf(env.file));
    if (name === 'module' && m) return m.moduleObj;
    if (name === 'exports' && m) return m.moduleObj.props.get('exports') ?? m.ns;
    return globalValue(name) ?? UNKNOWN(name);
  }

  private assign(name: string, v: Value, env: Env): void {
    for (let e: Env | undefined = env; e; e = e.parent) {
      if (e.vars.has(name)) {
        e.vars.set(name, v);
        return;
      }
      if (!e.parent) {
        e.vars.set(name, v);
        return;
      }
    }
  }

  // ---- statements ----

  private execOps(ops: Op[], env: Env, mod?: ModuleState): Value | undefined {
    let ret: Value | undefined;
    for (const op of ops) {
      if (this.exhausted) return ret;
      switch (op[0]) {
        case 'let':
          env.vars.set(op[1], this.evalExpr(op[2], env));
          break;
        case 'pat': {
          const v = this.evalExpr(op[2], env);
          for (const [local, key] of op[1]) env.vars.set(local, this.member(v, key));
          break;
        }
        case 'set':
          this.execSet(op[1], this.evalExpr(op[2], env), env, mod);
          break;
        case 'call':
          this.evalExpr(op[1], env);
          break;
        case 'ret': {
          const v = this.evalExpr(op[1], env);
          if (!ret || (ret.k === 'unknown' || ret.k === 'null') && v.k !== 'unknown') ret = v;
          break;
        }
        case 'for': {
          const it = this.evalExpr(op[2], env);
          const items = it.k === 'arr' ? it.items : it.k === 'obj' && it.coll === 'map' ? [...it.props].map(([k, v]): Value => ({ k: 'arr', items: [STR(k), v] })) : it.k === 'obj' ? [...it.props.keys()].map(STR) : [UNKNOWN(op[1])];
          for (const item of items.slice(0, 200)) {
            env.vars.set(op[1], item);
            const r = this.execOps(op[3], env, mod);
            if (r && !ret) ret = r;
          }
          // Items appended later (a registry filled by modules that run after this loop) run the body too.
          if (it.k === 'arr') {
            const [, name, , body] = op;
            const mark = this.seqMark();
            onLater(it, (item) =>
              this.replayAt(mark, () => {
                env.vars.set(name, item);
                this.execOps(body, env, mod);
              }),
            );
          }
          break;
        }
        case 'quiet': {
          // Errors here are swallowed: while probing for refusals, what it calls is not recorded.
          const saved = this.probe;
          if (saved) this.probe = { fns: [], exts: [] };
          try {
            const r = this.execOps(op[1], env, mod);
            if (r && !ret) ret = r;
          } finally {
            this.probe = saved;
          }
          break;
        }
        case 'deco': {
          const facts = this.program.facts.get(env.file);
          let target: Value = { k: 'fn', file: env.file, fn: op[2], env, ...(env.self ? { self: env.self } : {}) };
          void facts;
          // Decorators apply bottom-up: the one nearest the function first.
          for (const d of [...op[1]].reverse()) {
            const dv = this.evalExpr(d, env);
            const r = this.callValue(dv, [target], this.siteOf(d, env), undefined);
            if (r.k === 'fn' || r.k === 'cls') target = r;
          }
          break;
        }
      }
    }
    return ret;
  }

  private execSet(target: Expr, v: Value, env: Env, mod?: ModuleState): void {
    if (target[0] === 'id') {
      this.assign(target[1], v, env);
      return;
    }
    if (target[0] !== 'm' && target[0] !== 'ix') return;
    const objExpr = target[1];
    const prop = target[0] === 'm' ? target[2] : this.str(this.evalExpr(target[2], env));
    if (prop === undefined) return;
    // module.exports = …
    if (objExpr[0] === 'id' && objExpr[1] === 'module' && prop === 'exports') {
      const m = mod ?? this.modules.get(this.moduleKeyOf(env.file));
      if (m) {
        m.cjs = v;
        m.moduleObj.props.set('exports', v);
      }
      return;
    }
    const obj = this.evalExpr(objExpr, env);
    if (obj.k === 'obj') obj.props.set(prop, v);
    else if (obj.k === 'inst') obj.fields.set(prop, v);
    else if (obj.k === 'router') obj.r.extra.set(prop, v);
    else if (obj.k === 'cls') obj.statics.set(prop, v);
    else if (obj.k === 'fn') {
      // `router.handle = …`, `fn.displayName = …`: remember on a side table.
      this.fnProps(obj).set(prop, v);
    }
  }

  private readonly fnPropTable = new Map<string, Map<string, Value>>();
  private fnProps(f: FnValue): Map<string, Value> {
    const k = `${f.file}:${f.fn}`;
    let m = this.fnPropTable.get(k);
    if (!m) this.fnPropTable.set(k, (m = new Map()));
    return m;
  }

  siteOf(e: Expr, env: Env): SiteRef {
    if (e[0] === 'c' || e[0] === 'new') return { file: env.file, line: e[3][0], offset: e[3][1] };
    return { file: env.file, line: 0, offset: -5 };
  }

  // ---- expressions ----

  evalExpr(e: Expr, env: Env): Value {
    // Generated code nests expressions thousands deep (a long `a + b + …` chain): past the bound
    // the value is unknown, and the stack is left alone.
    if (this.exprDepth >= MAX_EXPR_DEPTH) return UNKNOWN('<expression nested too deeply to follow>');
    this.exprDepth++;
    try {
      return this.evalExprAt(e, env);
    } finally {
      this.exprDepth--;
    }
  }

  private evalExprAt(e: Expr, env: Env): Value {
    if (++this.steps > BUDGET) {
      this.exhausted = true;
      return UNKNOWN(exprText(e));
    }
    switch (e[0]) {
      case 's':
        return { k: 'str', v: e[1] };
      case 'n':
        return { k: 'num', v: e[1] };
      case 'b':
        return { k: 'bool', v: e[1] };
      case 'null':
        return NULL;
      case 'id':
        return this.lookup(e[1], env);
      case 'this':
        for (let x: Env | undefined = env; x; x = x.parent) if (x.self) return x.self;
        return UNKNOWN('this');
      case 'm':
        return this.member(this.evalExpr(e[1], env), e[2], exprText(e));
      case 'ix': {
        const obj = this.evalExpr(e[1], env);
        const idx = this.evalExpr(e[2], env);
        if (obj.k === 'arr' && idx.k === 'num') return obj.items[idx.v] ?? UNKNOWN(exprText(e));
        const key = idx.k === 'str' ? idx.v : idx.k === 'num' ? String(idx.v) : undefined;
        return key !== undefined ? this.member(obj, key, exprText(e)) : UNKNOWN(exprText(e));
      }
      case 'c':
      case 'new':
        return this.evalCall(e, env);
      case 'cat': {
        const parts = e[1].map((p) => this.evalExpr(p, env));
        if (parts.every((p) => p.k === 'str' || p.k === 'num')) return STR(parts.map((p) => String((p as { v: unknown }).v)).join(''));
        return UNKNOWN(exprText(e));
      }
      case 'o': {
        const props = new Map<string, Value>();
        const obj: ObjValue = { k: 'obj', props };
        for (const [k, ve] of e[1]) {
          if (typeof k !== 'string' && k[0] === 's' && k[1] === '...') {
            const src = this.evalExpr(ve, env);
            if (src.k === 'obj') for (const [a, b] of src.props) props.set(a, b);
            continue;
          }
          // A getter (see the object literal in jsFacts): run when read, with the object as `this`.
          if (typeof k !== 'string' && k[0] === 'kw' && k[1] === 'get') {
            const name = this.str(this.evalExpr(k[2], env));
            const g = this.evalExpr(ve, env);
            if (name !== undefined && g.k === 'fn') (obj.getters ??= new Map()).set(name, { ...g, self: obj });
            continue;
          }
          const key = typeof k === 'string' ? k : this.str(this.evalExpr(k, env));
          if (key === undefined) continue;
          const v = this.evalExpr(ve, env);
          props.set(key, v.k === 'fn' && !v.self ? { ...v, self: obj } : v);
        }
        return obj;
      }
      case 'a': {
        const items: Value[] = [];
        for (const x of e[1]) {
          if (x[0] === 'm' && x[2] === '...') {
            const v = this.evalExpr(x[1], env);
            if (v.k === 'arr') items.push(...v.items);
            else items.push(v);
          } else items.push(this.evalExpr(x, env));
        }
        return { k: 'arr', items };
      }
      case 'f':
        return { k: 'fn', file: env.file, fn: e[1], env };
      case 'k':
        return this.classValue(e[1], env);
      case 'or': {
        const a = this.evalExpr(e[1], env);
        if (a.k === 'unknown' || a.k === 'null' || (a.k === 'str' && a.v === '') || (a.k === 'bool' && !a.v)) {
          const b = this.evalExpr(e[2], env);
          return defaultedSlot(a, b) ?? (a.k === 'unknown' && b.k === 'unknown' ? a : b);
        }
        return a;
      }
      case 'alt': {
        const a = this.evalExpr(e[1], env);
        if (a.k !== 'unknown') return a;
        const b = this.evalExpr(e[2], env);
        return defaultedSlot(a, b) ?? b;
      }
      case 'kw':
        return { k: 'kw', name: e[1], v: this.evalExpr(e[2], env) };
      case 'imp':
        return this.importValue(env.file, e[1], e[2]);
      case 're':
        return UNKNOWN(e[1]);
      case '?':
        return UNKNOWN(e[1]);
    }
  }

  private classValue(idx: number, env: Env): ClsValue {
    const key = `${env.file}:${idx}`;
    const hit = this.classes.get(key);
    if (hit) return hit;
    const c: ClsValue = { k: 'cls', file: env.file, cls: idx, env, statics: new Map() };
    this.classes.set(key, c);
    const fact = this.program.facts.get(env.file)?.classes[idx];
    for (const [name, fi] of fact?.methods ?? []) c.statics.set(name, { k: 'fn', file: env.file, fn: fi, env });
    for (const [name, fe] of fact?.fields ?? []) c.statics.set(name, this.evalExpr(fe, env));
    return c;
  }
  private readonly classes = new Map<string, ClsValue>();

  /** A property read. `text` is the expression as written, for what stays unknown. */
  member(obj: Value, prop: string, text?: string): Value {
    switch (obj.k) {
      case 'obj': {
        const v = obj.props.get(prop);
        if (v) return v;
        const g = obj.getters?.get(prop);
        if (g) return this.callValue(g, [], { file: g.file, line: 0, offset: -6 }, obj);
        return UNKNOWN(text ?? prop);
      }
      case 'inst': {
        const v = obj.fields.get(prop);
        if (v) return v;
        const m = this.methodOf(obj, prop);
        if (m?.k === 'fn' && this.isGetter(m, prop)) return this.callValue(m, [], { file: m.file, line: 0, offset: -6 }, obj);
        return m ?? UNKNOWN(text ?? prop);
      }
      case 'cls': {
        const v = obj.statics.get(prop) ?? this.staticOfBase(obj, prop);
        if (v?.k === 'fn' && this.isGetter(v, prop)) return this.callValue(v, [], { file: v.file, line: 0, offset: -6 }, obj);
        return v ?? UNKNOWN(text ?? prop);
      }
      case 'router': {
        const x = obj.r.extra.get(prop);
        if (x) return x.k === 'fn' ? { ...x, self: obj } : x;
        const fw = this.frameworks.find((f) => f.name === obj.r.framework);
        const v = fw?.routerMember?.(this, obj.r, prop);
        if (v) return v;
        // A method read off a router and called later (`const get = router.get.bind(router)`).
        return { k: 'native', name: `${prop}`, call: (args, site) => this.routerCall(obj.r, prop, args, site) };
      }
      case 'ext': {
        // A framework wrapper around an object of ours (`pipeline(controller).browse`): the member
        // is still the object's, kept as the wrapped value so the handler can be located.
        const inner = obj.args?.find((a): a is ObjValue => a.k === 'obj' && a.props.has(prop))?.props.get(prop);
        return { k: 'ext', spec: obj.spec, path: [...obj.path, prop], ...(inner && (inner.k === 'obj' || inner.k === 'fn') ? { args: [inner], ...(text ? { text } : {}) } : {}) };
      }
      case 'fn':
        return this.fnProps(obj).get(prop) ?? (prop === 'prototype' ? obj : UNKNOWN(text ?? prop));
      case 'arr':
        if (prop === 'length') return { k: 'num', v: obj.items.length };
        return UNKNOWN(text ?? prop);
      case 'kw':
        return this.member(obj.v, prop, text);
      default:
        return UNKNOWN(text ?? `${valueText(obj)}.${prop}`);
    }
  }

  /** A class's `get name() { … }`: read as a property, it runs. */
  private isGetter(f: FnValue, prop: string): boolean {
    const fact = this.fnFact(f);
    if (!fact?.owner) return false;
    return !!this.program.facts.get(f.file)?.classes.some((c) => c.name === fact.owner && c.getters?.includes(prop) && c.methods.some(([n, i]) => n === prop && i === f.fn));
  }

  private methodOf(inst: InstValue, prop: string): Value | undefined {
    if (inst.cls.k === 'cls') {
      let c: ClsValue | undefined = inst.cls;
      for (let i = 0; c && i < 8; i++) {
        const fact = this.program.facts.get(c.file)?.classes[c.cls];
        const m = fact?.methods.find(([n]) => n === prop);
        if (m) return { k: 'fn', file: c.file, fn: m[1], env: c.env, self: inst };
        c = this.baseOf(c);
      }
      return undefined;
    }
    // A named type (Go struct): methods are functions of the package whose owner is the type.
    const t = inst.cls;
    const key = this.moduleKeyOf(t.file);
    for (const f of this.program.filesOf(key)) {
      const facts = this.program.facts.get(f);
      const i = facts?.fns.findIndex((fn) => fn.owner === t.name && (fn.name === prop || fn.name === `${t.name}.${prop}`)) ?? -1;
      if (i >= 0) {
        const mod = this.loadModule(key);
        return { k: 'fn', file: f, fn: i, env: mod.fileEnvs.get(f) ?? mod.env, self: inst };
      }
    }
    return undefined;
  }

  private baseOf(c: ClsValue): ClsValue | undefined {
    const fact = this.program.facts.get(c.file)?.classes[c.cls];
    const b = fact?.bases?.[0];
    if (!b) return undefined;
    const v = this.evalExpr(b, c.env);
    return v.k === 'cls' && v !== c ? v : undefined;
  }

  private staticOfBase(c: ClsValue, prop: string): Value | undefined {
    for (let b = this.baseOf(c), i = 0; b && i < 8; b = this.baseOf(b), i++) {
      const v = b.statics.get(prop);
      if (v) return v;
    }
    return undefined;
  }

  // ---- calls ----

  private evalArgs(args: Expr[], env: Env): Value[] {
    const out: Value[] = [];
    for (const a of args) {
      if (a[0] === 'm' && a[2] === '...') {
        const v = this.evalExpr(a[1], env);
        if (v.k === 'arr') out.push(...v.items);
        else out.push(v);
      } else out.push(this.evalExpr(a, env));
    }
    return out;
  }

  private evalCall(e: Extract<Expr, ['c', ...unknown[]] | ['new', ...unknown[]]>, env: Env): Value {
    const [kind, calleeExpr, argExprs, at] = e as ['c' | 'new', Expr, Expr[], [number, number]];
    const site: SiteRef = { file: env.file, line: at[0], offset: at[1] };
    this.currentFile = env.file;
    const isNew = kind === 'new';
    if (calleeExpr[0] === 'm') {
      const recv = this.evalExpr(calleeExpr[1], env);
      const prop = calleeExpr[2];
      const args = this.evalArgs(argExprs, env);
      const text = exprText(e);
      if (recv.k === 'router') {
        const x = recv.r.extra.get(prop);
        if (x) return this.callValue(x, args, site, recv, false, text);
        this.argTexts = argExprs.map(exprText);
        return this.routerCall(recv.r, prop, args, site);
      }
      const builtin = recv.k === 'str' ? stringMethod(this, recv.v, prop, args) : recv.k === 'arr' ? arrayMethod(this, recv, prop, args, site) : recv.k === 'obj' && recv.coll === 'map' ? mapMethod(this, recv, prop, args, site, text) : undefined;
      if (builtin) return builtin;
      if (prop === 'then' || prop === 'finally') {
        const cb = args[0];
        return cb && (cb.k === 'fn' || cb.k === 'native') ? this.callValue(cb, [recv], site) : recv;
      }
      if (prop === 'catch') return recv;
      if (recv.k === 'fn' && (prop === 'bind' || prop === 'call' || prop === 'apply')) {
        if (prop === 'bind') return { ...recv, self: args[0] ?? recv.self };
        const rest = prop === 'call' ? args.slice(1) : args[1]?.k === 'arr' ? args[1].items : [];
        return this.callValue(recv, rest, site, args[0]);
      }
      if (recv.k === 'ext' && (recv.spec === 'Object' || recv.spec === 'Reflect')) {
        const r = objectStatic(this, prop, args);
        if (r) return r;
      }
      const fn = this.member(recv, prop, exprText(calleeExpr));
      if (fn.k === 'unknown') return this.unknownCall(text, args, site);
      this.argTexts = argExprs.map(exprText);
      return this.callValue(fn, args, site, recv.k === 'obj' || recv.k === 'inst' || recv.k === 'cls' ? recv : fn.k === 'fn' ? fn.self : undefined, isNew, text);
    }
    const callee = this.evalExpr(calleeExpr, env);
    const args = this.evalArgs(argExprs, env);
    if (callee.k === 'unknown') return this.unknownCall(exprText(e), args, site);
    this.argTexts = argExprs.map(exprText);
    return this.callValue(callee, args, site, undefined, isNew, exprText(e));
  }

  routerCall(r: RouterNode, method: string, args: Value[], site: SiteRef): Value {
    const fw = this.frameworks.find((f) => f.name === r.framework);
    return fw?.callRouter?.(this, r, method, args, site) ?? UNKNOWN(`${method}(…)`);
  }

  /** A call the interpreter cannot follow: callbacks passed to it still run once (routes inside them count). */
  private unknownCall(text: string, args: Value[], site: SiteRef): Value {
    for (const a of args) {
      if (a.k === 'fn' && !this.ran.has(`${a.file}:${a.fn}`)) {
        const fact = this.fnFact(a);
        this.invoke(a, (fact?.params ?? []).map((p) => UNKNOWN(p)), site, a.self);
      }
    }
    return UNKNOWN(text.length > 80 ? text.slice(0, 79) + '…' : text);
  }

  callValue(callee: Value, args: Value[], site: SiteRef, self?: Value, isNew = false, text?: string): Value {
    switch (callee.k) {
      case 'fn':
        return this.invoke(callee, args, site, self ?? callee.self, false, text);
      case 'cls':
        return this.construct(callee, args, site);
      case 'native':
        return callee.call(args, site);
      case 'ext': {
        if (this.probe) this.probe.exts.push({ ...callee, args, site });
        for (const fw of this.byPackage) {
          if (!fw.packages.test(callee.spec)) continue;
          const v = fw.callExt?.(this, callee, args, site, isNew);
          if (v) return v;
        }
        if (isNew && callee.spec === 'Map' && !callee.path.length) return newMap(args);
        const b = extCall(this, callee, args) ?? collectionCall(callee.spec, callee.path.join('.'), args);
        if (b) return b;
        // A library that takes a loader and serves what it returns (`lazyLoad(() => require('./api'))`,
        // `lazy(() => import('./admin'))`): the call stands for the router the loader gives.
        let loaded: Value | undefined;
        for (const a of args) {
          if (a.k !== 'fn') continue;
          const r = this.invoke(a, (this.fnFact(a)?.params ?? []).map((p) => UNKNOWN(p)), site, a.self);
          const router = routerIn(r);
          if (router) loaded = router;
        }
        if (loaded) return loaded;
        return { k: 'ext', spec: callee.spec, path: [...callee.path, '()'], args, site, ...(text ? { text } : {}) };
      }
      case 'kw':
        return this.callValue(callee.v, args, site, self, isNew, text);
      default:
        return UNKNOWN(`${valueText(callee)}(…)`);
    }
  }

  construct(c: ClsValue, args: Value[], site: SiteRef, quiet = false): InstValue {
    const key = `${c.file}:${c.cls}@${site.file}:${site.offset}:${this.context}`;
    const hit = this.instances.get(key);
    if (hit) return hit;
    const inst: InstValue = { k: 'inst', cls: c, fields: new Map() };
    this.instances.set(key, inst);
    // Instance fields first, then the constructor (base constructors through super()).
    for (let cur: ClsValue | undefined = c, i = 0; cur && i < 8; cur = this.baseOf(cur), i++) {
      const fact = this.program.facts.get(cur.file)?.classes[cur.cls];
      for (const [name, fe] of fact?.fields ?? []) if (!inst.fields.has(name)) inst.fields.set(name, this.bindSelf(this.evalExpr(fe, { vars: new Map(), parent: cur.env, file: cur.file, self: inst }), inst));
    }
    const ctor = this.methodOf(inst, 'constructor') ?? this.methodOf(inst, '__init__');
    if (ctor && ctor.k === 'fn' && !quiet) this.invoke(ctor, args, site, inst);
    else if (ctor && ctor.k === 'fn') this.invoke(ctor, (this.fnFact(ctor)?.params ?? []).map((p) => UNKNOWN(p)), site, inst);
    return inst;
  }
  private readonly instances = new Map<string, InstValue>();

  private bindSelf(v: Value, self: Value): Value {
    return v.k === 'fn' && !v.self ? { ...v, self } : v;
  }

  /** Runs a function: binds its parameters, runs its body once per distinct (function, arguments). */
  invoke(f: FnValue, args: Value[], site: SiteRef, self?: Value, probing = false, text?: string): Value {
    const fact = this.fnFact(f);
    if (!fact) return UNKNOWN('<function>');
    if (this.probe) this.probe.fns.push(f);
    if (this.profile) this.profile.set(`${f.file}:${fact.start} ${fact.name}`, (this.profile.get(`${f.file}:${fact.start} ${fact.name}`) ?? 0) + 1);
    const memoKey = `${f.file}:${f.fn}@${this.id(f.env)}|${self ? this.key(self) : ''}|${args.map((a) => this.key(a)).join(',')}${probing || this.probe ? '|probe' : ''}`;
    const hit = this.memo.get(memoKey);
    if (hit) return hit;
    if (this.running.has(memoKey) || this.depth >= MAX_DEPTH) return UNKNOWN(`${fact.name}(…)`);
    // A function run with ever new arguments (a numeric loop, a recursive walk) is not followed
    // past a few dozen distinct calls: routes come from a handful of calls per function.
    const fnKey = `${f.file}:${f.fn}`;
    const runs = (this.runsOf.get(fnKey) ?? 0) + 1;
    this.runsOf.set(fnKey, runs);
    // Past the cap, a call that carries a router (a registry's `register({ value: router })`, run
    // once per plugin) is still followed, up to a harder bound: skipping it would lose the routes.
    if (runs > MAX_RUNS_PER_FN && (runs > MAX_RUNS_WITH_ROUTER || !args.some(carriesRouter))) return UNKNOWN(`${fact.name}(…)`);
    this.running.add(memoKey);
    if (!this.probe) this.ran.add(`${f.file}:${f.fn}`);
    const env: Env = { vars: new Map(), parent: f.env, file: f.file, ...(self ? { self } : {}) };
    fact.params.forEach((p, i) => this.bindParam(env, p, args, i, fact.defaults?.[i] ?? null));
    env.vars.set('arguments', { k: 'arr', items: args });
    const savedContext = this.context;
    this.context = `${savedContext}>${site.file}:${site.offset}`.slice(-200);
    this.depth++;
    let ret: Value | undefined;
    try {
      ret = this.execOps(fact.ops, env);
    } finally {
      this.depth--;
      this.context = savedContext;
      this.running.delete(memoKey);
    }
    const out = ret ?? NULL;
    // A function returned by a call of another is a closure made by it: remember who made it (factories, wrappers).
    const result = out.k === 'fn' && !out.madeBy ? { ...out, madeBy: { fn: f, site, text: text ?? `${fact.name.replace(/^.*\./, '')}(${args.map(shortArg).join(', ')})` }, ...(args.find(isHandlerish) ? { wraps: args.find(isHandlerish) } : {}) } : out;
    this.memo.set(memoKey, result);
    return result;
  }

  private bindParam(env: Env, p: string, args: Value[], i: number, def: Expr | null): void {
    if (p.startsWith('...')) {
      env.vars.set(p.slice(3), { k: 'arr', items: args.slice(i) });
      return;
    }
    // Python/Java keyword arguments bind by name.
    const positional = args.filter((a) => a.k !== 'kw');
    const byName = args.find((a) => a.k === 'kw' && a.name === p);
    let v: Value | undefined = byName && byName.k === 'kw' ? byName.v : positional[i];
    if ((v === undefined || v.k === 'null') && def) v = this.evalExpr(def, env);
    v ??= UNKNOWN(p);
    if (p.startsWith('{')) {
      for (const part of p.slice(1, -1).split(',')) {
        const [key, local] = part.includes(':') ? part.split(':') : [part, part];
        if (local) env.vars.set(local, this.member(v, key));
      }
      return;
    }
    env.vars.set(p, v);
  }

  // ---- identity keys ----

  id(o: object): number {
    let n = this.ids.get(o);
    if (n === undefined) this.ids.set(o, (n = this.nextId++));
    return n;
  }

  key(v: Value): string {
    switch (v.k) {
      case 'str':
        return 's' + v.v;
      case 'num':
        return 'n' + v.v;
      case 'bool':
        return 'b' + v.v;
      case 'null':
        return 'z';
      case 'fn':
        return `f${v.file}:${v.fn}@${this.id(v.env)}${v.self ? '/' + this.key(v.self) : ''}`;
      case 'router':
        return 'r' + v.r.id;
      case 'ext':
        return `x${v.spec}.${v.path.join('.')}@${v.site?.offset ?? ''}`;
      case 'kw':
        return `k${v.name}=${this.key(v.v)}`;
      case 'unknown':
        return 'u' + v.text;
      case 'obj':
        return this.objKey(v, 2) ?? 'o' + this.id(v);
      default:
        return 'o' + this.id(v);
    }
  }

  /**
   * A small options object by its content (`auth({ role: UserRole.Admin })` written at a hundred
   * routes is one call, not a hundred: each would count against the function's run cap).
   * Undefined for modules, objects with getters or functions, and big or deep ones: by identity.
   */
  private objKey(v: ObjValue, depth: number): string | undefined {
    if (v.module || v.getters?.size || v.props.size > 8 || depth < 0) return undefined;
    const parts: string[] = [];
    for (const [k, p] of v.props) {
      let pk: string | undefined;
      if (p.k === 'obj') pk = this.objKey(p, depth - 1);
      else if (p.k === 'str' || p.k === 'num' || p.k === 'bool' || p.k === 'null' || p.k === 'unknown' || p.k === 'ext') pk = this.key(p);
      if (pk === undefined) return undefined;
      parts.push(`${k}:${pk}`);
    }
    return `{${parts.join(',')}}`;
  }
}

/** A router, or an object or array holding one (two levels down at most). */
function carriesRouter(v: Value, depth = 0): boolean {
  if (v.k === 'router') return true;
  if (depth >= 2) return false;
  if (v.k === 'arr') return v.items.slice(0, 50).some((i) => carriesRouter(i, depth + 1));
  if (v.k === 'obj' && !v.module) return [...v.props.values()].slice(0, 50).some((i) => carriesRouter(i, depth + 1));
  return false;
}

/** A router, or a module whose default export is one. */
function routerIn(v: Value): Value | undefined {
  if (v.k === 'router') return v;
  if (v.k === 'obj' && v.module) {
    const d = v.props.get('default');
    if (d?.k === 'router') return d;
  }
  return undefined;
}

function samePath(a: PathPart, b: PathPart): boolean {
  return 's' in a && 's' in b ? a.s === b.s : 'dyn' in a && 'dyn' in b ? a.dyn === b.dyn : false;
}

function isHandlerish(v: Value): boolean {
  return v.k === 'fn' || v.k === 'router';
}

function shortArg(v: Value): string {
  const t = v.k === 'fn' ? (v.madeBy?.text ?? 'fn') : valueText(v);
  return t.length > 30 ? t.slice(0, 29) + '…' : t;
}
