// The entry interpreter: runs every module's top level over the entry facts, follows values
// through bindings, imports, calls, returns, parameters, objects and classes, and lets the
// framework modules give meaning to calls on their packages and routers. Loops and branches run
// every arm once; a call with the same function and arguments runs once; what cannot be followed
// becomes `unknown` with its text. Pure: no file is read here.
//
// The class is built in layers, one concept per file: interpBase.ts (state, the framework API,
// identity keys) → interpProbes.ts (running code to see what it calls) → interpModules.ts → interpStatements.ts → interpExpressions.ts →
// interpCalls.ts → this file (driving a whole program).
import type { ClsValue, Env, FnValue, InstValue, RouterNode, Value } from './values';
import { UNKNOWN } from './values';
import { BUDGET } from './interpBase';
import { InterpCalls } from './interpCalls';
import { RouteReach } from './routeReach';
import { withTwins } from './dispatchers';

export class Interp extends InterpCalls {
  /** Files whose module values a reader asks for after the run (`constantIn`): their uncalled functions run even when no framework is linked to them. */
  reachSeeds: readonly string[] = [];

  // ---- driving ----

  /** Runs every module once, then the functions nothing called, then the frameworks' declarations. */
  run(): void {
    const reach = new RouteReach(this.program, this.frameworks, this.reachSeeds);
    // A module whose imports lead to no framework runs when a module that does loads it; one
    // left for later by an import chain too deep is loaded then, from the top.
    const files = [...this.program.facts.keys()].filter((f) => reach.isRoot(f)).sort();
    for (let i = 0; i < files.length; i++) {
      const f = files[i]!;
      try {
        this.loadModule(this.moduleKeyOf(f));
      } catch (err) {
        // Still too deep for the stack (nesting in one file): that file's values stay unknown,
        // the rest is followed. Anything else is a bug and goes up.
        if (!(err instanceof RangeError)) throw err;
        this.warnings.push({ file: f, reason: `too deeply nested to follow (${err.message}): its routes may be missing` });
      }
      if (i === files.length - 1) for (const k of this.deferred.splice(0)) if (!this.modules.has(k)) files.push(...this.program.filesOf(k));
    }
    this.runUncalled(reach);
    this.redelegate();
    for (const fw of this.frameworks) fw.finalize?.(this);
    if (this.profile) {
      const top = [...this.profile].sort((a, b) => b[1] - a[1]).slice(0, 25);
      process.stderr.write(`interpreter: ${this.steps} steps\n${top.map(([k, n]) => `${String(n).padStart(7)}  ${k}`).join('\n')}\n`);
    }
    if (this.exhausted) this.warnings.push({ file: '', reason: `stopped following values after ${BUDGET.toLocaleString('en')} steps: some routes may be missing` });
  }

  /**
   * Functions that no call reached but that register routes or mount routers (an app factory
   * only a CLI calls, a server method run from a goroutine): run with unknown arguments, methods
   * on an instance of their class, so that their routes are not lost. Their routers then have no
   * known mount: those routes come out `unknown`, not "public".
   */
  protected runUncalled(reach: RouteReach): void {
    // Only files linked to a framework can register anything (routeReach.ts); the links grow
    // with the modules the functions run here load by a computed path. Of those, a module that
    // never ran and whose imports lead to no framework holds no router in its scope either: a
    // router reaches a module's scope through its imports or a call into it, and nothing called it.
    let loadsSeen = 0;
    const linkLoads = (): void => {
      for (; loadsSeen < this.computedLoads.length; loadsSeen++) reach.link(...this.computedLoads[loadsSeen]!);
    };
    for (let pass = 0; pass < 2; pass++) {
      const before = this.seqNo;
      for (const [file, facts] of this.program.facts) {
        linkLoads();
        if (!reach.has(file) || !(reach.isRoot(file) || this.modules.has(this.moduleKeyOf(file)))) continue;
        facts.fns.forEach((fn, i) => {
          // The cheap tests first: most functions are nested in another, and the key is a new string.
          if (fn.parent !== undefined || !fn.ops.length || this.ran.has(`${file}:${i}`)) return;
          const mod = this.loadModule(this.moduleKeyOf(file));
          const env = mod.fileEnvs.get(file) ?? mod.env;
          const self = fn.owner ? this.instanceOf(fn.owner, file, env) : undefined;
          const f: FnValue = { k: 'fn', file, fn: i, env, ...(self ? { self } : {}) };
          // A parameter with a default (`init(app = new Koa())`) takes it: what the function makes
          // when nobody passes one is the best-known value; the others stay unknown.
          const savedUncalled = this.uncalledDepth;
          this.uncalledDepth = this.depth + 1;
          try {
            this.invoke(f, fn.params.map((p, j) => (fn.defaults?.[j] ? { k: 'null' as const } : UNKNOWN(p))), { file, line: fn.start, offset: -1 }, self);
          } catch (err) {
            if (!(err instanceof RangeError)) throw err;
            this.warnings.push({ file, reason: `too deeply nested to follow (${err.message}): its routes may be missing` });
          } finally {
            this.uncalledDepth = savedUncalled;
          }
        });
      }
      if (this.seqNo === before) break;
    }
  }

  /**
   * A wrapper middleware that hands every request to a router (`function lazy(req, res, next) {
   * return service.api.wellKnown(req, res, next); }`) whose router is made later than the mount ran:
   * `let api;` assigned by an `init()` that boots after the app is built, read through a getter.
   * Probed again once every module and function ran, the wrapper mounts the router it reaches now.
   */
  protected redelegate(): void {
    const found = new Map<string, RouterNode>();
    for (const v of this.undelegated) {
      // A dispatcher whose probe reached a router made there: its twin, now that everything ran.
      const waiting = this.awaitingTwin.get(this.key(v));
      const twin = waiting ? withTwins(this.routers, [waiting], true) : undefined;
      if (twin?.length === 1) {
        found.set(this.key(v), twin[0]!);
        continue;
      }
      // What its calls saw at the mount is memoised: this probe runs them again.
      this.fresh = true;
      try {
        const r = this.routerDelegatedBy(v);
        if (r) found.set(this.key(v), r);
      } finally {
        this.fresh = false;
      }
    }
    if (!found.size) return;
    for (const r of this.routers)
      for (const item of r.items) {
        if (item.t !== 'use') continue;
        item.args.forEach((a, i) => {
          const router = a.k === 'fn' ? found.get(this.key(a)) : undefined;
          if (router && router !== r) item.args[i] = { k: 'router', r: router };
        });
      }
  }

  /**
   * The string a name or dotted member chain (`BULL_BOARD_ROUTE`, `config.routes.queues`) holds in
   * a file's module scope once the program ran: a path a detector outside the interpreter found
   * written as a constant (a Nest module's option). Undefined when it is not a known string.
   */
  constantIn(file: string, expr: string): string | undefined {
    const env = this.loadedFileEnv(file);
    if (!env) return undefined;
    const [head, ...rest] = expr.split('.');
    let v: Value = this.lookup(head!, env);
    for (const p of rest) v = this.member(v, p);
    return v.k === 'str' ? v.v : undefined;
  }

  protected instanceOf(owner: string, file: string, env: Env): Value | undefined {
    const c = this.lookup(owner, env);
    // A class the code made exactly one instance of (a service module's `new Service()`): its
    // methods run on that one, with the fields its setup gave it (`configure({ store })` before
    // `upload()` reads `this.store`), as they would when called.
    if (c.k === 'cls') return this.onlyInstanceOf(c) ?? this.construct(c, [], { file, line: 0, offset: -2 }, true);
    return { k: 'inst', cls: { k: 'type', name: owner, file }, fields: this.typeFields(owner, file) };
  }

  private onlyInstanceOf(c: ClsValue): InstValue | undefined {
    const only = this.instancesOf.get(c);
    return only === 'several' ? undefined : only;
  }
}
