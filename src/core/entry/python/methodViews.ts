// Flask's class-based views: `bp.add_url_rule("/settings", view_func=Settings.as_view("settings"))`.
// A MethodView answers each HTTP method it defines, and `as_view` wraps the view in the class's
// `decorators` list, as Flask-RESTful does for a Resource: the class is read by restx.ts as a
// Resource class and each registration becomes a `ResourceReg`, expanded by pyLink.ts (one route per
// path and method, the methods' and the class's decorators as guards, the first argument of
// `as_view` the endpoint). Also through a function of the service that registers the view it is
// handed, walking a list of rules (`def register_view(bp, routes, view_func): for route in routes:
// bp.add_url_rule(route, view_func=view_func)`), called as `register_view(bp, routes=["/a", "/b"],
// view_func=Settings.as_view("settings"))`: the use records the class (plainUses.ts) and
// `factoryViewRegs` registers it once per rule of the list.
import type { Node } from 'web-tree-sitter';
import type { Ref } from '../types';
import { line, stringValue } from '../treeUtil';
import { ARG_RE, type FactoryUse, type PyFacts, type RouteFactory, type ViewArg } from './pyFacts';
import { positionalArgs } from './pyScope';

/** `Settings.as_view("settings", …)`: the class and its endpoint, or undefined for any other expression. */
export function viewArgOf(n: Node | null | undefined, refOf: (n: Node | undefined | null) => Ref | undefined): ViewArg | undefined {
  if (n?.type !== 'call') return undefined;
  const fn = n.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'as_view') return undefined;
  const obj = fn.childForFieldName('object');
  if (obj?.type !== 'identifier' && obj?.type !== 'attribute') return undefined;
  const cls = refOf(obj);
  if (!cls) return undefined;
  const endpoint = stringValue(positionalArgs(n)[0]);
  return { cls, ...(endpoint !== undefined ? { endpoint } : {}) };
}

/** `bp.add_url_rule(path, view_func=Cls.as_view(…))` at a fixed place: recorded as a Resource registration; false for another view. */
export function asViewReg(call: Node, view: Node, paths: (string | undefined)[], pathNode: Node, router: Ref, file: string, refOf: (n: Node | undefined | null) => Ref | undefined, py: PyFacts): boolean {
  const v = viewArgOf(view, refOf);
  if (!v) return false;
  const each = [...new Set(paths)];
  py.resourceRegs.push({ router, cls: v.cls, paths: each, pathTexts: each.map(() => pathNode.text), ...(v.endpoint !== undefined ? { endpoint: v.endpoint } : {}), file, line: line(call), order: call.startIndex });
  return true;
}

/**
 * A plain call of a factory whose view is its parameter (`register_view(bp, routes=[…], view_func=X.as_view(…))`):
 * the class-based view handed in, registered at each rule of the factory (each element of a walked list).
 * Returns false when the use hands in no class-based view at that parameter.
 */
export function factoryViewRegs(use: FactoryUse, f: RouteFactory, into: PyFacts): boolean {
  if (!('param' in f.view)) return false;
  const i = f.view.param;
  const v = use.viewArgs?.[i] ?? use.kwViews?.[f.params[i] ?? ''];
  if (!v) return false;
  const argOf = (k: number): string | string[] | undefined => use.args[k] ?? use.argLists?.[k] ?? use.kwargs[f.params[k] ?? ''];
  for (const reg of f.regs) {
    const walked = reg.each !== undefined ? argOf(reg.each) : undefined;
    const elements = reg.each === undefined ? [undefined] : Array.isArray(walked) ? walked : typeof walked === 'string' ? [walked] : undefined;
    const paths = (elements ?? [undefined]).map((el) => {
      let missing = elements === undefined;
      const path = reg.path.replace(ARG_RE, (_, k: string) => {
        const a = Number(k) === reg.each ? el : argOf(Number(k));
        if (typeof a !== 'string') missing = true;
        return typeof a === 'string' ? a : '';
      });
      return missing ? undefined : path;
    });
    const p = reg.routerParam;
    const router = p === undefined ? reg.router : use.argRefs?.[p] ?? use.kwargRefs?.[f.params[p] ?? ''] ?? reg.router;
    into.resourceRegs.push({ router, cls: v.cls, paths, pathTexts: paths.map(() => `${f.name}(…) at ${use.file}:${use.line}`), ...(v.endpoint !== undefined ? { endpoint: v.endpoint } : {}), file: use.file, line: use.line, order: use.order });
  }
  return true;
}
