// An app-wide access check that first asks a closure of its own whether to let the request in:
//   const authorize = async () => {
//     const requireAuthn = requireAdmin || settings.requireAuthentication;
//     if (!requireAuthn) return await grant('create');   // grant: true when there is no session user
//     …
//   };
//   if (await authorize()) return next();
//   …authenticate, then res.status(401) / res.status(403)
// (Etherpad's webaccess.checkAccess). Its refusals come after the grant, so whether an anonymous caller
// reaches them is what that closure answers for them: here, at the settings a fresh install runs with
// (`requireAuthentication: false`) and on any route outside `/admin-auth`, yes — the route is open.
// Read for one route: the request is an anonymous one to the route's URL (no session user, no
// `req.user`, no Authorization header), and the closure's answer is read, not run: its operations in
// order, each under tests decided on those values, a setting at its default and the literals the code
// holds; the first return whose tests all hold is the answer, and a return under a test left undecided
// makes it unknown. Calls of functions of ours are read the same way (two levels down), nothing else
// is called. A refusal before the grant that sits only under what plugins answer (`results.length > 0`
// of the `preAuthorize` hook) is decided by the manifests: no part names a function for that hook, so
// it answers nothing. Every refusal must be decided against for the route to be let through.
import type { Cond, Expr, Op, Refusal, When } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, FnValue, Value } from './values';
import { NULL, STR, UNKNOWN } from './values';
import { decide, truth } from './whenEval';
import { allTestsOf, walkOps } from './opWalk';
import { calleesOf } from './identityCalls';
import { sampleUrls } from './pathAllowList';
import { pluginHookTargets, pluginManifestAbove } from './pluginHooks';

const MAX_DEPTH = 4;
const MAX_EXPR_DEPTH = 40;
/** Members of the request that hold its URL. */
const URL_KEYS = new Set(['path', 'url', 'originalUrl']);
/** Members of the request an anonymous caller leaves empty: the signed-in caller and the credentials. */
const CALLER_KEYS = new Set(['user', 'currentUser', 'auth']);
const CREDENTIAL_HEADERS = /^(authorization|cookie|x-api-key|api-secret|x-access-token)$/i;
const PURE_STRING = new Set(['toLowerCase', 'toUpperCase', 'trim']);

/** Does middleware `f` let an anonymous request for `method path` through, its closure granting it before any refusal? */
export function grantsAnonymousAt(x: Interp, f: FnValue, method: string, path: string, base?: string): boolean {
  const target = withRefusals(x, f);
  const fact = target && x.fnFact(target);
  if (!target || !fact?.refusals?.length) return false;
  // Only the closure-grant shape: some refusal sits after `if (await authorize()) return next()`.
  if (!fact.refusals.some((r) => r.grants?.some((w) => !w.holds && hasOwn(w.cond)))) return false;
  const b = base && base !== '/' ? base.replace(/\/+$/, '') : '';
  return sampleUrls(path).some((url) => {
    if (b && url !== b && !url.startsWith(`${b}/`)) return false;
    return new AnonymousRead(x, b ? url.slice(b.length) || '/' : url, method, target).letsThrough();
  });
}

/** `f`, or the one function of ours it hands the request to (`checkAccess(req, res, next).catch(next)`), whichever holds the refusals. */
function withRefusals(x: Interp, f: FnValue): FnValue | undefined {
  const fact = x.fnFact(f);
  if (!fact) return undefined;
  if (fact.refusals?.length) return f;
  const req = fact.params[0];
  const found: FnValue[] = [];
  const visit = (e: Expr, d: number): void => {
    if (d > MAX_EXPR_DEPTH) return;
    if (e[0] === 'c' && e[2][0]?.[0] === 'id' && e[2][0][1] === req) found.push(...(calleesOf(x, f, e[1]) ?? []));
    if (e[0] === 'c') visit(e[1], d + 1);
    if (e[0] === 'm') visit(e[1], d + 1);
  };
  walkOps(fact.ops, (op) => {
    if (op[0] === 'call' || op[0] === 'ret') visit(op[1], 0);
  });
  return found.length === 1 && x.fnFact(found[0]!)?.refusals?.length ? found[0] : undefined;
}

/** A name or a chain of members and indexes of one: nothing runs when it is read. */
function callFree(e: Expr, d: number): boolean {
  if (d > MAX_EXPR_DEPTH) return false;
  if (e[0] === 'id' || e[0] === 'this' || e[0] === 's' || e[0] === 'n') return true;
  if (e[0] === 'm') return callFree(e[1], d + 1);
  if (e[0] === 'ix') return callFree(e[1], d + 1) && callFree(e[2], d + 1);
  return false;
}


/** Every test a refusal sits under, those only this reader decides included (Refusal.grants). */
function refusalTests(r: Refusal): When['w'] {
  return [...(r.when ?? []), ...(r.grants ?? [])];
}

function hasOwn(c: Cond): boolean {
  if (c[0] === 'own') return true;
  if (c[0] === 'not' || c[0] === 'sw') return hasOwn(c[1]);
  if (c[0] === 'and' || c[0] === 'or') return hasOwn(c[1]) || hasOwn(c[2]);
  return false;
}

class AnonymousRead {
  private readonly request: Value;
  private readonly session: Value = { k: 'obj', props: new Map() };
  private readonly headers: Value = { k: 'obj', props: new Map() };

  constructor(
    private readonly x: Interp,
    private readonly url: string,
    private readonly method: string,
    private readonly target: FnValue,
  ) {
    this.request = { k: 'obj', props: new Map() };
  }

  letsThrough(): boolean {
    const fact = this.x.fnFact(this.target)!;
    return fact.refusals!.every((r) => {
      const env = this.bind(this.target, [this.request]);
      const tests = refusalTests(r);
      if (!env || !tests.length) return false;
      // Locals in order, as the body binds them before the refusal: a test the refusal itself sits
      // under goes the way the refusal needs (on the way to it, `if (skip) return` did not return).
      const onTheWay = new Set(tests.map((w) => `${w.offset}:${w.holds}`));
      for (const op of fact.ops) {
        if (!(op[0] === 'let' || (op[0] === 'set' && op[1][0] === 'id'))) continue;
        const above = allTestsOf(op).filter((t) => !onTheWay.has(`${t.offset}:${t.holds}`));
        this.assign(op, env, this.state(above, env));
      }
      return tests.some((w) => {
        const d = this.decide(w.cond, env, 0);
        return d !== undefined && d !== w.holds;
      });
    });
  }

  /** A scope for `g` called with `args`; its locals start unknown, those a closure of it assigns stay so. */
  private bind(g: FnValue, args: Value[]): Env | undefined {
    const fact = this.x.fnFact(g);
    if (!fact) return undefined;
    const env: Env = { vars: new Map(), parent: g.env, file: g.file, ...(g.self ? { self: g.self } : {}) };
    this.owners.set(env, g);
    fact.params.forEach((p, i) => {
      if (/^[A-Za-z_$][\w$]*$/.test(p)) env.vars.set(p, args[i] ?? (fact.defaults?.[i] ? UNKNOWN(p) : NULL));
    });
    walkOps(fact.ops, (op) => {
      if (op[0] === 'let' || op[0] === 'for') env.vars.set(op[1], UNKNOWN(op[1]));
      if (op[0] === 'pat') for (const [, local] of op[1]) env.vars.set(local, UNKNOWN(local));
    });
    return env;
  }

  /** Binds what `op` assigns, when its tests (`st`) all hold; unknown when they may not. */
  private assign(op: Op, env: Env, st: boolean | undefined): void {
    const name = op[0] === 'let' ? op[1] : op[0] === 'set' && op[1][0] === 'id' ? op[1][1] : undefined;
    if (!name || !env.vars.has(name) || st === false) return;
    const v = st === true ? this.value(op[2] as Expr, env, 0) : UNKNOWN(name);
    env.vars.set(name, this.touchedInClosure(env, name) ? UNKNOWN(name) : v);
  }

  private readonly touched = new Map<string, Set<string>>();

  /** Names the closures of the function `env` belongs to assign (`skip = true` in a callback): not what they were bound to. */
  private touchedInClosure(env: Env, name: string): boolean {
    const owner = this.ownerOf(env);
    if (!owner) return true;
    const key = `${owner.file}:${owner.fn}`;
    let names = this.touched.get(key);
    if (!names) {
      names = new Set();
      const fns = this.x.factsOf(owner.file)?.fns ?? [];
      const inside = (i: number | undefined, d: number): boolean => i !== undefined && d < 20 && (i === owner.fn || inside(fns[i]?.parent, d + 1));
      fns.forEach((g, i) => {
        if (i === owner.fn || !inside(g.parent, 0)) return;
        walkOps(g.ops, (op) => {
          if (op[0] === 'let') names!.add(op[1]);
          if (op[0] === 'set' && op[1][0] === 'id') names!.add(op[1][1]);
        });
      });
      this.touched.set(key, names);
    }
    return names.has(name);
  }

  private readonly owners = new WeakMap<Env, FnValue>();

  private ownerOf(env: Env): FnValue | undefined {
    return this.owners.get(env);
  }

  /** True when every test holds, false when one is decided against, undefined otherwise. */
  private state(tests: { holds: boolean; cond: Cond }[] | undefined, env: Env): boolean | undefined {
    let all = true;
    for (const t of tests ?? []) {
      const d = this.decide(t.cond, env, 0);
      if (d !== undefined && d !== t.holds) return false;
      if (d === undefined) all = false;
    }
    return all ? true : undefined;
  }

  private decide(c: Cond, env: Env, depth: number): boolean | undefined {
    switch (c[0]) {
      case 'own':
      case 'url':
      case 'call':
        return truth(this.value(c[1], env, depth));
      case 'sw':
        return this.decide(c[1], env, depth);
      case 'not': {
        const v = this.decide(c[1], env, depth);
        return v === undefined ? undefined : !v;
      }
      case 'and':
      case 'or': {
        const a = this.decide(c[1], env, depth);
        const z = this.decide(c[2], env, depth);
        if (c[0] === 'and') return a === false || z === false ? false : a && z ? true : undefined;
        return a === true || z === true ? true : a === false && z === false ? false : undefined;
      }
      default:
        return decide(c, env, (e, en) => this.value(e, en, depth), (v) => this.x.guessed.get(v));
    }
  }

  /** What a closure of ours answers when called with `args`: its first return whose tests all hold. */
  /** Calls being read, one inside another. */
  private calls = 0;

  private answer(g: FnValue, args: Value[]): Value {
    const fact = this.x.fnFact(g);
    const env = this.calls < MAX_DEPTH ? this.bind(g, args) : undefined;
    if (!fact || !env) return UNKNOWN('answer');
    this.calls++;
    try {
      for (const op of fact.ops) {
        const st = this.state(allTestsOf(op), env);
        if (st === false) continue;
        if (op[0] === 'ret') return st === true ? this.value(op[1], env, 0) : UNKNOWN('answer');
        if (op[0] === 'let' || (op[0] === 'set' && op[1][0] === 'id')) this.assign(op, env, st);
        let returns = false;
        if (op[0] === 'for' || op[0] === 'argc' || op[0] === 'quiet') walkOps([op], (o) => (returns ||= o[0] === 'ret'));
        if (returns) return UNKNOWN('answer');
      }
      return NULL;
    } finally {
      this.calls--;
    }
  }

  private value(e: Expr, env: Env, depth: number): Value {
    if (depth > MAX_EXPR_DEPTH) return UNKNOWN('deep');
    switch (e[0]) {
      // Literals, names and functions as the interpreter has them (a name of this reading's scope included).
      case 's':
      case 'n':
      case 'b':
      case 'null':
      case 'id':
      case 'f':
        return this.known(this.x.evalExpr(e, env));
      case 'a':
        return { k: 'arr', items: e[1].map((i) => this.value(i, env, depth + 1)) };
      case 'or': {
        const a = this.value(e[1], env, depth + 1);
        const t = truth(a);
        return t === true ? a : t === false ? this.value(e[2], env, depth + 1) : UNKNOWN('or');
      }
      case 'ix': {
        const o = this.value(e[1], env, depth + 1);
        const i = this.value(e[2], env, depth + 1);
        return o.k === 'arr' && i.k === 'num' ? (o.items[i.v] ?? NULL) : UNKNOWN('index');
      }
      case 'm':
        return this.member(e, env, depth);
      case 'c':
        return this.call(e, env, depth);
      case 'new':
        return this.promise(e, env, depth);
      default:
        return UNKNOWN('expr');
    }
  }

  /** A value read at its default decides (the labels' and a fresh install's configuration); a guess does not. */
  private known(v: Value): Value {
    return this.x.guessed.has(v) ? UNKNOWN('guess') : v;
  }

  private member(e: Extract<Expr, ['m', ...unknown[]]>, env: Env, depth: number): Value {
    const o = this.value(e[1], env, depth + 1);
    const prop = e[2];
    if (o === this.request) {
      if (URL_KEYS.has(prop)) return STR(this.url);
      if (prop === 'method') return STR(this.method);
      if (prop === 'session') return this.session;
      if (prop === 'headers') return this.headers;
      return CALLER_KEYS.has(prop) ? NULL : UNKNOWN(`request.${prop}`);
    }
    // An anonymous caller's session holds no one; its request carries no credential.
    if (o === this.session) return NULL;
    if (o === this.headers) return CREDENTIAL_HEADERS.test(prop) ? NULL : UNKNOWN(`header ${prop}`);
    if (o.k === 'str' && prop === 'length') return { k: 'num', v: o.v.length };
    if (o.k === 'arr' && prop === 'length') return { k: 'num', v: o.items.length };
    if (o.k === 'null' || o.k === 'unknown' || o.k === 'str' || o.k === 'arr') return UNKNOWN(prop);
    // A plain object's own member (a settings module, a factory's options); anything else through the
    // interpreter only when reading it runs nothing (`settings.x`, not `getSettings().x`).
    if (o.k === 'obj' && !o.getters?.size) return this.known(o.props.get(prop) ?? UNKNOWN(prop));
    return callFree(e[1], 0) ? this.known(this.x.evalExpr(e, env)) : UNKNOWN(prop);
  }

  private call(e: Extract<Expr, ['c', ...unknown[]]>, env: Env, depth: number): Value {
    const [, callee, argExprs] = e;
    if (callee[0] === 'm') {
      const recv = this.value(callee[1], env, depth + 1);
      if (recv.k === 'str') {
        if (PURE_STRING.has(callee[2]) && !argExprs.length) return STR(callee[2] === 'trim' ? recv.v.trim() : callee[2] === 'toLowerCase' ? recv.v.toLowerCase() : recv.v.toUpperCase());
        const a = argExprs.length === 1 ? this.value(argExprs[0]!, env, depth + 1) : undefined;
        if (a?.k === 'str' && callee[2] === 'startsWith') return { k: 'bool', v: recv.v.startsWith(a.v) };
        if (a?.k === 'str' && callee[2] === 'endsWith') return { k: 'bool', v: recv.v.endsWith(a.v) };
        if (a?.k === 'str' && callee[2] === 'includes') return { k: 'bool', v: recv.v.includes(a.v) };
        return UNKNOWN('string call');
      }
      if (recv.k === 'arr' && (callee[2] === 'every' || callee[2] === 'some') && !recv.items.length) return { k: 'bool', v: callee[2] === 'every' };
      if (recv.k === 'arr' || recv.k === 'unknown' || recv.k === 'null' || recv === this.request || recv === this.session) return UNKNOWN('call');
    }
    const fn = callee[0] === 'id' ? this.value(callee, env, depth + 1) : callee[0] === 'm' ? this.member(callee, env, depth) : undefined;
    if (fn?.k !== 'fn') return UNKNOWN('call');
    return this.answer(fn, argExprs.map((a) => this.value(a, env, depth + 1)));
  }

  /**
   * `new Promise((resolve) => hooks.aCallFirst(hookName, context, (err, r) => … resolve(r)))`: a plugin
   * framework's dispatch of a hook, out of sight, resolving with what the hook functions answered. Where a
   * plugin manifest is found above the file and no part of it names a function for that hook, nothing
   * answers: an empty list.
   */
  private promise(e: Extract<Expr, ['new', ...unknown[]]>, env: Env, depth: number): Value {
    const [, callee, argExprs] = e;
    const exec = callee[0] === 'id' && callee[1] === 'Promise' && argExprs.length === 1 && argExprs[0]![0] === 'f' ? this.x.evalExpr(argExprs[0]!, env) : undefined;
    const fact = exec?.k === 'fn' ? this.x.fnFact(exec) : undefined;
    if (!exec || exec.k !== 'fn' || !fact || fact.ops.length !== 1 || fact.ops[0]![0] !== 'call') return UNKNOWN('new');
    const call = fact.ops[0]![1];
    const resolve = fact.params[0];
    if (call[0] !== 'c' || call[1][0] !== 'm' || !resolve) return UNKNOWN('new');
    const inner = this.bind(exec, []);
    if (!inner) return UNKNOWN('new');
    const recv = this.x.evalExpr(call[1][1], inner);
    const hook = this.value(call[2][0] ?? ['null'], inner, depth + 1);
    const handsResolve = call[2].some((a) => a[0] === 'f' && JSON.stringify(this.x.fnFact({ ...exec, fn: a[1] })?.ops ?? []).includes(`["c",["id","${resolve}"]`));
    if (recv.k !== 'ext' || hook.k !== 'str' || !handsResolve) return UNKNOWN('new');
    const program = this.x.program;
    return pluginManifestAbove(program, exec.file) && !pluginHookTargets(program, exec.file, hook.v).length ? { k: 'arr', items: [] } : UNKNOWN('hook');
  }
}
