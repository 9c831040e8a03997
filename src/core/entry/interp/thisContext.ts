// Koa 0.x middleware and handlers are generators that take the context as `this` and only `next`
// as a parameter (`function* (next) { this.user = …; yield* next; }`). The readers of what a route
// does with its request (identityUse.ts) follow the request by its parameter name; for these
// functions they read a view in which `this` is a parameter called `this`, ahead of `next`: the
// same shape as Koa 2's `(ctx, next)`. A Sails actions2 `fn(inputs)` reads the request as
// `this.req`: its view takes `req, res` first, as an Express handler does. An Egg.js controller's action (a class
// method taking nothing) reads its request as `this.ctx` (`const { ctx } = this`): its view takes `ctx`, as Koa's.
import type { Expr, FnFact, Op } from '../facts/types';

const views = new WeakMap<FnFact, FnFact>();

/** The function's facts with the context it gets as `this` made its first parameter, when it is such a middleware; else the facts themselves. */
export function contextAsParam(fact: FnFact): FnFact {
  const sails = sailsAction(fact);
  const egg = !sails && eggAction(fact);
  if (!sails && !egg && !thisContext(fact)) return fact;
  let view = views.get(fact);
  if (!view && egg) {
    view = { ...fact, params: ['ctx'], ops: fact.ops.flatMap((op) => eggOp(op)) };
    views.set(fact, view);
  }
  if (!view) {
    // A Sails actions2 `fn(inputs, exits)` gets the request and response as `this.req` and `this.res`.
    view = sails ? { ...fact, params: ['req', 'res', ...fact.params], ops: fact.ops.map((op) => thisMembersAsNames(op) as Op) } : { ...fact, params: ['this', ...fact.params], ops: fact.ops.map((op) => thisAsName(op) as Op) };
    views.set(fact, view);
  }
  return view;
}

/** Sails actions2: a method `fn` (not an arrow) that reads `this.req` or `this.res`. */
export function sailsAction(fact: FnFact): boolean {
  if (fact.arrow || fact.owner || !/(^|\.)fn$/.test(fact.name)) return false;
  return readsThisMember(fact.ops, 0);
}

function isThisMember(v: unknown[]): boolean {
  return v.length === 3 && v[0] === 'm' && Array.isArray(v[1]) && v[1].length === 1 && v[1][0] === 'this' && (v[2] === 'req' || v[2] === 'res');
}

function readsThisMember(v: unknown, depth: number): boolean {
  if (!Array.isArray(v) || depth > 60) return false;
  if (isThisMember(v)) return true;
  return v.some((c) => readsThisMember(c, depth + 1));
}

/** Every `this.req` / `this.res` written `['id', 'req']` / `['id', 'res']`. */
function thisMembersAsNames(v: unknown, depth = 0): unknown {
  if (!Array.isArray(v) || depth > 60) return v;
  if (isThisMember(v)) return ['id', v[2]] satisfies Expr;
  return v.map((c) => thisMembersAsNames(c, depth + 1));
}

/**
 * A plain function (not an arrow, not a method of a class) whose only parameter, if any, is named
 * `next`, and that reads `this`: a middleware called with the context bound.
 */
function thisContext(fact: FnFact): boolean {
  if (fact.arrow || fact.owner || fact.params.length > 1 || (fact.params.length === 1 && fact.params[0] !== 'next')) return false;
  return readsThis(fact.ops, 0);
}

function readsThis(v: unknown, depth: number): boolean {
  if (!Array.isArray(v) || depth > 60) return false;
  if (v.length === 1 && v[0] === 'this') return true;
  return v.some((c) => readsThis(c, depth + 1));
}

/** Every `['this']` expression written `['id', 'this']` (facts are plain arrays: a copy, the original kept). */
function thisAsName(v: unknown, depth = 0): unknown {
  if (!Array.isArray(v) || depth > 60) return v;
  if (v.length === 1 && v[0] === 'this') return ['id', 'this'] satisfies Expr;
  return v.map((c) => thisAsName(c, depth + 1));
}

/** An Egg.js controller action: a class method with no parameters that reads `this.ctx`. */
export function eggAction(fact: FnFact): boolean {
  if (fact.arrow || !fact.owner || fact.params.length) return false;
  return readsThisCtx(fact.ops, 0);
}

function isThisCtx(v: unknown[]): boolean {
  return v.length === 3 && v[0] === 'm' && Array.isArray(v[1]) && v[1].length === 1 && v[1][0] === 'this' && v[2] === 'ctx';
}

function readsThisCtx(v: unknown, depth: number): boolean {
  if (!Array.isArray(v) || depth > 60) return false;
  if (isThisCtx(v)) return true;
  // `const { ctx } = this`
  if (v[0] === 'pat' && Array.isArray(v[2]) && v[2].length === 1 && v[2][0] === 'this' && Array.isArray(v[1]) && v[1].some((p: unknown) => Array.isArray(p) && p[1] === 'ctx')) return true;
  return v.some((c) => readsThisCtx(c, depth + 1));
}

/** `this.ctx` as the parameter `ctx`; `const { ctx: c, service } = this` binds `c` to it and keeps the rest. */
function eggOp(op: Op): Op[] {
  if (op[0] === 'pat' && op[2].length === 1 && op[2][0] === 'this' && op[1].some(([, key]) => key === 'ctx')) {
    const out: Op[] = [];
    const rest = op[1].filter(([, key]) => key !== 'ctx');
    for (const [local, key] of op[1]) if (key === 'ctx' && local !== 'ctx') out.push((op[3] ? ['let', local, ['id', 'ctx'], op[3]] : ['let', local, ['id', 'ctx']]) as Op);
    if (rest.length) out.push([op[0], rest, ...op.slice(2)] as unknown as Op);
    return out;
  }
  return [thisCtxAsName(op) as Op];
}

function thisCtxAsName(v: unknown, depth = 0): unknown {
  if (!Array.isArray(v) || depth > 60) return v;
  if (isThisCtx(v)) return ['id', 'ctx'] satisfies Expr;
  return v.map((c) => thisCtxAsName(c, depth + 1));
}
