// Medusa v2 file-based routes: every `route.ts` under `src/api/` is a route, its path the folder
// relative to src/api (`[id]` → `:id`, `[...]` → `*`; files and folders starting with `_` are
// skipped), each exported GET/POST/… a handler. Recognised by a dependency on `@medusajs/*` or an
// import from it in the file. What the framework's RoutesLoader adds (authentication per route
// prefix, the `AUTHENTICATE = false` opt-out) and the matcher configs of `middlewares.ts` are
// applied afterwards by medusaMiddlewares.ts, from the facts recorded here.
import type { Tree } from 'web-tree-sitter';
import type { RouteDecl } from '../types';
import { handlerGuards } from '../handlerGuards';
import { depsMatch, fileRoute, HTTP_EXPORTS, importsFrom, namedExports, rangeOf, type FileRouteContext } from './shared';

export const ROUTE_FILE = /^(.*?\/)?src\/api\/(.*?)\/?route\.[cm]?[jt]s$/;
export const MEDUSA_PKG = /^@medusajs\//;

/** What the route files say that the framework reads: per route file, per handler. */
export interface MedusaRouteFacts {
  /** Route files that `export const AUTHENTICATE = false` (the framework's default auth is off). */
  authenticateOff: Set<string>;
  /** `file:line` of handlers that read the caller's identity (`req.auth_context`). */
  readsIdentity: Set<string>;
}

export function emptyMedusaRouteFacts(): MedusaRouteFacts {
  return { authenticateOff: new Set(), readsIdentity: new Set() };
}

export function isMedusaProject(ctx: FileRouteContext, text: string): boolean {
  return depsMatch(ctx, MEDUSA_PKG) || importsFrom(text, MEDUSA_PKG);
}

export function medusaPath(dir: string): string | undefined {
  const segs = dir.split('/').filter((s) => s !== '');
  if (segs.some((s) => s.startsWith('_'))) return undefined;
  return '/' + segs.map((s) => (s === '[...]' ? '*' : s.replace(/^\[(\w+)\]$/, ':$1'))).join('/');
}

export function medusaRoutes(file: string, tree: Tree, text: string, ctx: FileRouteContext & { medusa: MedusaRouteFacts }): RouteDecl[] | undefined {
  const m = ROUTE_FILE.exec(file);
  if (!m || !isMedusaProject(ctx, text)) return undefined;
  const path = medusaPath(m[2]);
  if (path === undefined) return [];
  const named = namedExports(tree);
  const out: RouteDecl[] = [];
  for (const ex of named) {
    if (ex.name === 'AUTHENTICATE' && ex.value?.text === 'false') ctx.medusa.authenticateOff.add(file);
    if (!HTTP_EXPORTS.includes(ex.name)) continue;
    const range = ex.local === undefined ? rangeOf(ex.node) : undefined;
    const r = fileRoute(file, 'medusa', ex.name, path, ex.name, ex.node, range, range ? handlerGuards(ex.node, file) : []);
    if (/\bauth_context\b/.test(ex.node.text)) ctx.medusa.readsIdentity.add(`${file}:${r.line}`);
    out.push(r);
  }
  return out;
}
