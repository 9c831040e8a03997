// What a Nest application serves beside its controllers, set up on the application object in its
// bootstrap code: `app.useStaticAssets(dir, { prefix })` (NestExpressApplication: Express's
// `use(prefix, express.static(dir))`; NestFastifyApplication: `useStaticAssets({ root, prefix })`,
// @fastify/static's GET routes) and `SwaggerModule.setup(path, app, document, options)`
// (@nestjs/swagger: the Swagger UI under `path`, the document at `path-json`, and from version 6 at
// `path-yaml` too; `jsonDocumentUrl`/`yamlDocumentUrl` move them, `ui: false` and `raw: false`
// leave them out; before 6, on Fastify, fastify-swagger served both documents under the UI's
// prefix, `path/json`, so there they are no routes of their own). Each is a route of its own, as Express's `use(express.static(dir))` and the
// bundled applications of frameworks/bundledApps.ts are: registered on the underlying server, so
// Nest's guards, interceptors and versioning, which apply to controllers, do not reach them, nor
// does the global prefix — except for a Swagger set up with `useGlobalPrefix: true`.
//
// Two facts are settled only once every file is read (applyNestFacts): the global prefix such a
// Swagger goes under, and whether the project's @nestjs/swagger is 6 or later. They ride on the
// route's framework (`nest-static:prefixed`, `nest-static:swagger6`), which is then made `nest-static`.
import type { Node } from 'web-tree-sitter';
import type { RouteDecl } from './types';
import { all, callArgs, kids, line, rangeOf, stringValue } from './treeUtil';
import { joinPaths } from './routePath';
import { CONSTANT_NAME } from './nestMountedApps';
import { getOwn, table } from '../ownKeys';
import { devOnly } from './runtimeMode';

/** Marks on a route's framework, read by applyNestFacts. */
export const UNDER_GLOBAL_PREFIX = ':prefixed';
/** Served only by @nestjs/swagger 6 and later. */
export const SWAGGER_6 = ':swagger6';

export function detectNestAppMounts(root: Node, file: string, text: string): RouteDecl[] {
  if (!/useStaticAssets|SwaggerModule|getInstance/.test(text) || !/@nestjs\//.test(text)) return [];
  const out: RouteDecl[] = text.includes('getInstance') ? instanceRoutes(root, file) : [];
  for (const call of all(root, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_expression') continue;
    const prop = fn.childForFieldName('property')?.text;
    // Set up only when the process runs in development (a Swagger for the developers): no route of a deployment.
    if ((prop === 'useStaticAssets' || prop === 'setup') && devOnly(call)) continue;
    const args = callArgs(call);
    if (prop === 'useStaticAssets') out.push(...staticAssets(call, args, file, root));
    else if (prop === 'setup' && /(^|\.)SwaggerModule$/.test(fn.childForFieldName('object')?.text ?? '')) out.push(...swagger(call, args, file, /\bFastifyAdapter\b/.test(text), root));
  }
  return out;
}

const VERBS: Record<string, string> = table({ get: 'GET', post: 'POST', put: 'PUT', delete: 'DELETE', patch: 'PATCH', head: 'HEAD', options: 'OPTIONS', all: 'ANY' });

/** `x.getInstance()`, awaited or in parentheses. */
function isInstance(n: Node | null | undefined): boolean {
  while (n && (n.type === 'await_expression' || n.type === 'parenthesized_expression')) n = n.namedChildren[0];
  const fn = n?.type === 'call_expression' ? n.childForFieldName('function') : undefined;
  return fn?.type === 'member_expression' && fn.childForFieldName('property')?.text === 'getInstance';
}

/**
 * Routes added to the server under the Nest adapter (`httpAdapterHost.httpAdapter.getInstance()`,
 * `app.getHttpAdapter().getInstance()`: the Fastify or Express instance) with its own `get(path, fn)`,
 * `all(…)` or Fastify's `route({ method, url, handler })` — a web client's catch-all, a page Nest
 * does not serve. Outside the global prefix and Nest's guards, as the mounts above.
 */
function instanceRoutes(root: Node, file: string): RouteDecl[] {
  const names = new Set<string>();
  for (const d of all(root, 'variable_declarator')) if (d.childForFieldName('name')?.type === 'identifier' && isInstance(d.childForFieldName('value'))) names.add(d.childForFieldName('name')!.text);
  const out: RouteDecl[] = [];
  for (const call of all(root, 'call_expression')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'member_expression') continue;
    const obj = fn.childForFieldName('object');
    if (!(obj?.type === 'identifier' && names.has(obj.text)) && !isInstance(obj)) continue;
    const verb = fn.childForFieldName('property')?.text ?? '';
    const args = callArgs(call);
    if (VERBS[verb] && args.length >= 2) out.push(route(call, file, VERBS[verb], `${verb}() on the adapter's instance`, instancePath(root, args[0])));
    else if (verb === 'route' && args[0]?.type === 'object') {
      const m = option(args[0], 'method');
      const methods = (m?.type === 'array' ? m.namedChildren : [m]).map((x) => stringValue(x)?.toUpperCase()).filter((x): x is string => !!x);
      const url = option(args[0], 'url') ?? option(args[0], 'path');
      for (const method of methods) out.push(route(call, file, method, `route() on the adapter's instance`, instancePath(root, url)));
    }
  }
  return out;
}

/** A path written as a string or held by a constant of the file (`const RENDER_PATH = '*'`). */
function instancePath(root: Node, node: Node | null | undefined): Pick<RouteDecl, 'path' | 'dynamic' | 'pathConst'> {
  const s = fileString(root, node);
  if (s !== undefined) return { path: joinPaths(s) };
  return node ? pathParts(node, '', '') : { path: '/', dynamic: '?' };
}

/**
 * The string a name holds when the file declares it once, with a string (`const swaggerDocPath =
 * '/api-docs'` in the bootstrap helper that calls SwaggerModule.setup): any spelling, not only the
 * upper-case constants the interpreter is asked about. Declared twice or not as a string: unknown.
 */
function fileString(root: Node, node: Node | null | undefined): string | undefined {
  if (node?.type !== 'identifier') return undefined;
  const decls = all(root, 'variable_declarator').filter((d) => d.childForFieldName('name')?.text === node.text);
  return decls.length === 1 ? stringValue(decls[0].childForFieldName('value')) : undefined;
}

function option(obj: Node | undefined, key: string): Node | undefined {
  if (obj?.type !== 'object') return undefined;
  return kids(obj).find((p) => p.type === 'pair' && p.childForFieldName('key')?.text === key)?.childForFieldName('value') ?? undefined;
}

/** A path written as a string, or a name the interpreter may evaluate (`pathConst`), or neither (dynamic). */
function pathParts(node: Node | undefined, tail: string, after: string): Pick<RouteDecl, 'path' | 'dynamic' | 'pathConst'> {
  const s = node ? stringValue(node) : '';
  if (s !== undefined) return { path: joinPaths(s + tail, after) };
  const name = CONSTANT_NAME.test(node!.text) ? node!.text : undefined;
  return {
    path: joinPaths(after),
    dynamic: `${node!.text}${tail}${after ? '/' + after : ''}`,
    ...(name ? { pathConst: { expr: name, before: '', after, ...(tail ? { tail } : {}) } } : {}),
  };
}

function route(call: Node, file: string, method: string, handler: string, parts: Pick<RouteDecl, 'path' | 'dynamic' | 'pathConst'>, framework = 'nest-static'): RouteDecl {
  return { method, ...parts, handler, handlerSymbol: undefined, inlineRange: rangeOf(call), guards: [], file, line: line(call), order: call.startIndex, framework };
}

function staticAssets(call: Node, args: Node[], file: string, root: Node): RouteDecl[] {
  // Fastify's form takes one options object (`{ root, prefix }`) and registers GET routes; Express's
  // takes the folder, then options, and mounts a middleware that answers any method it is given.
  const fastify = args[0]?.type === 'object';
  const prefix = option(fastify ? args[0] : args[1], 'prefix');
  const held = fileString(root, prefix);
  return [route(call, file, fastify ? 'GET' : 'ANY', fastify ? 'useStaticAssets (@fastify/static)' : 'useStaticAssets (express.static)', held !== undefined ? { path: joinPaths(held, '*') } : pathParts(prefix, '', '*'))];
}

function swagger(call: Node, args: Node[], file: string, fastify: boolean, root: Node): RouteDecl[] {
  const [where, , , opts] = args;
  if (!where) return [];
  const held = fileString(root, where);
  const at = (tail: string, after: string) => (held !== undefined ? { path: joinPaths(held + tail, after) } : pathParts(where, tail, after));
  const off = (key: string) => option(opts, key)?.text === 'false';
  const framework = `nest-static${option(opts, 'useGlobalPrefix')?.text === 'true' ? UNDER_GLOBAL_PREFIX : ''}`;
  const out: RouteDecl[] = [];
  if (!off('ui')) out.push(route(call, file, 'ANY', 'SwaggerModule (Swagger UI)', at('', '*'), framework));
  if (off('raw')) return out;
  const doc = (key: string, suffix: string) => {
    const url = option(opts, key);
    const s = fileString(root, url);
    return s !== undefined ? { path: joinPaths(s) } : url ? pathParts(url, '', '') : at(suffix, '');
  };
  out.push(route(call, file, 'GET', 'SwaggerModule (OpenAPI document, JSON)', doc('jsonDocumentUrl', '-json'), framework + (fastify ? SWAGGER_6 : '')));
  out.push(route(call, file, 'GET', 'SwaggerModule (OpenAPI document, YAML)', doc('yamlDocumentUrl', '-yaml'), framework + SWAGGER_6));
  return out;
}

/**
 * Whether the @nestjs/swagger a package.json asks for is 6 or later (it serves the YAML document,
 * and on Fastify both documents beside the UI). A range we cannot read (a tag, a workspace link,
 * none) is taken as today's version.
 */
export function swaggerSixOrLater(range: string | undefined): boolean {
  const m = /^\s*[\^~>=v]*\s*(\d+)/.exec(range ?? '');
  return !m || Number(m[1]) >= 6;
}

/** The version range a package.json asks for a package (dependencies first), if it names it. */
export function dependencyRange(packageJson: string | undefined, name: string): string | undefined {
  try {
    const pkg = JSON.parse(packageJson ?? '{}') as Record<string, unknown>;
    for (const k of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const deps = getOwn(pkg, k);
      const v = deps && typeof deps === 'object' ? getOwn(deps as Record<string, unknown>, name) : undefined;
      if (typeof v === 'string') return v;
    }
  } catch {
    // An unreadable package.json names no version.
  }
  return undefined;
}
