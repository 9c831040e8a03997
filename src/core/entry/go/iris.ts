// Iris (github.com/kataras/iris, v12): `app := iris.New()` (or `iris.Default()`), parties
// `p := app.Party("/users", mw…)`, verbs `p.Get/Post/Put/Delete/Patch/Any(path, handlers…)` (the
// last handler the route's own, the ones before it middleware), `p.Use(mw)` for the routes the
// party registers after it (Iris copies a party's middleware into each route as it is registered,
// and into a child party as it is made: the order counts, as gin's), `p.HandleDir(prefix, fs)`
// for a file server. A handed-in party is typed `iris.Party` (`router.Party` in its core package).
// extract.ts and routerValues.ts read its verbs and parties like every other framework's; this
// file says what is Iris's own: the creator, the file server, the path syntax and its middleware.
import type { GoNode as Node } from './goNode';
import type { KnownGuard } from './frameworks';
import type { GoFileFacts, StrPart } from './types';

export const IRIS = 'iris';

/** Iris's file server: `HandleDir(requestPath, fs, opts…)` serves GET (and HEAD) under the path. */
export const IRIS_FILES = new Set(['HandleDir']);

export function isIrisImport(p: string): boolean {
  return /^github\.com\/kataras\/iris(\/v\d+)?$/.test(p);
}

/** `iris.New()` or `iris.Default()` where the name is this file's import of Iris. */
export function isIrisCreator(fnNode: Node, facts: GoFileFacts): boolean {
  const m = /^(\w+)\.(New|Default)$/.exec(fnNode.text);
  const imp = m ? facts.imports[m[1]] : undefined;
  return !!imp && isIrisImport(imp.path);
}

/**
 * Iris's rest wildcard `{name:path}` (`/proxy/{p:path}`) at the end of a path matches the whole
 * subtree: written `*` as every other framework's. Other macros (`{id:uint64}`) are parameters.
 */
export function irisPath(parts: StrPart[]): StrPart[] {
  const tail = parts[parts.length - 1];
  if (!tail || !('lit' in tail) || !/\{\w+:path\}$/.test(tail.lit)) return parts;
  return [...parts.slice(0, -1), { lit: tail.lit.replace(/\{\w+:path\}$/, '*') }];
}

/**
 * Iris's own middleware, by `import#Name`: its JWT verifier and basic auth refuse (401); its
 * sessions, compression, logging, recovery, CORS and request ids refuse nobody. Undefined otherwise.
 */
export function knownIris(id: string): KnownGuard | 'none' | undefined {
  if (!/^github\.com\/kataras\/iris(\/v\d+)?[/#]/.test(id)) return undefined;
  if (/\/middleware\/jwt#(\w+\.)?Verify(Map|Token)?$/.test(id)) return { kind: 'authentication', reason: 'the Iris JWT verifier middleware refuses requests without a valid token (401)' };
  if (/\/middleware\/basicauth#/.test(id)) return { kind: 'authentication', reason: 'Iris basicauth refuses requests without valid credentials (401)' };
  if (/\/sessions#|#Compression$|\/middleware\/(logger|recover|requestid|accesslog|cors|pprof|monitor)#/.test(id)) return 'none';
  return undefined;
}
