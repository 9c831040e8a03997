// aiohttp routes written as calls rather than decorators: `app.add_routes([web.get("/x", handler), …])`
// (the list form of a route table) and `app.router.add_get("/x", handler)` / `add_route("POST", "/x",
// handler)`; each route is the application's (or the table's, for `routes.add_routes`…), whose mounts
// and middlewares aiohttpLink.ts follows. `add_static(prefix, dir)` serves every path under its prefix.
import type { Node } from 'web-tree-sitter';
import type { Ref, RouteDecl } from '../types';
import { callArgs, line, stringValue } from '../treeUtil';
import { evalStr } from './pyEval';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'view', 'route']);
const ANY = /^(\*|hdrs\.METH_ANY|METH_ANY|aiohttp\.hdrs\.METH_ANY)$/;

/** The routes a file registers through aiohttp's calls; `topDefs`: the module's functions (handlers by name). */
export function aiohttpCallRoutes(root: Node, file: string, refOf: (n: Node | null | undefined) => Ref | undefined, env: ReadonlyMap<string, string>, topDefs: ReadonlyMap<string, Node>): RouteDecl[] {
  const out: RouteDecl[] = [];
  const route = (router: Ref, method: string, pathNode: Node | undefined, handler: Node | undefined, at: Node, wildcard = false): void => {
    if (!pathNode || !handler) return;
    const evaluated = evalStr(pathNode, env);
    const path = evaluated === undefined ? undefined : wildcard ? `${evaluated.replace(/\/$/, '')}/*` : evaluated;
    const name = !wildcard && handler.type === 'identifier' && topDefs.has(handler.text) ? handler.text : undefined;
    const ref = !wildcard && (handler.type === 'identifier' || handler.type === 'attribute') ? refOf(handler) : undefined;
    out.push({
      router,
      method,
      path: path ?? '',
      ...(path === undefined ? { dynamic: pathNode.text } : {}),
      handler: wildcard ? `add_static(${handler.text})` : handler.type === 'lambda' ? '<inline>' : handler.text,
      ...(name ? { handlerSymbol: name } : {}),
      ...(ref ? { handlerRef: ref } : {}),
      ...(handler.type === 'lambda' ? { inlineRange: { start: line(handler), end: handler.endPosition.row + 1 } } : {}),
      guards: [],
      file,
      line: line(at),
      order: at.startIndex,
      framework: 'aiohttp',
    });
  };
  /** `get`, `add_get`, `route`/`add_route` (method first): the method, and the path's and handler's positions. */
  const shape = (verb: string, args: Node[]): { method: string; path?: Node; handler?: Node } | undefined => {
    if (verb === 'route') {
      const m = stringValue(args[0]);
      const method = m !== undefined ? (m === '*' ? 'ANY' : m.toUpperCase()) : ANY.test(args[0]?.text ?? '') ? 'ANY' : undefined;
      return method ? { method, path: args[1], handler: args[2] } : undefined;
    }
    return VERBS.has(verb) ? { method: verb === 'view' ? 'ANY' : verb.toUpperCase(), path: args[0], handler: args[1] } : undefined;
  };
  for (const call of root.descendantsOfType('call')) {
    const fn = call?.childForFieldName('function');
    if (!call || fn?.type !== 'attribute') continue;
    const attr = fn.childForFieldName('attribute')?.text ?? '';
    const obj = fn.childForFieldName('object');
    const args = callArgs(call).filter((a) => a.type !== 'keyword_argument');
    if (attr === 'add_routes' && args[0] && (args[0].type === 'list' || args[0].type === 'tuple')) {
      // `app.add_routes([web.get("/", index), web.post("/login", login)])`.
      const router = refOf(obj);
      for (const el of args[0].namedChildren) {
        const f = el?.type === 'call' ? el.childForFieldName('function') : undefined;
        const verb = f?.type === 'attribute' && /^(web|aiohttp\.web)$/.test(f.childForFieldName('object')?.text ?? '') ? f.childForFieldName('attribute')?.text ?? '' : '';
        const s = el && router ? shape(verb, callArgs(el).filter((a) => a.type !== 'keyword_argument')) : undefined;
        if (s && el) route(router!, s.method, s.path, s.handler, el);
      }
      continue;
    }
    // `app.router.add_get("/x", handler)`: the application is what `.router` is read from.
    if (obj?.type !== 'attribute' || obj.childForFieldName('attribute')?.text !== 'router' || !attr.startsWith('add_')) continue;
    const router = refOf(obj.childForFieldName('object'));
    if (!router) continue;
    if (attr === 'add_static') route(router, 'GET', args[0], args[1], call, true);
    else {
      const s = shape(attr.slice('add_'.length), args);
      if (s) route(router, s.method, s.path, s.handler, call);
    }
  }
  return out;
}
