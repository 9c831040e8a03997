// SvelteKit endpoints: `src/routes/**/+server.ts` exporting GET/POST… (and `fallback` for every
// other method). `(group)` folders are not in the URL; `[id]`, `[id=matcher]`, `[[optional]]`,
// `[...rest]` are parameters.
import type { Tree } from 'web-tree-sitter';
import type { RouteDecl } from '../types';
import { handlerGuards } from '../handlerGuards';
import { exportedHandler, fileRoute, HTTP_EXPORTS, namedExports, rangeOf } from './shared';

export const SERVER_FILE = /(?:^|\/)src\/routes\/(.*?)\/?\+server\.[cm]?[jt]s$/;

export function svelteKitPath(dir: string): string {
  const segs = dir
    .split('/')
    .filter((s) => s !== '' && !/^\(.*\)$/.test(s))
    .map((s) =>
      s
        .replace(/\[\[\.\.\.(\w+)(?:=\w+)?\]\]|\[\.\.\.(\w+)(?:=\w+)?\]/g, (_x, a: string, b: string) => `:${a ?? b}*`)
        .replace(/\[\[(\w+)(?:=\w+)?\]\]/g, ':$1?')
        .replace(/\[(\w+)(?:=\w+)?\]/g, ':$1'),
    );
  return '/' + segs.join('/');
}

export function svelteKitRoutes(file: string, tree: Tree): RouteDecl[] | undefined {
  const m = SERVER_FILE.exec(file);
  if (!m) return undefined;
  const path = svelteKitPath(m[1]);
  const out: RouteDecl[] = [];
  for (const ex of namedExports(tree)) {
    const method = HTTP_EXPORTS.includes(ex.name) ? ex.name : ex.name === 'fallback' ? 'ANY' : undefined;
    if (!method) continue;
    const h = exportedHandler(tree, ex);
    out.push(fileRoute(file, 'sveltekit', method, path, h?.name ?? ex.name, ex.node, h && rangeOf(h.node), h ? handlerGuards(h.fn ?? ex.node, file) : []));
  }
  return out;
}
