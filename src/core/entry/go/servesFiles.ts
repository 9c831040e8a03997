// A middleware on the root router that answers requests with files itself (echo's `e.Use(static())`
// serving an embedded frontend, index.html when nothing else matched): every path reaches it, so it
// is a route `ANY /*` at its `Use`, as `express.static` mounts are for JavaScript. Read from the
// body: a net/http file answer (`http.ServeContent`, `http.ServeFile`) in the function or, for a
// middleware factory (it returns a closure), in a function of ours it calls.
import type { GoNode as Node } from './goNode';
import { all, line } from '../treeUtil';
import type { GoIndex } from './resolve';
import type { Callee, GoEdge, GoFileFacts, GoRef, GoRoute } from './types';

const SERVES = /^http\.(ServeContent|ServeFile|ServeFileFS)$/;

/** The line of a file answer in a body, and for a middleware factory the calls of ours it makes. */
export function servesIn(body: Node, callee: (n: Node) => Callee | undefined): { line?: number; via?: Callee[] } {
  const calls = all(body, 'call_expression');
  const direct = calls.find((c) => SERVES.test(c.childForFieldName('function')?.text ?? ''));
  if (direct) return { line: line(direct) };
  const factory = all(body, 'return_statement').some((r) => r.namedChildren[0]?.namedChildren[0]?.type === 'func_literal');
  if (!factory) return {};
  const via = [...new Set(calls.map((c) => callee(c.childForFieldName('function')!)).filter((c): c is Callee => !!c?.startsWith('fn:')))];
  return via.length ? { via } : {};
}

/**
 * Routes `ANY /*` for the file-serving middleware `Use`d on a whole router: one nothing mounts, or
 * a parameter (`setupStatic(e *echo.Echo)`) every caller hands such a router, not a group.
 */
export function fileServingUses(ix: GoIndex, files: GoFileFacts[], canon: (r: GoRef) => GoRef, edges: GoEdge[]): GoRoute[] {
  const into = new Map<GoRef, GoEdge[]>();
  for (const e of edges) if (e.parent !== e.child) into.set(e.child, [...(into.get(e.child) ?? []), e]);
  const whole = (r: GoRef, depth: number): boolean => {
    const ins = into.get(r) ?? [];
    if (ins.length === 0) return r.startsWith('R:');
    return depth < 6 && r.startsWith('P:') && ins.every((e) => !e.prefix.length && !e.guards.length && !e.mount && !e.method && whole(e.parent, depth + 1));
  };
  const out: GoRoute[] = [];
  for (const f of files) for (const u of f.uses) {
    const router = canon(u.router);
    if (!whole(router, 0)) continue;
    const fn = ix.fnOf(u.candidate.callee);
    const serves = fn?.serves ?? (fn?.servesVia ?? []).map((c) => ix.fnOf(c)?.serves).find(Boolean);
    if (!fn || !serves) continue;
    out.push({ router, method: 'ANY', path: [{ lit: '/*' }], fnKey: fn.key, handler: u.candidate.text, handlerCallee: u.candidate.callee, guards: [], file: u.file, line: u.candidate.line, order: u.order, framework: f.routers[u.router] || '' });
  }
  return out;
}
