// Probing: running a middleware, handler or wrapper with unknown arguments to see what it calls
// (for guards) or which router it hands the request to, without registering anything, and where a
// path argument a helper passed on was first written. A layer over interpBase.ts (state and the
// framework API), under the evaluation layers (interpModules → … → interpreter.ts).
import type { Expr } from '../facts/types';
import type { Env, ExtValue, FnValue, RouterNode, SiteRef, Value } from './values';
import { UNKNOWN } from './values';
import { exprText } from './exprText';
import { calledRouters, mayDispatch, withTwins } from './dispatchers';
import { InterpBase } from './interpBase';

export abstract class InterpProbes extends InterpBase {
  /** Evaluates `e` as a probe would: what it calls runs, but registers nothing (a local a refusal's test reads). */
  evalQuietly(e: Expr, env: Env): Value {
    const saved = this.probe;
    const savedChain = this.callChain;
    this.probe = { fns: [], exts: [], sites: new Set<string>(), capped: [] };
    try {
      return this.evalExpr(e, env);
    } finally {
      this.probe = saved;
      this.callChain = savedChain;
    }
  }

  /** Runs a middleware or handler with unknown arguments to collect what it calls (for guards). */
  probeCalls(v: FnValue): { fns: FnValue[]; exts: ExtValue[]; sites: Set<string>; capped: FnValue[]; handed: { fn: FnValue; to: string }[] } {
    const saved = this.probe;
    const savedChain = this.callChain;
    const probe = { fns: [], exts: [], sites: new Set<string>(), capped: [], handed: [] };
    this.probe = probe;
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
      return probe;
    } finally {
      this.probe = saved;
      this.callChain = savedChain;
    }
  }

  /**
   * Where a path argument was supplied: a route registered inside a helper with the helper's own
   * parameter as its path (`mountRoute(path, fn) { this.router.get(path, fn) }`) is declared where the
   * helper is called with that path, so a reader finds it at `this.mountRoute('/feed/', …)`, not
   * once inside the helper for every route. Followed through helpers that pass the parameter on.
   * A helper that takes its arguments as a rest parameter and unpacks them (`setupApiRoute(...args)
   * { const [router, verb, name] = args; router[verb](name, …) }`) has no parameter of that name:
   * there the path is the very value the call was given, found among the call's arguments.
   */
  suppliedAt(text: string | undefined, site: SiteRef, value?: Value): SiteRef {
    let t = text?.trim();
    let at = site;
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i]!;
      const named = t && /^[A-Za-z_$][\w$]*$/.test(t) ? f.params.indexOf(t) : -1;
      // A property of an options parameter (`route(options) { this.app[options.method](options.path, …) }`)
      // is supplied where the call writes that property in an object literal (`this.route({ path: '/x', … })`).
      const member = named < 0 && t ? /^([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)$/.exec(t) : null;
      if (member) {
        const i = f.params.indexOf(member[1]!);
        const lit = i >= 0 && f.site.offset >= 0 && f.site.file ? f.argExprs[i] : undefined;
        const prop = lit?.[0] === 'o' ? lit[1].find(([key]) => key === member[2]) : undefined;
        if (!prop) break;
        at = f.site;
        t = exprText(prop[1]);
        continue;
      }
      // Only a string: a shared object (a router, an options bag) passed along is not the path.
      const k = named >= 0 ? named : value?.k === 'str' ? f.args.indexOf(value) : -1;
      if (k < 0 || f.site.offset < 0 || !f.site.file || f.argExprs.length <= k) break;
      at = f.site;
      t = exprText(f.argExprs[k]!);
    }
    return at;
  }

  /**
   * The router a wrapper middleware hands every request to (`function lazy(req, res, next) {
   * return service.api.wellKnown(req, res, next); }`, the router got lazily): mounting the wrapper
   * mounts that router. A function of one or two statements that calls exactly one router; or a
   * dispatcher of more (dispatchers.ts: `const tenant = await pool.get(id); await tenant.run(ctx,
   * next)`) that hands that router its own request and refuses nothing itself.
   */
  routerDelegatedBy(v: Value): RouterNode | undefined {
    if (this.probe || v.k !== 'fn') return undefined;
    const fact = this.fnFact(v);
    if (!fact || fact.params.length < 2) return undefined;
    const large = fact.ops.length > 2;
    if (large && !mayDispatch(fact)) return undefined;
    const saved = this.probe;
    // A dispatcher's probe runs much of the program (a tenant built on demand): what it counts against the run caps is given back.
    const runs = large ? new Map(this.runsOf) : undefined;
    this.probe = { fns: [], exts: [], routers: [], routerArgs: [] };
    try {
      const params = fact.params.map((p) => UNKNOWN(p));
      this.invoke(v, params, { file: v.file, line: fact.start, offset: -7 }, v.self, true);
      const raw = calledRouters(this.probe, large ? params[0] : undefined);
      const called = withTwins(this.routers, raw, large);
      if (called?.length === 1) return called[0];
      // A dispatcher's router made in the probe, whose twin the run has not made yet: looked up again after it.
      if (large && raw.length === 1) this.awaitingTwin.set(this.key(v), raw[0]!);
      // Its router may be made later (interpreter.ts `redelegate`): asked again once everything ran.
      if (!this.undelegated.some((u) => this.key(u) === this.key(v))) this.undelegated.push(v);
      return undefined;
    } finally {
      this.probe = saved;
      if (runs) {
        this.runsOf.clear();
        for (const [k, n] of runs) this.runsOf.set(k, n);
      }
    }
  }

  /** A dispatcher's router as its probe made it, by the dispatcher's key, until its twin is made (`routerDelegatedBy`). */
  protected readonly awaitingTwin = new Map<string, RouterNode>();
  /** Wrapper middleware that reached no router when mounted (`routerDelegatedBy`). */
  protected readonly undelegated: FnValue[] = [];
  /** Calls run afresh, not from the memo (a wrapper probed again after everything ran). */
  protected fresh = false;
}
