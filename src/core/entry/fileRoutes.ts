// File-system routing: the path comes from where the file is. One convention per file under
// fileRouting/ (Next.js app router and pages/api, Medusa src/api, SvelteKit +server, Nitro/Nuxt
// server/api and server/routes with its server/middleware, Astro endpoints); the first that claims a file decides. A folder
// that merely looks like a router (a `server/routes/` of Koa routers) yields nothing: each
// convention needs the exports its framework reads, and the ambiguous ones a sign of the framework.
import type { Tree } from 'web-tree-sitter';
import type { EntryPoint, RouteDecl } from './types';
import type { FileRouteContext } from './fileRouting/shared';
import { APP_ROUTE, nextAppRoutes, nextPagesApi, PAGES_API } from './fileRouting/next';
import { SERVER_FILE, svelteKitRoutes } from './fileRouting/sveltekit';
import { NITRO_FILE, nitroRoutes } from './fileRouting/nitro';
import { astroRoutes, PAGE_FILE } from './fileRouting/astro';
import { emptyMedusaRouteFacts, isMedusaProject, medusaRoutes, ROUTE_FILE, type MedusaRouteFacts } from './fileRouting/medusa';
import { applyMedusa, MEDUSA_MIDDLEWARES_FILE, parseMedusaMiddlewares, type MedusaMiddlewareFile } from './fileRouting/medusaMiddlewares';
import { applyNitroMiddleware, NITRO_MIDDLEWARE_FILE, parseNitroMiddleware, type NitroMiddleware } from './fileRouting/nitroMiddleware';
import { TEST_FILE } from './entryFiles';

/** The project's dependencies and the facts conventions collect while files are read. */
export interface FileRoutes extends FileRouteContext {
  medusa: MedusaRouteFacts;
  medusaMiddlewares: Map<string, MedusaMiddlewareFile>;
  /** Nitro's server middleware files, by path: what each refuses, applied to its server's routes. */
  nitroMiddleware: Map<string, NitroMiddleware>;
}

export function fileRoutesContext(packageJson: string | undefined): FileRoutes {
  const deps = new Set<string>();
  try {
    const pkg = JSON.parse(packageJson ?? '{}') as Record<string, unknown>;
    for (const k of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const d = pkg[k];
      if (d && typeof d === 'object') for (const n of Object.keys(d)) deps.add(n);
    }
    if (typeof pkg.name === 'string') deps.add(pkg.name);
  } catch {
    // No readable package.json: conventions fall back to what each file imports.
  }
  return { deps, medusa: emptyMedusaRouteFacts(), medusaMiddlewares: new Map(), nitroMiddleware: new Map() };
}

/**
 * Whether some convention could claim the file, by its path alone. A file no convention can claim
 * has entry facts that do not depend on the project's dependencies, so the map's worker pass can
 * extract them; the others are read by the entry-point pass itself, with the project's context.
 */
export function mayBeFileRoute(file: string): boolean {
  return [ROUTE_FILE, MEDUSA_MIDDLEWARES_FILE, PAGE_FILE, APP_ROUTE, PAGES_API, NITRO_FILE, NITRO_MIDDLEWARE_FILE, SERVER_FILE].some((re) => re.test(file));
}

/** Where a file-system router's routes start: what lies below is a URL, folder by folder. */
const ROUTES_ROOT = /(?:^|\/)(?:src\/routes|src\/pages|src\/app|src\/api|app|pages|server\/api|server\/routes)\//;

/**
 * Whether the pass leaves the file out as a test. Below a file-system router's routes folder a
 * folder is a URL segment, not a test folder (`src/routes/docs/spec/v4/+server.ts` serves
 * `/docs/spec/v4`): there only the folders above the routes and the file's own name
 * (`+server.spec.ts`) say "test".
 */
export function isTestFile(file: string): boolean {
  if (!TEST_FILE.test(file)) return false;
  const root = mayBeFileRoute(file) ? ROUTES_ROOT.exec(file) : null;
  if (!root) return true;
  return TEST_FILE.test(file.slice(0, root.index + root[0].length) + file.slice(file.lastIndexOf('/') + 1));
}

/**
 * mayBeFileRoute, knowing the file's text too. Every convention reads a route file's `export`
 * statements (its named handlers, its default export) and nothing else of it, so a file without
 * an `export` statement — CommonJS in a folder that merely looks like a router (`server/api/`,
 * `pages/api/`) — is no route file whatever the project depends on. Medusa's `middlewares.ts` is
 * also read for its matchers: always the pass's.
 */
export function mayBeFileRouteWith(file: string, text: string): boolean {
  return MEDUSA_MIDDLEWARES_FILE.test(file) || (mayBeFileRoute(file) && EXPORT_STATEMENT.test(text));
}

/**
 * The keyword where a statement starts (a line's start, after `;`, a brace, a decorator's `)` or
 * a comment's end) and followed by what an export statement goes on with. Not the word alone: a
 * CommonJS service writes it in names and text (`require('./csv-export-filename')`,
 * `postsService.export(…)`, "every streamed export"), and each such file was parsed a second
 * time on the main thread after the workers, for nothing. A comment that reads like a statement
 * only costs that second parse.
 */
const EXPORT_STATEMENT = /(?:^|[;{}()/])[ \t\uFEFF]*export\s*(?:[{*=@]|(?:default|const|let|var|function|async|class|abstract|type|interface|enum|declare|namespace|module|global|import|as)\b)/m;

/** The routes a file declares by where it is, or [] when it is no route file. */
export function fileRouteFor(file: string, tree: Tree, text: string, ctx: FileRoutes = fileRoutesContext(undefined)): RouteDecl[] {
  if (MEDUSA_MIDDLEWARES_FILE.test(file) && isMedusaProject(ctx, text)) ctx.medusaMiddlewares.set(file, parseMedusaMiddlewares(tree, file));
  const routes = medusaRoutes(file, tree, text, ctx) ?? astroRoutes(file, tree, text, ctx) ?? nextAppRoutes(file, tree) ?? svelteKitRoutes(file, tree) ?? nextPagesApi(file, tree) ?? nitroRoutes(file, tree, ctx);
  if (!routes && NITRO_MIDDLEWARE_FILE.test(file)) {
    // Read for what it refuses; no route of its own. Its other entry facts are the pass's as for any file.
    const m = parseNitroMiddleware(tree, file);
    if (m?.refusals.length) ctx.nitroMiddleware.set(file, m);
  }
  return routes ?? [];
}

/** Cross-file facts of the conventions (Medusa's middlewares and framework defaults). */
export function applyFileRouteFacts(entries: EntryPoint[], ctx: FileRoutes): void {
  applyMedusa(entries, ctx.medusa, ctx.medusaMiddlewares);
  applyNitroMiddleware(entries, ctx.nitroMiddleware.values());
}
