// Nitro / Nuxt server routes: `server/api/**` (under /api) and `server/routes/**`, one handler per
// file as its default export, the method in the name (`[id].get.ts`). A file there counts only
// when its default export is an h3 event handler (`defineEventHandler(…)`, `eventHandler(…)`…), or
// a function in a project that depends on nuxt/nitro/h3: a `server/routes/` folder of another
// framework (Koa routers exported by default) is not a file-based router.
import type { Node, Tree } from 'web-tree-sitter';
import type { RouteDecl } from '../types';
import { handlerGuards } from '../handlerGuards';
import { defaultExport, depsMatch, fileRoute, rangeOf, type FileRouteContext } from './shared';

export const NITRO_FILE = /(?:^|\/)server\/(api|routes)\/(.*?)(?:\.(get|post|put|delete|patch|head|options))?\.[cm]?[jt]s$/;
export const H3_HANDLER = /^(define\w*EventHandler|eventHandler|cachedEventHandler|lazyEventHandler|defineWebSocketHandler|fromNodeMiddleware|defineNodeListener|defineNodeMiddleware)$/;
const FUNCTION = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function']);

export function nitroRoutes(file: string, tree: Tree, ctx: FileRouteContext): RouteDecl[] | undefined {
  const m = NITRO_FILE.exec(file);
  if (!m) return undefined;
  const def = defaultExport(tree);
  if (!def || !isEventHandler(def, ctx)) return [];
  const rest = m[2].replace(/(^|\/)index$/, '');
  const path = (m[1] === 'api' ? '/api/' : '/') + rest;
  return [fileRoute(file, 'nitro', m[3] ? m[3].toUpperCase() : 'ANY', path, 'default', def, rangeOf(def), handlerGuards(def, file))];
}

function isEventHandler(def: Node, ctx: FileRouteContext): boolean {
  let v: Node | null | undefined = def.childForFieldName('value') ?? def.childForFieldName('declaration');
  while (v && (v.type === 'parenthesized_expression' || v.type === 'as_expression' || v.type === 'satisfies_expression')) v = v.namedChildren[0];
  if (!v) return false;
  if (v.type === 'call_expression') {
    const callee = (v.childForFieldName('function')?.text ?? '').split('.').pop() ?? '';
    if (H3_HANDLER.test(callee)) return true;
  }
  return FUNCTION.has(v.type) && depsMatch(ctx, /^(nuxt|nitropack|nitro|h3)$/);
}
