// github.com/fasthttp/router, the router of fasthttp services (Authelia): `r := router.New()`,
// `r.GET(path, h)` … `r.ANY(path, h)`, `r.Handle(method, path, h)`, `g := r.Group(prefix)`,
// `r.ServeFiles("/static/{filepath:*}", root)`.
// Paths use `{name}`, `{name?}`, `{name:regex}` and `{name:*}`. The package is named `router`,
// a name many services give their own packages, so a `router.New()` is this framework's only when
// the file imports it under that name; extract.ts and routerValues.ts read its verbs and groups
// like every other framework's (the upper-case `ANY` is this router's catch-all verb).
import type { GoNode as Node } from './goNode';
import type { GoFileFacts } from './types';

export const FASTHTTP_ROUTER = 'fasthttp-router';

/** Its file servers: each registers one GET of the path as written (which ends in `/{filepath:*}`). */
export const FASTHTTP_FILES = new Set(['ServeFiles', 'ServeFilesCustom', 'ServeFS']);

export function isFasthttpRouterImport(p: string): boolean {
  return /^github\.com\/fasthttp\/router(\/v\d+)?$/.test(p);
}

/** `router.New()` (or an alias) where the name is this file's import of github.com/fasthttp/router. */
export function isFasthttpRouterCreator(fnNode: Node, facts: GoFileFacts): boolean {
  const m = /^(\w+)\.New$/.exec(fnNode.text);
  const imp = m ? facts.imports[m[1]] : undefined;
  return !!imp && isFasthttpRouterImport(imp.path);
}
