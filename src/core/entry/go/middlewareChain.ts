// A helper of the service that stacks middleware around a handler (`mid.Use(h.List,
// mid.RequireLogin)`, written `for _, m := range mids { handler = m(handler) }; return handler`):
// the route's handler is the argument the helper wraps, and every argument it applies is
// middleware on the route. Read from the helper's own body, never from its name, so a call of a
// helper that does something else keeps reading as a wrapper around its last argument.
import type { GoNode as Node } from './goNode';
import { all, kids } from '../treeUtil';
import type { GoIndex } from './resolve';
import type { Callee, GoCandidate, GoRoute } from './types';

/** Which parameter is wrapped (`handler`) and which variadic parameter holds the middleware applied to it (`rest`). */
export interface ChainShape {
  handler: number;
  rest: number;
}

/** A route's handler given as a call (`Use(h, m1, m2)`): the callee, its arguments, and how many wrappers extract.ts read from it. */
export interface AppliedCall {
  callee: Callee;
  args: GoCandidate[];
  wrappers: number;
}

/**
 * `func Use(h http.HandlerFunc, mids ...func(http.Handler) http.HandlerFunc) http.HandlerFunc`
 * whose body ranges over `mids`, assigns `h = m(h)` and returns `h`: its shape, else undefined.
 */
export function chainShape(fn: Node, params: string[]): ChainShape | undefined {
  const decls = kids(fn.childForFieldName('parameters'));
  const last = decls[decls.length - 1];
  if (last?.type !== 'variadic_parameter_declaration') return undefined;
  const rest = params.length - 1;
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  for (const loop of all(body, 'range_clause')) {
    if (loop.childForFieldName('right')?.text !== params[rest]) continue;
    const vals = kids(loop.childForFieldName('left'));
    const m = vals[vals.length - 1]?.text;
    const stmts = loop.parent?.childForFieldName('body');
    if (!m || !stmts) continue;
    for (const a of all(stmts, 'assignment_statement')) {
      const target = kids(a.childForFieldName('left'))[0]?.text ?? '';
      const call = kids(a.childForFieldName('right'))[0];
      const handler = params.indexOf(target);
      if (handler < 0 || handler === rest || call?.type !== 'call_expression') continue;
      if (call.childForFieldName('function')?.text !== m || kids(call.childForFieldName('arguments'))[0]?.text !== target) continue;
      const returned = all(body, 'return_statement').some((r) => kids(r)[0]?.namedChildren[0]?.text === target);
      if (returned) return { handler, rest };
    }
  }
  return undefined;
}

/**
 * The route as the chain helper makes it: its handler the wrapped argument, its middleware the
 * applied ones (in place of the wrappers extract.ts read off the call). Unchanged when the callee
 * is no such helper.
 */
export function throughChain(ix: GoIndex, route: GoRoute): GoRoute {
  const a = route.applied;
  const shape = a ? ix.fnOf(a.callee)?.chain : undefined;
  if (!a || !shape || !a.args[shape.handler]) return route;
  const kept = route.guards.slice(0, route.guards.length - a.wrappers);
  const out: GoRoute = { ...route, handlerCallee: a.args[shape.handler].callee, guards: [...kept, ...a.args.slice(shape.rest)] };
  // What extract.ts took for the handler (the last argument) made neither of these.
  delete out.factory;
  delete out.inline;
  return out;
}

/** Wrappers that are chain helpers (GoCandidate.stack) give way to the middleware they apply. */
export function stacked(ix: GoIndex, cands: GoCandidate[]): GoCandidate[] {
  return cands.flatMap((c) => {
    const shape = c.stack ? ix.fnOf(c.callee)?.chain : undefined;
    return shape && c.stack ? c.stack.slice(shape.rest) : [c];
  });
}

/**
 * `func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }`:
 * a value of the type serves what that field holds, so where the field is set to a router the
 * value is that router (resolve.ts `canon`).
 */
export function delegatedField(fn: Node): string | undefined {
  if (fn.type !== 'method_declaration' || fn.childForFieldName('name')?.text !== 'ServeHTTP') return undefined;
  const recv = kids(fn.childForFieldName('receiver'))[0]?.childForFieldName('name')?.text;
  const body = kids(fn.childForFieldName('body')).flatMap((k) => (k.type === 'statement_list' ? kids(k) : [k])).filter((k) => k.type !== 'comment');
  const call = body.length === 1 && body[0].type === 'expression_statement' ? body[0].namedChildren[0] : undefined;
  const f = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
  const m = f ? /^(\w+)\.(\w+)\.ServeHTTP$/.exec(f.text) : undefined;
  return m && m[1] === recv ? m[2] : undefined;
}
