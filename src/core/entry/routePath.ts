// One spelling for route paths across frameworks, so ids are stable and comparable:
// leading slash, no trailing slash, no doubled slashes, parameters as `:name`.
import type { FileDecls } from './types';

/** A lookahead that rules values out (`(?!api$)`). */
const EXCLUDING = /\(\?<?!/;

/** A path variable written with such a pattern, kept in the path by normalizeRoutePath. */
export const KEPT_PATTERN = /\{[A-Za-z_]\w*:[^}]*\(\?<?![^}]*\}/;

/** Joins mount prefixes and a route path. */
export function joinPaths(...parts: string[]): string {
  return normalizeRoutePath(parts.filter((p) => p !== '').join('/'));
}

export function normalizeRoutePath(raw: string): string {
  let p = raw.trim();
  // Go 1.22 ServeMux patterns carry the method and host: "GET example.com/x" is handled by callers.
  // {id}, {id:[0-9]+}, {path...}; a pattern that excludes values by lookahead
  // (`{path:^(?!api$)[^\.]*}`) is kept: written `:path` it would claim the paths it leaves to others.
  // Not `${name}`: a template literal's substitution inside a path kept as its expression.
  // A pattern may hold a quantifier's braces (`{lang:[a-z]{2}}`, gorilla).
  p = p.replace(/(?<!\$)\{([A-Za-z_][\w]*)(?::((?:[^{}]|\{[^{}]*\})*))?(?:\.\.\.)?\}/g, (all, name: string, re?: string) => (re && EXCLUDING.test(re) ? all : `:${name}`));
  p = p.replace(/<(?:[A-Za-z_]+:)?([A-Za-z_]\w*)>/g, ':$1'); // Flask/Django <int:id>
  p = p.replace(/:([A-Za-z_]\w*)\((?:[^()]|\([^()]*\))*\)/g, ':$1'); // Express :scope(node|flow)
  p = p.replace(/\[\[?\.\.\.([A-Za-z_]\w*)\]?\]/g, ':$1*'); // Next.js [...slug], [[...slug]]
  p = p.replace(/\[([A-Za-z_]\w*)\]/g, ':$1'); // Next.js/Nitro [id]
  p = p.replace(/\/+/g, '/');
  if (!p.startsWith('/')) p = '/' + p;
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** Stands for an unnamed regex group in a path read from a regex, until the view's parameter names it. */
export const UNNAMED_GROUP = ':\u0003';

/**
 * Django/`url()` regexes to a path: `^articles/(?P<slug>[-\w]+)/?$` → `articles/:slug`; an
 * unnamed group becomes UNNAMED_GROUP; an optional literal character (`get_data?`) is written.
 * Returns undefined for patterns that are not simple enough to read as one path.
 */
export function regexToPath(re: string): string | undefined {
  let p = re.replace(/^\^/, '').replace(/\$$/, '');
  p = p.replace(/\(\?P<([A-Za-z_]\w*)>(?:[^()]|\([^()]*\))*\)/g, ':$1');
  p = p.replace(/\((?!\?)(?:[^()]|\([^()]*\))*\)/g, UNNAMED_GROUP);
  p = p.replace(/\/\?$/, '').replace(/\/\?\//g, '/');
  p = p.replace(/\\([./~-])/g, '$1');
  p = p.replace(/([\w.~-])\?/g, '$1');
  // A catch-all tail (`.*`, `^.*$`, `assets/.+`): every path under what precedes it.
  p = p.replace(/(^|\/)\.[*+]$/, '$1*');
  // An optional last segment (`logo(?:/(?P<filename>.+))?`): an optional parameter, `logo/:filename?`.
  p = p.replace(/\(\?:\/(:[A-Za-z_]\w*)\)\?$/, '/$1?');
  if (/[()[\]*+?|\\]/.test(p.replace(/(^|\/)\*$/, '').replace(/\/:[A-Za-z_]\w*\?$/, ''))) return undefined;
  return p;
}

/** Routes whose path names a constant (RouteDecl.pathConst): the string it holds, when known. */
export function resolvePathConstants(decls: FileDecls[], constantIn: (file: string, expr: string) => string | undefined): void {
  for (const d of decls) {
    if (!d.routes.some((r) => r.pathConst)) continue;
    // New records: a file's routes may be the cached facts of its last read (mapEntryFacts.ts).
    d.routes = d.routes.map((r) => {
      const v = r.pathConst ? constantIn(d.file, r.pathConst.expr) : undefined;
      if (v === undefined) return r;
      const { dynamic: _, ...rest } = r;
      return { ...rest, path: joinPaths(r.pathConst!.before, v + (r.pathConst!.tail ?? ''), r.pathConst!.after) };
    });
  }
}
