// Statements: the operations of a module's top level or a function body (bindings, assignments,
// calls, returns, loops, swallowed errors, decorators), and assignment targets (`module.exports =`,
// properties of objects, instances, routers, classes and functions). Separate from expressions:
// statements change state, expressions compute values.
import type { Expr, Op, When } from '../facts/types';
import { whenOf } from './opWalk';
import { decide } from './whenEval';
import { setupWhen } from './startModes';
import { devOnlyArm } from '../runtimeMode';
import type { Env, FnValue, SiteRef, Value } from './values';
import { STR, UNKNOWN } from './values';
import { onLater } from './collections';
import type { ModuleState } from './interpBase';
import { InterpModules } from './interpModules';
import { ContextMembers } from './contextMembers';

export abstract class InterpStatements extends InterpModules {
  protected execOps(ops: Op[], env: Env, mod?: ModuleState): Value | undefined {
    let ret: Value | undefined;
    // Each `if` test decided once, where the first operation it guards is reached (as the test runs before its arm).
    const decided = new Map<number, boolean | undefined>();
    for (const op of ops) {
      if (this.exhausted) return ret;
      const when = whenOf(op);
      const may = when ? this.mayRun(when, env, decided) : 'run';
      if (may === 'skip') continue;
      const nested = op[0] === 'for' || op[0] === 'argc' || op[0] === 'quiet';
      if (nested && this.defaultPath) this.defaultPath.nested++;
      if (may === 'offAtDefaults') this.offAtDefaults++;
      try {
      switch (op[0]) {
        case 'let':
          env.vars.set(op[1], this.evalExpr(op[2], env));
          break;
        case 'pat': {
          const v = this.evalExpr(op[2], env);
          for (const [local, key] of op[1]) env.vars.set(local, this.memberPath(v, key));
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
          // `return await readFile(missing)`: it throws, so this return gives nothing (a `catch` may).
          if (v.k === 'unknown' && v.throws) break;
          this.returnsRun++;
          this.answerAtDefaults(v, may === 'undecided');
          ret = preferred(ret, v);
          break;
        }
        case 'for': {
          const it = this.evalExpr(op[2], env);
          const items = it.k === 'arr' ? it.items : it.k === 'obj' && it.coll === 'map' ? [...it.props].map(([k, v]): Value => ({ k: 'arr', items: [STR(k), v] })) : it.k === 'obj' ? [...it.props.keys()].map(STR) : [UNKNOWN(op[1])];
          for (const item of items.slice(0, 200)) {
            this.bindLoopVar(env, op[1], item);
            const r = this.execOps(op[3], env, mod);
            ret = preferred(ret, r);
          }
          // Items appended later (a registry filled by modules that run after this loop) run the body too.
          if (it.k === 'arr') {
            const [, name, , body] = op;
            const mark = this.seqMark();
            onLater(it, (item) =>
              this.replayAt(mark, () => {
                this.bindLoopVar(env, name, item);
                this.execOps(body, env, mod);
              }),
            );
          }
          break;
        }
        case 'argc': {
          // The arm the call's argument count takes; both where no call is known (module level).
          const passed = env.vars.get('arguments');
          const n = passed?.k === 'arr' ? passed.items.length : undefined;
          const arms = n === undefined ? [op[3], op[4]] : [argcHolds(n, op[1], op[2]) ? op[3] : op[4]];
          for (const arm of arms) {
            const r = this.execOps(arm, env, mod);
            ret = preferred(ret, r);
          }
          break;
        }
        case 'quiet': {
          // Errors here are swallowed: while probing for refusals, what it calls is not recorded.
          const saved = this.probe;
          if (saved) this.probe = { fns: [], exts: [] };
          try {
            const r = this.execOps(op[1], env, mod);
            ret = preferred(ret, r);
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
      } finally {
        if (may === 'offAtDefaults') this.offAtDefaults--;
        if (nested && this.defaultPath) this.defaultPath.nested--;
      }
    }
    return ret;
  }

  /** Returns run in the current function so far: more than one means its answer is a guess among them. */
  protected returnsRun = 0;

  /**
   * The answer the running function gives under default settings (`if (!input) return '';` with
   * `input` an unset environment variable): the first return that runs on the way those defaults
   * take. Later returns still run (their code is still the function's) but a fresh install never
   * reaches them. `off`: Interp.offAtDefaults when the function was entered; `nested`: inside a
   * loop, a try or an argument-count arm, where a return is not sure to be reached; `blocked`: a
   * return under a test nothing decides came first; `notes`: the settings whose defaults decided
   * tests on the way (Interp.configured).
   */
  protected defaultPath: DefaultPath | undefined;

  private answerAtDefaults(v: Value, undecided: boolean): void {
    const st = this.defaultPath;
    if (!st) return;
    if (v.k !== 'str' && v.k !== 'num' && v.k !== 'bool' && v.k !== 'null' && v.k !== 'unknown') st.plain = false;
    if (st.answer || st.blocked || this.offAtDefaults > st.off) return;
    if (undecided || st.nested > 0) st.blocked = true;
    else st.answer = v;
  }

  /**
   * Whether an operation under `if` tests may run: `skip` when one of them is known to go the other
   * way; `offAtDefaults` when it runs only because a setting at its default decides nothing, while
   * that default goes the other way (see Interp.offAtDefaults).
   */
  private mayRun(when: When, env: Env, decided: Map<number, boolean | undefined>): 'run' | 'skip' | 'offAtDefaults' | 'undecided' {
    let off = false;
    let undecided = false;
    for (const { offset: id, holds, cond } of when.w) {
      // An arm only development takes (runtimeMode.ts): a deployed process never runs it.
      if (devOnlyArm(cond, holds)) return 'skip';
      // The arm a program started for setup takes (startModes.ts): what it writes is not the server's.
      if (!off && setupWhen(cond, holds, env, (e, en) => this.evalExpr(e, en))) off = true;
      // A setting at its default (Interp.configured) decides nothing here: what the code does under a
      // test of configuration (a route it registers only for some settings) is still what it does.
      if (!decided.has(id)) decided.set(id, decide(cond, env, (e, en) => this.evalExpr(e, en), (v) => this.guessed.get(v) ?? (this.configured.has(v) ? 'any' : undefined)));
      const d = decided.get(id);
      if (d !== undefined && d !== holds) return 'skip';
      if (d === undefined && !off) {
        const key = -1 - id;
        if (!decided.has(key)) {
          const read: Value[] = [];
          const seen = (v: Value): 'or' | 'any' | undefined => {
            if (this.configured.has(v)) read.push(v);
            return this.guessed.get(v);
          };
          decided.set(key, decide(cond, env, (e, en) => this.evalExpr(e, en), seen));
          // The settings whose defaults decided it: what the function's answer at defaults depends on.
          const notes = decided.get(key) !== undefined ? this.configuredNotes(read) : undefined;
          if (notes && this.defaultPath) this.defaultPath.notes.push(notes);
        }
        const atDefaults = decided.get(key);
        if (atDefaults === undefined) undecided = true;
        off = atDefaults !== undefined && atDefaults !== holds;
      }
    }
    return off ? 'offAtDefaults' : undecided ? 'undecided' : 'run';
  }

  /**
   * The loop variable of `for (const x of …)`, or each name of a destructuring one
   * (`for (const [key, value] of Object.entries(o))`, `for (const { path, handler } of routes)`):
   * one level of array or object pattern; a nested or defaulted part stays unknown.
   */
  protected bindLoopVar(env: Env, name: string, item: Value): void {
    const pattern = /^([[{])([^[\]{}]*)[\]}]$/.exec(name.trim());
    if (!pattern) {
      env.vars.set(name, item);
      return;
    }
    const parts = pattern[2]!.split(',').map((p) => p.trim());
    parts.forEach((part, i) => {
      if (!part) return;
      if (pattern[1] === '[') {
        const local = part.replace(/\s*=.*$/, '');
        if (!/^[A-Za-z_$][\w$]*$/.test(local)) return;
        env.vars.set(local, item.k === 'arr' ? (item.items[i] ?? UNKNOWN(local)) : UNKNOWN(local));
        return;
      }
      const [key, local] = part.includes(':') ? part.split(':').map((p) => p.trim().replace(/\s*=.*$/, '')) : [part.replace(/\s*=.*$/, ''), part.replace(/\s*=.*$/, '')];
      if (key && local && /^[A-Za-z_$][\w$]*$/.test(local)) env.vars.set(local, item.k === 'unknown' ? UNKNOWN(local) : this.member(item, key, local));
    });
  }

  protected execSet(target: Expr, v: Value, env: Env, mod?: ModuleState): void {
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
    } else if (obj.k === 'unknown' && !this.probe) this.contextMembers.store(objExpr, prop, v, (a, b) => this.key(a) === this.key(b));
  }

  /** What boot steps store on a context object we cannot see (contextMembers.ts). */
  protected readonly contextMembers = new ContextMembers();

  /** `name.prop` where `name`'s value is unknown: what a boot step stored there, if one did. */
  contextMember(objExpr: Expr, prop: string): Value | undefined {
    return this.contextMembers.read(objExpr, prop);
  }

  protected readonly fnPropTable = new Map<string, Map<string, Value>>();
  protected fnProps(f: FnValue): Map<string, Value> {
    const k = `${f.file}:${f.fn}`;
    let m = this.fnPropTable.get(k);
    if (!m) this.fnPropTable.set(k, (m = new Map()));
    return m;
  }

  siteOf(e: Expr, env: Env): SiteRef {
    if (e[0] === 'c' || e[0] === 'new') return { file: env.file, line: e[3][0], offset: e[3][1] };
    return { file: env.file, line: 0, offset: -5 };
  }
}

/**
 * Of two answers of one function, the first, unless it is a placeholder and the other is not:
 * unknown, null, or an empty object literal (`if (building) return {};` before the parsed
 * configuration), which answers no property the other may.
 */
export interface DefaultPath {
  off: number;
  nested: number;
  notes: string[];
  answer?: Value;
  blocked?: boolean;
  /** Every return gave a primitive (or a value not known): an object or a function is followed as before. */
  plain?: boolean;
}

function preferred(ret: Value | undefined, v: Value | undefined): Value | undefined {
  if (!v) return ret;
  return !ret || ((ret.k === 'unknown' || ret.k === 'null') && v.k !== 'unknown') || (emptyObject(ret) && v.k === 'obj' && !emptyObject(v)) || builtOnMiss(ret, v) ? v : ret;
}

/**
 * A read-through cache: the first return gives what a package's cache gave back (`const hit =
 * this.cache.get(key); if (hit) return { promise: hit }`), a later one what the code builds on a
 * miss and stores there (`return this.createAndCache(key)`, `{ promise: Tenant.create(…) }`). The
 * cache holds only what the code put in it, so the built value stands for both.
 */
function builtOnMiss(ret: Value, v: Value): boolean {
  if (cacheRead(ret)) return v.k !== 'unknown' && v.k !== 'null' && v.k !== 'ext';
  if (ret.k !== 'obj' || v.k !== 'obj' || ret.module !== undefined || ret.coll !== undefined || ret.props.size !== v.props.size || !ret.props.size || ret.props.size > 4) return false;
  let read = false;
  for (const [k, a] of ret.props) {
    const b = v.props.get(k);
    if (!b) return false;
    if (cacheRead(a)) {
      if (b.k === 'unknown' || b.k === 'null' || b.k === 'ext') return false;
      read = true;
    }
  }
  return read;
}

/** A cache package or class, by its name (`lru-cache`'s `LRUCache`, `quick-lru`, `node-cache`, `TTLCache`). */
const CACHE_NAME = /cache|lru/i;

/**
 * What a cache a package made gave back from `get(key)`: `new LRUCache(…).get(k)`. Not any `get` of a
 * package (`nconf.get('relative_path')` is a setting, not what the code stored).
 */
function cacheRead(v: Value): boolean {
  if (v.k !== 'ext' || v.path.length < 4 || v.path[v.path.length - 2] !== 'get' || v.path[v.path.length - 1] !== '()' || v.path[v.path.length - 3] !== '()') return false;
  return CACHE_NAME.test(v.spec) || CACHE_NAME.test(v.path[v.path.length - 4] ?? '');
}

function emptyObject(v: Value): boolean {
  return v.k === 'obj' && v.props.size === 0 && !v.getters?.size && v.module === undefined && v.coll === undefined;
}

function argcHolds(n: number, cmp: string, m: number): boolean {
  switch (cmp) {
    case '===':
      return n === m;
    case '!==':
      return n !== m;
    case '<':
      return n < m;
    case '<=':
      return n <= m;
    case '>':
      return n > m;
    default:
      return n >= m;
  }
}
