// Calls: a call expression (builtins, promise chains, bind/call/apply, router methods), calls
// into the framework modules for package values, constructing instances, and running a function
// once per distinct (function, arguments) with its run caps. Separate from expressions: this is
// where code runs, and where the bounds that keep a repository's run finite live.
import type { Expr } from '../facts/types';
import { registerOnLibrary } from './libraryRegistrations';
import { arrayMethod, extCall, objectStatic, stringMethod } from './builtins';
import type { ClsValue, Env, FnValue, InstValue, RouterNode, SiteRef, Value } from './values';
import { NULL, UNKNOWN, valueText } from './values';
import { textOf, type LazyText } from './exprText';
import { collectionCall, mapMethod, newMap, newSet } from './collections';
import { InterpExpressions } from './interpExpressions';
import type { DefaultPath } from './interpStatements';
import { configModuleMethod, isConfigProvider, newConfigProvider } from './configStores';
import { schemaCall } from './schemaParse';
import { moduleGlobCall } from './moduleGlobs';
import { moduleDirCall } from './moduleDirs';
import { apolloSelfMount } from '../frameworks/apolloServer';
import { mergeCall, urlCall } from './settingDefaults';
import { envLibraryCall } from './envLibraries';
import { isSetupCommand } from './startModes';
import { routerClassCall } from '../frameworks/routerClass';
import { carriesRouter, importDefault, isHandlerish, ownsRouter, routerIn, shortArg, shortText } from './callValues';

const MAX_DEPTH = 24;
const MAX_RUNS_PER_FN = 48;
const MAX_RUNS_WITH_ROUTER = 400;
/** A registration method every controller's routes go through (`Controller.route`) runs once per route. */
const MAX_RUNS_OWNING_ROUTER = 2000;

export abstract class InterpCalls extends InterpExpressions {
  protected evalArgs(args: Expr[], env: Env): Value[] {
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

  protected evalCall(e: Extract<Expr, ['c', ...unknown[]] | ['new', ...unknown[]]>, env: Env): Value {
    const [kind, calleeExpr, argExprs, at] = e as ['c' | 'new', Expr, Expr[], [number, number]];
    const site: SiteRef = { file: env.file, line: at[0], offset: at[1] };
    this.currentFile = env.file;
    const isNew = kind === 'new';
    if (calleeExpr[0] === 'm') {
      const recv = this.evalExpr(calleeExpr[1], env);
      const prop = calleeExpr[2];
      const args = recv.k === 'router' ? this.routeArgs(argExprs, env) : this.evalArgs(argExprs, env);
      // The call as written, for what stays unknown: written only then (exprText.ts).
      const text: LazyText = e;
      this.runPluginHooks(args, site);
      if (recv.k === 'router') {
        const x = recv.r.extra.get(prop);
        if (x) {
          // A decorated method (`fastify.decorate('page', fn)`, then `fastify.page('/about')`): its
          // arguments as written, for a route it registers on the path it is given (suppliedAt).
          this.callAt = { site, argExprs };
          return this.callValue(x, args, site, recv, false, text);
        }
        this.argExprs = argExprs;
        return this.routerCall(recv.r, prop, args, site);
      }
      const builtin = recv.k === 'str' ? stringMethod(this.whole, recv.v, prop, args) : recv.k === 'arr' ? arrayMethod(this.whole, recv, prop, args, site) : recv.k === 'obj' && recv.coll === 'map' ? mapMethod(this.whole, recv, prop, args, site, text) : undefined;
      if (builtin) {
        // A string made from a setting at its default (`base.replace(/\/$/, '')`) is that setting's too.
        const notes = recv.k === 'str' && builtin.k === 'str' ? this.configuredNotes([recv, ...args]) : undefined;
        return notes ? this.configure(builtin, notes) : builtin;
      }
      if (prop === 'then' || prop === 'finally') {
        const cb = args[0];
        return cb && (cb.k === 'fn' || cb.k === 'native') ? this.callValue(cb, [recv], site) : recv;
      }
      if (prop === 'catch') return recv;
      // `Array.prototype.slice.call(arguments, 1)`: the array method on the array handed as `this`.
      if ((prop === 'call' || prop === 'apply') && recv.k === 'ext' && recv.spec === 'Array' && recv.path.length === 2 && recv.path[0] === 'prototype' && args[0]?.k === 'arr') {
        const rest = prop === 'call' ? args.slice(1) : args[1]?.k === 'arr' ? args[1].items : [];
        const r = arrayMethod(this.whole, args[0], recv.path[1]!, rest, site);
        if (r) return r;
      }
      if (recv.k === 'fn' && (prop === 'bind' || prop === 'call' || prop === 'apply')) {
        if (prop === 'bind') return { ...recv, self: args[0] ?? recv.self };
        const rest = prop === 'call' ? args.slice(1) : args[1]?.k === 'arr' ? args[1].items : [];
        return this.callValue(recv, rest, site, args[0]);
      }
      if (recv.k === 'ext' && (recv.spec === 'Object' || recv.spec === 'Reflect')) {
        const r = objectStatic(this.whole, prop, args);
        // `Object.setPrototypeOf(handle, router)`: the function named `handle` answers as the
        // router from now on (a wrapper function returned, or mounted, in the router's place).
        const target = argExprs[0];
        if (prop === 'setPrototypeOf' && r?.k === 'router' && target?.[0] === 'id') this.assign(target[1], r, env);
        if (r) return r;
      }
      // A router class of the service's own keeps its routes as data (frameworks/routerClass.ts).
      if (recv.k === 'inst' && !this.probe) routerClassCall(this.whole, recv, prop, args, site);
      const fn = this.member(recv, prop, calleeExpr);
      // A setup subcommand's handler runs only when the program is started for setup (startModes.ts).
      const setup = isSetupCommand(recv, calleeExpr[1], prop, argExprs);
      if (setup) this.offAtDefaults++;
      try {
        const mapped = (recv.k === 'unknown' || recv.k === 'ext') && prop === 'map' ? this.unknownMap(args, site) : undefined;
        if (mapped) return mapped;
        if (fn.k === 'unknown') return this.unknownCall(text, args, site);
        this.argExprs = argExprs;
        this.callAt = { site, argExprs };
        return this.callValue(fn, args, site, recv.k === 'obj' || recv.k === 'inst' || recv.k === 'cls' ? recv : fn.k === 'fn' ? fn.self : undefined, isNew, text);
      } finally {
        if (setup) this.offAtDefaults--;
      }
    }
    if (calleeExpr[0] === 'id' && calleeExpr[1] === 'super' && env.self?.k === 'inst') {
      const ctor = this.superConstructor(env.file);
      if (ctor) {
        this.argExprs = argExprs;
        const args = this.evalArgs(argExprs, env);
        this.callAt = { site, argExprs };
        return this.invoke(ctor, args, site, env.self);
      }
    }
    const callee = this.evalExpr(calleeExpr, env);
    const args = this.evalArgs(argExprs, env);
    if (callee.k === 'unknown') return this.unknownCall(e, args, site);
    this.argExprs = argExprs;
    this.callAt = { site, argExprs };
    return this.callValue(callee, args, site, undefined, isNew, e);
  }

  /** A router method's arguments: what a call among them makes is that route's (or mount's) middleware. */
  private routeArgs(argExprs: Expr[], env: Env): Value[] {
    const saved = this.routeArgsDepth;
    this.routeArgsDepth = this.depth;
    try {
      return this.evalArgs(argExprs, env);
    } finally {
      this.routeArgsDepth = saved;
    }
  }

  routerCall(r: RouterNode, method: string, args: Value[], site: SiteRef): Value {
    const fw = this.frameworks.find((f) => f.name === r.framework);
    return fw?.callRouter?.(this.whole, r, method, args, site) ?? UNKNOWN(`${method}(…)`);
  }

  /** A call the interpreter cannot follow: callbacks passed to it still run once (routes inside them count). */
  protected unknownCall(written: LazyText, args: Value[], site: SiteRef): Value {
    // While probing: functions of ours handed to code we cannot follow (handedChecks.ts).
    if (this.probe?.handed) for (const a of args) if (a.k === 'fn' && this.probe.handed.length < 20) this.probe.handed.push({ fn: a, to: shortText(textOf(written)) });
    for (const a of args) {
      if (a.k === 'fn' && !this.ran.has(`${a.file}:${a.fn}`)) {
        const fact = this.fnFact(a);
        this.invoke(a, (fact?.params ?? []).map((p) => UNKNOWN(p)), site, a.self);
      }
    }
    return UNKNOWN(shortText(textOf(written)));
  }

  /**
   * `list.map((name) => ({ method, path: `/login/${name}`, handler }))` over a list we cannot see (the
   * keys of a configuration): each element makes a route written as data, which a framework that
   * takes routes as data registers (hapi's `server.route`). The list stands for one such route, its
   * path kept dynamic; anything else mapped goes on as before (the callback's run is memoized).
   */
  protected unknownMap(args: Value[], site: SiteRef): Value | undefined {
    const cb = args[0];
    if (cb?.k !== 'fn' || this.probe) return undefined;
    const fact = this.fnFact(cb);
    const r = this.invoke(cb, (fact?.params ?? []).map((p) => UNKNOWN(p)), site, cb.self);
    return r.k === 'obj' && r.site ? { k: 'arr', items: [r] } : undefined;
  }

  callValue(callee: Value, args: Value[], site: SiteRef, self?: Value, isNew = false, text?: LazyText): Value {
    switch (callee.k) {
      case 'fn':
        return this.invoke(callee, args, site, self ?? callee.self, false, text);
      case 'cls':
        return this.construct(callee, args, site);
      case 'native':
        return callee.call(args, site);
      case 'ext': {
        // Calling what a call returned (`passport.authenticate('bearer', cb)(req, res, next)`) is
        // recorded as a call of that result: the first call, recorded as itself, keeps its own
        // arguments (the strategy, the callback), which are what a guard is judged by.
        if (this.probe) this.probe.exts.push(callee.path.at(-1) === '()' ? { ...callee, path: [...callee.path, '()'], args, site } : { ...callee, args, site });
        else if (callee.path.length > 1 && callee.path.at(-1) !== '()') registerOnLibrary(this.registeredOn, callee, args, site);
        for (const fw of this.byPackage) {
          if (!fw.packages.test(callee.spec)) continue;
          const v = fw.callExt?.(this.whole, callee, args, site, isNew);
          if (v) return v;
        }
        if (isConfigProvider(callee.spec, callee.path, isNew)) return newConfigProvider(this.whole);
        const own = configModuleMethod(callee.spec, callee.path, isNew);
        if (own) {
          const m = (this.configModule ??= newConfigProvider(this.whole)).props.get(own);
          if (m?.k === 'native') return m.call(args, site);
        }
        if (isNew && callee.spec === 'Map' && !callee.path.length) return newMap(args);
        if (isNew && callee.spec === 'Set' && !callee.path.length) return newSet(args);
        const b = mergeCall(callee, args) ?? envLibraryCall(this.whole, callee, args) ?? urlCall(this.whole, callee, args, isNew, text !== undefined ? shortText(textOf(text)) : undefined) ?? extCall(this.whole, callee, args) ?? collectionCall(callee.spec, callee.path.join('.'), args) ?? schemaCall(this.whole, callee, args) ?? moduleGlobCall(this.whole, callee, args) ?? moduleDirCall(this.whole, callee, args, () => this.requireValue(site.file), site) ?? apolloSelfMount(this.whole, callee, args, site);
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
        const written = text !== undefined ? textOf(text) : undefined;
        return { k: 'ext', spec: callee.spec, path: [...callee.path, '()'], args, site, ...(written ? { text: written } : {}), ...(callee.unlessOf ? { unlessOf: callee.unlessOf } : {}) };
      }
      case 'kw':
        return this.callValue(callee.v, args, site, self, isNew, text);
      case 'router':
        // A router called as a function (`router(req, res, next)`) handles the request.
        this.probe?.routers?.push(callee.r);
        this.probe?.routerArgs?.push(args);
        return UNKNOWN(`${valueText(callee)}(…)`);
      default:
        return UNKNOWN(`${valueText(callee)}(…)`);
    }
  }

  /**
   * `super(…)` in a constructor: the nearest base class's constructor (of the class whose method is
   * running, not of the instance's own class: a three-level hierarchy runs each constructor once).
   */
  protected superConstructor(file: string): FnValue | undefined {
    const frame = this.frames[this.frames.length - 1];
    if (!frame || frame.file !== file) return undefined;
    const idx = this.program.facts.get(file)?.classes.findIndex((c) => c.methods.some(([, i]) => i === frame.fn)) ?? -1;
    const own = idx >= 0 ? this.classes.get(`${file}:${idx}`) : undefined;
    for (let b = own ? this.baseOf(own) : undefined, i = 0; b && i < 8; b = this.baseOf(b), i++) {
      const m = this.program.facts.get(b.file)?.classes[b.cls]?.methods.find(([n]) => n === 'constructor');
      if (m) return { k: 'fn', file: b.file, fn: m[1], env: b.env };
    }
    return undefined;
  }

  construct(c: ClsValue, args: Value[], site: SiteRef, quiet = false): InstValue {
    // The arguments are part of the identity: a loop that constructs one instance per entry
    // (`for (const [key, permalink] of Object.entries(taxonomies)) new TaxonomyRouter(key, permalink)`) makes one each.
    const key = `${c.file}:${c.cls}@${site.file}:${site.offset}:${this.context}|${args.map((a) => this.key(a)).join(',')}`;
    const hit = this.instances.get(key);
    if (hit) return hit;
    const inst: InstValue = { k: 'inst', cls: c, fields: new Map() };
    this.instances.set(key, inst);
    this.instancesOf.set(c, this.instancesOf.has(c) ? 'several' : inst);
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
  protected readonly instances = new Map<string, InstValue>();
  /**
   * Each class's one instance, or `several`: asked for every method run uncalled, which searched
   * all the instances of the program for each.
   */
  protected readonly instancesOf = new Map<ClsValue, InstValue | 'several'>();
  /** The call evaluated last and its arguments as written, for the frame `invoke` pushes. */
  protected callAt: { site: SiteRef; argExprs: readonly Expr[] } | undefined;

  protected bindSelf(v: Value, self: Value): Value {
    return v.k === 'fn' && !v.self ? { ...v, self } : v;
  }

  /** Runs a function: binds its parameters, runs its body once per distinct (function, arguments). */
  invoke(f: FnValue, args: Value[], site: SiteRef, self?: Value, probing = false, text?: LazyText): Value {
    const fact = this.fnFact(f);
    if (!fact) return UNKNOWN('<function>');
    if (fact.name === '__importDefault' && args.length === 1) return importDefault(args[0]!);
    if (this.probe) {
      this.probe.fns.push(f);
      this.probe.sites?.add(`${site.file}@${site.offset}`);
    }
    if (this.profile) this.profile.set(`${f.file}:${fact.start} ${fact.name}`, (this.profile.get(`${f.file}:${fact.start} ${fact.name}`) ?? 0) + 1);
    // The function's key, built once per call: the memo key, the run count and `ran` share it.
    const fnKey = `${f.file}:${f.fn}`;
    let memoKey = `${fnKey}@${this.id(f.env)}|${self ? this.key(self) : ''}|`;
    for (let i = 0; i < args.length; i++) memoKey += i ? ',' + this.key(args[i]!) : this.key(args[i]!);
    // A function whose run returned a router it made (`create() { const router = new express.Router(); …; return router; }`,
    // called once per routes file) makes a new one per call: answered from the memo, every file would share the first
    // file's router, and each mount would serve every file's routes.
    if (this.routerMakers.has(fnKey)) memoKey += `@${site.file}:${site.offset}${this.context}`;
    if (probing || this.probe) memoKey += '|probe';
    // Run where what it writes into the configuration is ignored (a setup branch, a setting's default
    // going the other way): the same call on the server's way runs again and does write it.
    if (this.offAtDefaults > 0) memoKey += '|off';
    // A probe runs its function's body again (what it calls is recorded per probe), even when an
    // earlier probe of a route sharing the handler left its answer in the memo.
    const hit = this.fresh || probing ? undefined : this.memo.get(memoKey);
    if (hit) {
      // Answered from the memo, its body does not run in this probe: what it calls goes unrecorded.
      this.probe?.capped?.push(f);
      return hit;
    }
    if (this.running.has(memoKey) || this.depth >= MAX_DEPTH) return UNKNOWN(`${fact.name}(…)`);
    // A function run with ever new arguments (a numeric loop, a recursive walk) is not followed
    // past a few dozen distinct calls: routes come from a handful of calls per function.
    const runs = (this.runsOf.get(fnKey) ?? 0) + 1;
    this.runsOf.set(fnKey, runs);
    // Past the cap, a call that carries a router (a registry's `register({ value: router })`, run
    // once per plugin) is still followed, up to a harder bound: skipping it would lose the routes.
    // So is one handed a function of ours: a wrapper every handler goes through (`asyncHandler(async
    // (req, res) => …)`, once per route) makes the middleware the route runs; unknown, its checks go unseen.
    // The function a probe asks about runs whatever the count: a wrapper closure every route shares
    // (`asyncHandler(fn)` returns one function, ~300 routes) is that route's middleware all the same.
    // So is a method of an instance that owns a router (a base `Controller` whose `route(options)` and
    // `get router()` every controller subclass runs, a few hundred times in all): each run is a route or a mount.
    // A base class's constructor (`super(config)` in each controller, before `this.app = Router()` is set)
    // builds a new instance each run: capping it would leave the later controllers without their router.
    // So is a middleware factory written in a route's registration (`router.get(path, koaGuard({ status:
    // 204 }), handler)`, a new configuration per route): each run is that route's middleware, whose checks
    // would go unseen past the cap.
    // So is a function whose earlier runs registered routes: the callback of a loop over a route table
    // (`routerConfig[ctrl].forEach((item) => createAction(router, '/api', …, item.path, item.method))`).
    const owner = runs > MAX_RUNS_PER_FN && (ownsRouter(self) || (self?.k === 'inst' && /(^|\.)(constructor|__init__)$/.test(fact.name)) || this.routeArgsDepth === this.depth);
    if (!probing && runs > MAX_RUNS_PER_FN && (runs > (owner ? MAX_RUNS_OWNING_ROUTER : MAX_RUNS_WITH_ROUTER) || (!owner && !this.registers.has(fnKey) && !this.routerMakers.has(fnKey) && !args.some((a) => a.k === 'fn' || carriesRouter(a))))) {
      this.probe?.capped?.push(f);
      return UNKNOWN(`${fact.name}(…)`);
    }
    this.running.add(memoKey);
    if (!this.probe) this.ran.add(fnKey);
    const env: Env = { vars: new Map(), parent: f.env, file: f.file, ...(self && !fact.arrow ? { self } : {}) };
    fact.params.forEach((p, i) => this.bindParam(env, p, args, i, fact.defaults?.[i] ?? null));
    env.vars.set('arguments', { k: 'arr', items: args });
    const savedChain = this.callChain;
    this.callChain = { up: savedChain, file: site.file, offset: site.offset };
    // What this call's arguments were written as, when the call being made is the one evaluated last.
    const written = this.callAt && this.callAt.site.offset === site.offset && this.callAt.site.file === site.file ? this.callAt.argExprs : [];
    this.callAt = undefined;
    this.frames.push({ file: f.file, fn: f.fn, params: fact.params, site, argExprs: written, args });
    this.depth++;
    let ret: Value | undefined;
    const savedReturns = this.returnsRun;
    this.returnsRun = 0;
    let returns = 0;
    const registrationsBefore = this.registrations;
    const routersBefore = this.routers.length;
    const savedPath = this.defaultPath;
    const atDefaults: DefaultPath = { off: this.offAtDefaults, nested: 0, notes: [], plain: true };
    this.defaultPath = atDefaults;
    try {
      ret = this.execOps(fact.ops, env);
    } finally {
      returns = this.returnsRun;
      this.returnsRun = savedReturns;
      this.defaultPath = savedPath;
      this.frames.pop();
      this.depth--;
      this.callChain = savedChain;
      this.running.delete(memoKey);
      if (this.registrations > registrationsBefore) this.registers.add(fnKey);
    }
    // Several returns ran (their tests not decided): the first known one is a guess, unless settings
    // at their defaults decided which one a fresh install reaches (`if (!base) return ''`).
    const byDefaults = returns > 1 && atDefaults.plain && atDefaults.answer && atDefaults.answer.k !== 'unknown' && !this.guessed.has(atDefaults.answer) ? atDefaults.answer : undefined;
    const notes = byDefaults ? [...new Set([this.configured.get(byDefaults), ...atDefaults.notes].filter((n): n is string => !!n).flatMap((n) => n.split('; ')))].join('; ') : '';
    const out = byDefaults ? (notes ? this.configure(byDefaults, notes) : byDefaults) : returns > 1 ? this.guess(ret ?? NULL, 'any', `${text !== undefined ? textOf(text) : `${fact.name.replace(/^.*\./, '')}(…)`} (one of several returns)`) : (ret ?? NULL);
    // A function returned by a call of another is a closure made by it: remember who made it (factories, wrappers).
    // What it wraps is a handler it was handed, not a thunk (`serveDir('/x', () => config.dir)`): an
    // arrow that takes nothing can neither read the request nor answer it.
    const wrapped = args.find((a) => isHandlerish(a) && !(a.k === 'fn' && this.fnFact(a)?.arrow && !this.fnFact(a)?.params.length));
    const result = out.k === 'fn' && !out.madeBy ? { ...out, madeBy: { fn: f, site, text: text !== undefined ? textOf(text) : `${fact.name.replace(/^.*\./, '')}(${args.map(shortArg).join(', ')})` }, ...(wrapped ? { wraps: wrapped } : {}) } : out;
    if (result.k === 'router' && result.r.id >= routersBefore && !this.probe) this.routerMakers.add(fnKey);
    this.memo.set(memoKey, result);
    return result;
  }

  protected bindParam(env: Env, p: string, args: Value[], i: number, def: Expr | null): void {
    if (p.startsWith('...')) {
      env.vars.set(p.slice(3), { k: 'arr', items: args.slice(i) });
      return;
    }
    // Python/Java keyword arguments bind by name.
    const positional = args.filter((a) => a.k !== 'kw');
    const byName = args.find((a) => a.k === 'kw' && a.name === p);
    let v: Value | undefined = byName && byName.k === 'kw' ? byName.v : positional[i];
    if ((v === undefined || v.k === 'null') && def) v = this.evalExpr(def, env);
    // Handed a setting a fresh install leaves unset: the parameter's default, depending on it.
    else if (v?.k === 'unknown' && v.unset && def) v = this.configure(this.evalExpr(def, env), this.configured.get(v) ?? v.text);
    v ??= UNKNOWN(p);
    // `([key, value]) => …` over `Object.entries(o)`: each name its element.
    if (p.startsWith('[') && p.endsWith(']')) {
      p.slice(1, -1).split(',').forEach((part, j) => {
        const local = part.trim().replace(/\s*=.*$/, '');
        if (/^[A-Za-z_$][\w$]*$/.test(local)) env.vars.set(local, v.k === 'arr' ? (v.items[j] ?? UNKNOWN(local)) : UNKNOWN(local));
      });
      return;
    }
    if (p.startsWith('{')) {
      for (const part of p.slice(1, -1).split(',')) {
        const [key, local] = part.includes(':') ? part.split(':') : [part, part];
        if (local) env.vars.set(local, this.memberPath(v, key));
      }
      return;
    }
    env.vars.set(p, v);
  }
}
