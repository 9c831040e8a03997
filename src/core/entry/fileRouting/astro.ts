// Astro endpoints: `src/pages/**/*.{ts,js}` exporting GET/POST… or ALL (older Astro: get, post,
// del, all). Only in a project that uses Astro (a dependency, or the file imports from 'astro'):
// `src/pages/` is also Next's pages folder. `index` is the folder itself; `[id]`, `[...slug]`
// are parameters; the file name keeps its other extensions (`feed.xml.ts` → `/feed.xml`).
import type { Tree } from 'web-tree-sitter';
import type { RouteDecl } from '../types';
import { handlerGuards } from '../handlerGuards';
import { depsMatch, exportedHandler, fileRoute, HTTP_EXPORTS, importsFrom, namedExports, rangeOf, type FileRouteContext } from './shared';
import { table } from '../../ownKeys';

export const PAGE_FILE = /(?:^|\/)src\/pages\/(.*?)\.[cm]?[jt]s$/;
const LEGACY: Record<string, string> = table({ get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', del: 'DELETE', all: 'ANY', ALL: 'ANY' });

export function astroRoutes(file: string, tree: Tree, text: string, ctx: FileRouteContext): RouteDecl[] | undefined {
  const m = PAGE_FILE.exec(file);
  if (!m || !(depsMatch(ctx, /^astro$/) || importsFrom(text, /^astro(\/|$)/))) return undefined;
  const segments = m[1].split('/');
  if (segments.some((s) => s.startsWith('_'))) return [];
  const path = '/' + segments.join('/').replace(/(^|\/)index$/, '');
  const out: RouteDecl[] = [];
  for (const ex of namedExports(tree)) {
    const method = HTTP_EXPORTS.includes(ex.name) ? ex.name : LEGACY[ex.name];
    if (!method) continue;
    const h = exportedHandler(tree, ex);
    out.push(fileRoute(file, 'astro', method, path, h?.name ?? ex.name, ex.node, h && rangeOf(h.node), h ? handlerGuards(h.fn ?? ex.node, file) : []));
  }
  return out;
}
