// chi's `for _, route := range r.Routes() { r.Options(route.Pattern, cors.AllowAll().HandlerFunc) }`:
// a route registered once for each route the router already holds (a CORS preflight for every
// path). The path is each earlier route's pattern on that router, so the loop is as many routes
// as there are, not one route at a dynamic `{route.Pattern}`. We take the routes registered on
// the same router before the loop, in the same function — the ones its author lists there; routes
// other functions added to a router it shares a tree with are not followed.
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';
import type { GoRoute } from './types';

/** `route.Pattern` where `route` ranges over `<recv>.Routes()` of the router the route is registered on. */
export function patternOfRanged(pathNode: Node, recvText: string): boolean {
  if (pathNode.type !== 'selector_expression' || pathNode.childForFieldName('field')?.text !== 'Pattern') return false;
  const v = pathNode.childForFieldName('operand');
  if (v?.type !== 'identifier') return false;
  for (let p = pathNode.parent; p; p = p.parent) {
    if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return false;
    if (p.type !== 'for_statement') continue;
    const rc = kids(p).find((k) => k.type === 'range_clause');
    const vals = kids(rc?.childForFieldName('left'));
    const over = rc?.childForFieldName('right');
    if (vals.length === 2 && vals[1].text === v.text && over?.text.replace(/\s+/g, '') === `${recvText}.Routes()`) return true;
  }
  return false;
}

/** Each loop route made into one route per route registered before it on its router in the same function. */
export function expandRouteLoops(routes: GoRoute[]): GoRoute[] {
  if (!routes.some((r) => r.eachRoute)) return routes;
  const out: GoRoute[] = [];
  for (const r of routes) {
    if (!r.eachRoute) {
      out.push(r);
      continue;
    }
    const earlier = routes.filter((x) => !x.eachRoute && x.router === r.router && x.file === r.file && x.fnKey === r.fnKey && x.order < r.order);
    const seen = new Set<string>();
    for (const x of earlier) {
      const key = JSON.stringify(x.path);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ...r, path: x.path, eachRoute: undefined });
    }
  }
  return out;
}
