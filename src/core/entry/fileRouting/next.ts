// Next.js: the app router (`app/**/route.ts` exporting GET/POST…) and pages/api (a default export
// per file). Route groups `(name)`, parallel slots `@name` are not in the URL; `_private` folders
// are not routable.
import type { Tree } from 'web-tree-sitter';
import type { RouteDecl } from '../types';
import { handlerGuards } from '../handlerGuards';
import { defaultExport, fileRoute, HTTP_EXPORTS, namedExports, rangeOf } from './shared';

export const APP_ROUTE = /(?:^|\/)(?:src\/)?app\/(.*?)\/?route\.[cm]?[jt]sx?$/;
export const PAGES_API = /(?:^|\/)(?:src\/)?pages\/(api\/.*?)(?:\/index)?\.[cm]?[jt]sx?$/;

export function nextAppRoutes(file: string, tree: Tree): RouteDecl[] | undefined {
  const m = APP_ROUTE.exec(file);
  if (!m) return undefined;
  const segments = m[1].split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('_'))) return [];
  const path = '/' + segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@')).join('/');
  const out: RouteDecl[] = [];
  for (const ex of namedExports(tree)) {
    if (!HTTP_EXPORTS.includes(ex.name)) continue;
    out.push(ex.local === undefined ? fileRoute(file, 'next', ex.name, path, ex.name, ex.node, rangeOf(ex.node), handlerGuards(ex.node, file)) : fileRoute(file, 'next', ex.name, path, ex.name, ex.node, undefined));
  }
  return out;
}

export function nextPagesApi(file: string, tree: Tree): RouteDecl[] | undefined {
  const m = PAGES_API.exec(file);
  if (!m) return undefined;
  const def = defaultExport(tree);
  if (!def) return [];
  return [fileRoute(file, 'next', 'ANY', '/' + m[1], 'default', def, rangeOf(def), handlerGuards(def, file))];
}
