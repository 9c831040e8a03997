// Koa 0.x middleware and handlers are generators that take the context as `this` and only `next`
// as a parameter (`function* (next) { this.user = …; yield* next; }`). The readers of what a route
// does with its request (identityUse.ts) follow the request by its parameter name; for these
// functions they read a view in which `this` is a parameter called `this`, ahead of `next`: the
// same shape as Koa 2's `(ctx, next)`.
import type { Expr, FnFact, Op } from '../facts/types';

const views = new WeakMap<FnFact, FnFact>();

/** The function's facts with the context it gets as `this` made its first parameter, when it is such a middleware; else the facts themselves. */
export function contextAsParam(fact: FnFact): FnFact {
  if (!thisContext(fact)) return fact;
  let view = views.get(fact);
  if (!view) {
    view = { ...fact, params: ['this', ...fact.params], ops: fact.ops.map((op) => thisAsName(op) as Op) };
    views.set(fact, view);
  }
  return view;
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
