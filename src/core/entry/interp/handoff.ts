// Where a handler hands the request on: `(req, res, next) => service.api.middleware.x(req, res, next)`.
// The code that gets the request decides what the caller gets, so the route's guard state can
// only be "no guard" when that code is seen too. Followed through our own functions (the request
// passed down by position) to what finally takes it: a router of ours (its middleware and
// handlers then run on the request), or code we cannot see (a value the interpreter could not
// resolve), which leaves the route `unknown`. Calls into packages are not followed, as everywhere
// else in guard judging (a package's middleware counts only when a framework module knows it).
import type { Expr, Op } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, FnValue, RouterNode, Value } from './values';
import { exprText } from './exprText';
import { subExprs } from './opWalk';

export interface Handoffs {
  /** Routers of ours the request is handed to. */
  routers: RouterNode[];
  /** Functions of ours the request reached (through calls and those routers' middleware): each answers it in part. */
  fns: FnValue[];
  /** Calls given the request whose callee could not be resolved, as written. */
  unseen: string[];
  /** Where forwarding ends: functions of ours, reached through forwarders, that do the work themselves. */
  ends: FnValue[];
  /**
   * `handlers[path.id](path, ctx)`: an object of our functions indexed by what the request says
   * (a dispatch table); which one answers depends on the request, so each is judged on its own.
   */
  tables: { text: string; fns: FnValue[] }[];
}

const MAX_DEPTH = 4;

export function handoffsOf(x: Interp, f: FnValue): Handoffs {
  const out: Handoffs = { routers: [], fns: [], unseen: [], ends: [], tables: [] };
  follow(x, f, 0, out, new Set(), 0);
  return out;
}

function follow(x: Interp, f: FnValue, reqAt: number, out: Handoffs, seen: Set<string>, depth: number): void {
  const key = `${f.file}:${f.fn}:${reqAt}`;
  if (seen.has(key) || depth > MAX_DEPTH) return;
  seen.add(key);
  const fact = x.fnFact(f);
  const req = fact?.params[reqAt];
  if (!fact || !req || !/^[\w$]+$/.test(req)) return;
  // Only a function that does nothing but hand the request on stands for what it calls: a
  // handler that does its own work and passes the request along the way (to a sign-in helper,
  // to a model method for its transaction) is judged by its own code, as before.
  if (!forwards(fact.ops, req, fact.params[2])) {
    if (depth > 0) out.ends.push(f);
    return;
  }
  const calls: [Expr, number][] = [];
  walkOps(fact.ops, (e) => collectCalls(e, req, calls));
  for (const [callee, at] of calls) {
    // The callee as the function's closure sees it (module names, imports, `this`); its own
    // locals are not bound here, so a callee read off a local comes out unresolved: unknown.
    let v;
    try {
      v = calleeValue(x, callee, { vars: new Map(), parent: f.env, file: f.file, ...(f.self ? { self: f.self } : {}) });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      v = undefined;
    }
    if (v?.k === 'kw') v = v.v;
    if (v?.k === 'fn') {
      out.fns.push(v);
      follow(x, v, at, out, seen, depth + 1);
    } else if (v?.k === 'router') {
      out.routers.push(v.r);
      // Its middleware run on the request in turn (`Router().use(body.json(), forwardError(h))`).
      for (const it of v.r.items) {
        if (it.t !== 'use') continue;
        for (const a of it.args) {
          if (a.k !== 'fn') continue;
          out.fns.push(a);
          follow(x, a, 0, out, seen, depth + 1);
        }
      }
    }
    else if (!v || v.k === 'unknown') {
      const table = callee[0] === 'ix' ? dispatchTable(x, callee[1], f) : undefined;
      if (table) out.tables.push({ text: exprText(callee), fns: table });
      else out.unseen.push(exprText(callee));
    }
  }
}

/** An object whose every value is a function of ours (at least two): a dispatch table. */
function dispatchTable(x: Interp, e: Expr, f: FnValue): FnValue[] | undefined {
  let v: Value | undefined;
  try {
    v = calleeValue(x, e, { vars: new Map(), parent: f.env, file: f.file, ...(f.self ? { self: f.self } : {}) });
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return undefined;
  }
  if (v?.k !== 'obj' || v.module || v.props.size < 2) return undefined;
  const fns = [...v.props.values()];
  return fns.every((g): g is FnValue => g.k === 'fn') ? fns : undefined;
}

/**
 * The callee's value now that every module and init function has run. A getter that returns a
 * module variable (`get api() { return membersApi; }`, the variable assigned by an `init()` run
 * at boot) is read afresh: the interpreter may have run it before the assignment, and remembers
 * that first answer.
 */
export function calleeValue(x: Interp, e: Expr, env: Env): Value {
  if (e[0] !== 'm') return x.evalExpr(e, env);
  const obj = calleeValue(x, e[1], env);
  const stored = obj.k === 'unknown' ? x.contextMember(e[1], e[2]) : undefined;
  if (stored) return stored;
  const getter = obj.k === 'obj' ? obj.getters?.get(e[2]) : undefined;
  const body = getter ? x.fnFact(getter)?.ops : undefined;
  if (getter && body?.length === 1 && body[0][0] === 'ret' && body[0][1][0] === 'id') return x.lookup(body[0][1][1], getter.env);
  return x.member(obj, e[2], exprText(e));
}

/**
 * `return svc.api.middleware.x(req, res, next)`, `(req, res) => controller.m(req, res)`,
 * `try { await fn(req, res, next); } catch (err) { next(err); }`: every statement is a call
 * given the request, or a call of `next`.
 */
function forwards(ops: Op[], req: string, next: string | undefined): boolean {
  let handsOn = false;
  for (const op of ops) {
    if (op[0] !== 'call' && op[0] !== 'ret') return false;
    const e = op[1];
    if (e[0] !== 'c') return false;
    if (e[2].some((a) => a[0] === 'id' && a[1] === req)) handsOn = true;
    else if (!(next && e[1][0] === 'id' && e[1][1] === next)) return false;
  }
  return handsOn;
}

/** Calls anywhere in `e` given the request itself (`h(req, res)`, not `h(req.body)`): callee and the request's position. */
function collectCalls(e: Expr, req: string, out: [Expr, number][]): void {
  switch (e[0]) {
    case 'c':
    case 'new': {
      const at = e[2].findIndex((a) => a[0] === 'id' && a[1] === req);
      if (at >= 0 && e[0] === 'c') out.push([e[1], at]);
      collectCalls(e[1], req, out);
      for (const a of e[2]) collectCalls(a, req, out);
      return;
    }
    case 'm':
      collectCalls(e[1], req, out);
      return;
    case 'ix':
    case 'or':
    case 'alt':
      collectCalls(e[1], req, out);
      collectCalls(e[2], req, out);
      return;
    case 'cat':
    case 'a':
      for (const a of e[1]) collectCalls(a, req, out);
      return;
    case 'kw':
      collectCalls(e[2], req, out);
      return;
    default:
      return;
  }
}

export function walkOps(ops: Op[], visit: (e: Expr) => void): void {
  for (const op of ops) {
    switch (op[0]) {
      case 'call':
      case 'ret':
        visit(op[1]);
        break;
      case 'let':
      case 'pat':
        visit(op[2]);
        break;
      case 'set':
        visit(op[2]);
        break;
      case 'for':
        walkOps(op[3], visit);
        break;
      case 'quiet':
        // What a swallowing try calls cannot refuse the request: not a handoff that matters.
        break;
      default:
        break;
    }
  }
}

/**
 * The calls in the handler's own body that are handed an argument `handed` accepts (the request,
 * a credential header), each with what its callee is (unknown callees skipped): the handoff
 * readers (unreadPackageHandoff.ts, credentialHandoff.ts) judge the callee.
 */
export function handedCalls(x: Interp, f: FnValue, handed: (arg: Expr) => boolean): { callee: Expr; v: Value }[] {
  const fact = x.fnFact(f);
  if (!fact) return [];
  const calls: Expr[] = [];
  const collect = (e: Expr, depth: number): void => {
    if (depth > 10 || calls.length > 40) return;
    if (e[0] === 'c' && e[2].some((a) => handed(a))) calls.push(e[1]);
    for (const s of subExprs(e)) collect(s, depth + 1);
  };
  walkOps(fact.ops, (e) => collect(e, 0));
  const out: { callee: Expr; v: Value }[] = [];
  for (const callee of calls) {
    try {
      out.push({ callee, v: calleeValue(x, callee, { vars: new Map(), parent: f.env, file: f.file, ...(f.self ? { self: f.self } : {}) }) });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
    }
  }
  return out;
}
