// NestJS URI versioning and the global prefix's exclusions. @nestjs/core builds a route's path as
// /<global prefix>/<version prefix><version>/<controller path>/<method path> (RoutePathFactory):
// the version is the method's @Version, else the controller's (@Version on the class,
// @Controller({ version })), else enableVersioning's defaultVersion; VERSION_NEUTRAL adds no
// segment and an array registers the route once per version. A route that the prefix's `exclude`
// matches (tested on its path without the version) keeps its version but not the prefix. Only
// `type: VersioningType.URI` changes paths; header, media-type and custom versioning do not.
import type { Node } from 'web-tree-sitter';
import { kids, stringValue } from './treeUtil';
import { joinPaths } from './routePath';

/** A route's or the default's versions: `''` is VERSION_NEUTRAL; `dynamic` when not a literal. */
export type NestVersion = { values: string[] } | { dynamic: string };

export interface NestVersioning {
  prefix: string;
  defaultVersion?: NestVersion;
  file: string;
  line: number;
}

/** One `exclude` entry of setGlobalPrefix: a path pattern, for one method or all. */
export interface NestExclude {
  path: string;
  method?: string;
}

function pairValue(obj: Node, key: string): Node | null | undefined {
  return kids(obj).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text === key)?.childForFieldName('value');
}

/** `'2'`, `['1', '2']`, `VERSION_NEUTRAL`, `[VERSION_NEUTRAL, '1']`; anything else is kept as written. */
export function versionValue(node: Node | null | undefined): NestVersion | undefined {
  if (!node) return undefined;
  const one = (n: Node): string | undefined => (/^(?:[\w$]+\.)*VERSION_NEUTRAL$/.test(n.text) ? '' : stringValue(n));
  if (node.type === 'array') {
    const values = kids(node).map(one);
    return values.every((v) => v !== undefined) ? { values: values as string[] } : { dynamic: node.text };
  }
  const v = one(node);
  return v !== undefined ? { values: [v] } : { dynamic: node.text };
}

/** `app.enableVersioning({ type: VersioningType.URI, defaultVersion, prefix })`; undefined for other types. */
export function readVersioning(options: Node | undefined, file: string, line: number): NestVersioning | undefined {
  // enableVersioning() with no options is URI versioning (Nest's default type).
  if (options && options.type !== 'object') return undefined;
  const type = options ? pairValue(options, 'type')?.text : undefined;
  if (type !== undefined && !/(?:^|\.)URI$/.test(type)) return undefined;
  const prefixNode = options ? pairValue(options, 'prefix') : undefined;
  const prefix = prefixNode?.text === 'false' ? '' : (stringValue(prefixNode) ?? 'v');
  const out: NestVersioning = { prefix, file, line };
  const dv = options ? versionValue(pairValue(options, 'defaultVersion')) : undefined;
  if (dv) out.defaultVersion = dv;
  return out;
}

/** setGlobalPrefix's `{ exclude: [...] }`: literal paths and `{ path, method: RequestMethod.X }`; others cannot be read. */
export function readExcludes(options: Node | undefined): NestExclude[] {
  const list = options?.type === 'object' ? pairValue(options, 'exclude') : undefined;
  if (list?.type !== 'array') return [];
  const out: NestExclude[] = [];
  for (const item of kids(list)) {
    if (item.type === 'object') {
      const p = stringValue(pairValue(item, 'path'));
      const m = pairValue(item, 'method')?.text.split('.').pop();
      if (p !== undefined) out.push(m && m !== 'ALL' ? { path: p, method: m } : { path: p });
    } else {
      const p = stringValue(item);
      if (p !== undefined) out.push({ path: p });
    }
  }
  return out;
}

/**
 * A Nest route pattern (forRoutes, exclude) against a route path: `:name` is one segment,
 * `*name` / `(.*)` / `*` any rest, `{…}` an optional part (path-to-regexp 8, Nest 11), case-insensitive.
 */
export function nestPatternMatches(pattern: string, path: string): boolean {
  const p = joinPaths(pattern);
  if (p === '/*' || p === '/(.*)') return true;
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const rest = p.slice(i);
    let m: RegExpExecArray | null;
    if (rest.startsWith('(.*)')) {
      re += '.*';
      i += 3;
    } else if ((m = /^\*[\w$]*/.exec(rest))) {
      re += '.*';
      i += m[0].length - 1;
    } else if ((m = /^:[\w$]+/.exec(rest))) {
      re += '[^/]+';
      i += m[0].length - 1;
    } else if (c === '{') re += '(?:';
    else if (c === '}') re += ')?';
    else re += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}/?$`, 'i').test(path);
}

/** The `/<prefix><version>` segments a route gets: one per version, `''` for none. */
function segments(version: NestVersion | undefined, prefix: string): { seg: string; dynamic?: string }[] {
  if (!version) return [{ seg: '' }];
  if ('dynamic' in version) return [{ seg: `${prefix}{${version.dynamic}}`, dynamic: version.dynamic }];
  return version.values.map((v) => ({ seg: v === '' ? '' : `${prefix}${v}` }));
}

/**
 * The full paths of one Nest route: `local` is its controller and method path, `version` its own
 * (method or controller) version. Each result carries the version expression when it was not a literal.
 */
export function nestRoutePaths(local: string, method: string, opts: { globalPrefix?: string; exclude?: NestExclude[]; versioning?: NestVersioning; version?: NestVersion }): { path: string; dynamic?: string }[] {
  const v = opts.versioning ? (opts.version ?? opts.versioning.defaultVersion) : undefined;
  const excluded = (opts.exclude ?? []).some((x) => (!x.method || x.method === method) && nestPatternMatches(x.path, local));
  return segments(v, opts.versioning?.prefix ?? 'v').map(({ seg, dynamic }) => {
    const path = joinPaths(opts.globalPrefix && !excluded ? opts.globalPrefix : '', seg, local);
    return dynamic ? { path, dynamic } : { path };
  });
}
