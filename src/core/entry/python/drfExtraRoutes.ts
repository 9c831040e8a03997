// Routes a DRF router gives a viewset beyond its standard actions and @actions (djangoLink.ts's
// routerRoutes reads those):
// - a router subclass that adds methods to its routes in `__init__` (NetBox's NetBoxRouter:
//   `self.routes[0].mapping.update({'put': 'bulk_update', …})`). SimpleRouter.get_method_map keeps a
//   method of a route only when the viewset has the action, so each added pair is a route of every
//   viewset that defines the action, and of no other;
// - a viewset method named as an HTTP verb (`def patch(self, request)` on a ViewSet, no @action):
//   ViewSetMixin binds only the mapped methods, and APIView.dispatch then looks the request's method
//   up on the view, so the method answers its verb on every URL the router gave the viewset where
//   that verb is not mapped to an action.
import type { Node } from 'web-tree-sitter';
import { kids, stringValue } from '../treeUtil';
import { ACTION_DECORATOR, ACTION_METHOD, HTTP, MAPPING, type ViewClass } from '../djangoViews';
import type { ViewIndex } from '../djangoViewIndex';

/** One method → action pair a router class adds to its list route (`detail` false) or detail route. */
export interface RouteMapping {
  detail: boolean;
  method: string;
  action: string;
}

/** DRF's SimpleRouter.routes: [0] the list route, [2] the detail route ([1] and [3] carry the @actions). */
const ROUTE_SIDE = new Map([['0', false], ['2', true]]);
const MAPPING_OF = /^self\.routes\[(\d+)\]\.mapping$/;

/** `self.routes[0].mapping.update({'put': 'bulk_update'})` and `self.routes[2].mapping['put'] = 'x'` in a router's `__init__`. */
export function routeMappingUpdates(init: Node): RouteMapping[] {
  const out: RouteMapping[] = [];
  const add = (routeIndex: string | undefined, key: Node | null | undefined, value: Node | null | undefined): void => {
    const detail = routeIndex === undefined ? undefined : ROUTE_SIDE.get(routeIndex);
    const method = stringValue(key ?? null)?.toLowerCase();
    const action = stringValue(value ?? null);
    if (detail !== undefined && method && HTTP.includes(method) && action && /^\w+$/.test(action)) out.push({ detail, method, action });
  };
  const walk = (n: Node): void => {
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      const on = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'update' ? MAPPING_OF.exec(fn.childForFieldName('object')?.text.replace(/\s+/g, '') ?? '') : null;
      const arg = kids(n.childForFieldName('arguments'))[0];
      if (on && arg?.type === 'dictionary') for (const p of kids(arg)) if (p.type === 'pair') add(on[1], p.childForFieldName('key'), p.childForFieldName('value'));
    } else if (n.type === 'assignment') {
      const left = n.childForFieldName('left');
      const on = left?.type === 'subscript' ? MAPPING_OF.exec(left.childForFieldName('value')?.text.replace(/\s+/g, '') ?? '') : null;
      if (on) add(on[1], left?.childForFieldName('subscript'), n.childForFieldName('right'));
    }
    for (const k of kids(n)) walk(k);
  };
  const body = init.childForFieldName('body');
  if (body) walk(body);
  return out;
}

/** A route the router gives `cls` beyond its standard actions: the method, which URL, and the viewset method that answers. */
export interface ExtraRoute {
  method: string;
  detail: boolean;
  action: string;
}

/** The routes `routerCls` (a router class of the repository, if any) and `cls`'s verb-named methods add to its standard actions. */
export function extraViewsetRoutes(index: ViewIndex, cls: ViewClass, routerCls: ViewClass | undefined): ExtraRoute[] {
  const out: ExtraRoute[] = [];
  const standard = index.viewsetActions(cls);
  const mapped = [new Set<string>(), new Set<string>()];
  for (const a of standard) mapped[ACTION_METHOD[a].detail ? 1 : 0].add(ACTION_METHOD[a].method);
  // Where the nearest definition of a method is, and whether it is a live handler (not a 405 stub).
  const own = (name: string): { decorators: { text: string }[] } | undefined => {
    for (const k of index.lineage(cls)) {
      const m = k.methods[name];
      if (m) return m.notAllowed ? undefined : m;
    }
    return undefined;
  };
  const add = (method: string, detail: boolean, action: string): void => {
    if (mapped[detail ? 1 : 0].has(method) || !index.allows(cls, method)) return;
    mapped[detail ? 1 : 0].add(method);
    out.push({ method, detail, action });
  };
  const mappings = routerCls ? index.lineage(routerCls).flatMap((k) => k.routeMappings ?? []) : [];
  for (const m of mappings) if (standard.includes(m.action) || own(m.action)) add(m.method.toUpperCase(), m.detail, m.action);
  // Verb-named methods answer on the URLs the viewset has (a URL exists when some method is mapped there).
  const sides = [false, true].filter((d) => mapped[d ? 1 : 0].size > 0);
  for (const verb of HTTP.filter((v) => v !== 'head' && v !== 'options')) {
    const m = own(verb);
    if (!m || m.decorators.some((d) => ACTION_DECORATOR.test(d.text) || MAPPING.test(d.text))) continue;
    for (const detail of sides) add(verb.toUpperCase(), detail, verb);
  }
  return out;
}
