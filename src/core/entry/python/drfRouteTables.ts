// A DRF router subclass that replaces the routes it gives every viewset with a class attribute
// (DRF's documented "custom routers"):
//   class ReadOnlyRouter(SimpleRouter):
//       routes = [
//           Route(url=r'^{prefix}$', mapping={'get': 'list'}, name='{basename}-list', detail=False, initkwargs={}),
//           Route(url=r'^{prefix}/{lookup}$', mapping={'get': 'retrieve'}, name='{basename}-detail', detail=True, initkwargs={}),
//           DynamicRoute(url=r'^{prefix}/{lookup}/{url_path}$', name='{basename}-{url_name}', detail=True, initkwargs={}),
//       ]
// SimpleRouter.get_urls then makes, per viewset, a URL for each Route keeping only the mapped methods
// whose action the viewset has (`get_method_map`), and one per @action of the DynamicRoute's side
// (detail or list); @actions of a side no DynamicRoute names get no URL at all. The standard table
// (list/create on the prefix, the CRUD actions on the lookup) is what djangoLink.ts reads otherwise.
import type { Node } from 'web-tree-sitter';
import { kids, line, stringValue } from '../treeUtil';
import { regexToPath } from '../routePath';
import type { PyDecorator, ViewClass } from '../djangoViews';
import type { ViewIndex } from '../djangoViewIndex';

export interface RouteTemplate {
  dynamic: boolean;
  url: string;
  detail: boolean;
  /** Method (upper case) → action, for a Route. */
  mapping: [string, string][];
  line: number;
}

/** `routes = [Route(...), DynamicRoute(...)]`: the templates, or undefined when any element is not read. */
export function routeTemplates(list: Node): RouteTemplate[] | undefined {
  if (list.type !== 'list' && list.type !== 'tuple') return undefined;
  const out: RouteTemplate[] = [];
  for (const el of kids(list)) {
    const kind = el.type === 'call' ? /^(?:\w+\.)*(Route|DynamicRoute)$/.exec(el.childForFieldName('function')?.text ?? '')?.[1] : undefined;
    if (!kind) return undefined;
    const kw = new Map(kids(el.childForFieldName('arguments')).filter((a) => a.type === 'keyword_argument').map((a) => [a.childForFieldName('name')?.text ?? '', a.childForFieldName('value')]));
    // Positional order of DRF's namedtuples: Route(url, mapping, name, detail, initkwargs), DynamicRoute(url, name, detail, initkwargs).
    const pos = kids(el.childForFieldName('arguments')).filter((a) => a.type !== 'keyword_argument');
    const arg = (name: string, at: number): Node | undefined => kw.get(name) ?? pos[at] ?? undefined;
    const url = stringValue(arg('url', 0) ?? null);
    const detail = arg('detail', kind === 'Route' ? 3 : 2)?.text;
    const map = kind === 'Route' ? arg('mapping', 1) : undefined;
    if (url === undefined || (detail !== 'True' && detail !== 'False') || (kind === 'Route' && map?.type !== 'dictionary')) return undefined;
    const mapping: [string, string][] = [];
    for (const p of kids(map)) {
      const m = p.type === 'pair' ? stringValue(p.childForFieldName('key')) : undefined;
      const a = p.type === 'pair' ? stringValue(p.childForFieldName('value')) : undefined;
      if (m && a) mapping.push([m.toUpperCase(), a]);
    }
    out.push({ dynamic: kind === 'DynamicRoute', url, detail: detail === 'True', mapping, line: line(el) });
  }
  return out;
}

/** The route table a router class of the repository (or a base of ours) declares, if any. */
export function routeTable(index: ViewIndex, routerCls: ViewClass | undefined): RouteTemplate[] | undefined {
  return routerCls ? index.lineage(routerCls).find((k) => k.routeTable)?.routeTable : undefined;
}

export interface TableRoute {
  method: string;
  /** Below the registration's prefix. */
  path: string;
  action: string;
  permissions?: PyDecorator;
}

/** The routes `table` gives viewset `cls` (lookup: its lookup kwarg). */
export function tableRoutes(index: ViewIndex, cls: ViewClass, table: RouteTemplate[], lookup: string): TableRoute[] {
  const out: TableRoute[] = [];
  const has = (action: string): boolean => index.viewsetActions(cls).includes(action) || !!index.methodOf(cls, action);
  const pathOf = (url: string, urlPath = ''): string | undefined =>
    regexToPath(url.replace('{prefix}', '').replace('{lookup}', `(?P<${lookup}>[^/.]+)`).replace('{trailing_slash}', '').replace('{url_path}', urlPath));
  for (const t of table) {
    if (!t.dynamic) {
      const p = pathOf(t.url);
      if (p !== undefined) for (const [method, action] of t.mapping) if (has(action) && index.allows(cls, method)) out.push({ method, path: p, action });
      continue;
    }
    for (const k of index.lineage(cls)) {
      for (const act of k.actions.filter((a) => a.detail === t.detail)) {
        const p = pathOf(t.url, act.urlPath);
        if (p !== undefined) for (const m of act.methods.filter((x) => index.allows(cls, x))) out.push({ method: m, path: p, action: act.name, ...(act.permissions ? { permissions: act.permissions } : {}) });
      }
    }
  }
  return out;
}
