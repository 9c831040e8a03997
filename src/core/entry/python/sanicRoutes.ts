// Sanic (https://sanic.dev): what differs from Flask, whose route machinery (pyRoutes.ts) reads the
// rest — `@bp.get("/x")`, `@bp.route("/x", methods=[…])`, `<name>` parameters, decorators judged
// by their wrapper's code (flaskGuardJudge.ts):
// - `Sanic("name")` makes the app and `Blueprint("name", url_prefix=…)` a blueprint of a module
//   that imports sanic; `app.blueprint(bp, url_prefix=…)` mounts one (Flask's register_blueprint);
// - `@bp.websocket("/x")` is a route answered on GET (the upgrade);
// - request middleware (`@app.middleware("request")`, bare `@app.middleware`, `@app.on_request`) runs
//   before every route of the app or blueprint it is attached to, as a Flask `before_request` hook:
//   a guard only when its code refuses (flaskHooks.ts);
// - sanic-openapi's `swagger_blueprint`, mounted as is, serves its UI under /swagger: one row.
import type { Node } from 'web-tree-sitter';
import type { RouteDecl } from '../types';
import { line, stringValue } from '../treeUtil';
import { kwArg, positionalArgs } from './pyScope';

/** The module imports sanic (`from sanic import Blueprint`, `import sanic`). */
export const importsSanic = (text: string): boolean => /^\s*(from\s+sanic(\.\w+)*\s+import\b|import\s+sanic\b)/m.test(text);

/** A call that makes a Sanic router: the app anywhere, a Blueprint where the module imports sanic. */
export function sanicCreator(fn: string, sanic: boolean): boolean {
  return /^(sanic\.)?Sanic$/.test(fn) || (sanic && /^(sanic\.)?Blueprint$/.test(fn));
}

/** `@app.middleware("request")`, `@app.middleware` (request by default), `@app.on_request`: runs before the routes. */
export function sanicRequestMiddleware(expr: Node): Node | undefined {
  const call = expr.type === 'call' ? expr : undefined;
  const callee = call ? call.childForFieldName('function') : expr;
  if (callee?.type !== 'attribute') return undefined;
  const attr = callee.childForFieldName('attribute')?.text ?? '';
  if (attr === 'on_request') return callee.childForFieldName('object') ?? undefined;
  if (attr !== 'middleware') return undefined;
  // No argument, or "request" (positional or attach_to=); "response" middleware refuses no one before the route.
  const arg = call ? kwArg(call, 'attach_to') ?? positionalArgs(call)[0] : undefined;
  const where = arg ? stringValue(arg) : 'request';
  return where === 'request' ? callee.childForFieldName('object') ?? undefined : undefined;
}

/** A websocket route decorator: answered on GET. */
export const SANIC_WS = 'websocket';

/** Names sanic-openapi's bundled blueprint is imported as (`from sanic_openapi import swagger_blueprint`). */
export function openapiBlueprints(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^\s*from\s+sanic_openapi\s+import\s+\(?([^)\n]+)\)?/gm)) {
    for (const part of m[1].split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name === 'swagger_blueprint') out.add(alias ?? name);
    }
  }
  return out;
}

/** `app.blueprint(swagger_blueprint)`: the bundled UI's one row (sanic-openapi mounts it at /swagger). */
export function openapiMountRoute(call: Node, router: string, file: string, names: ReadonlySet<string>): RouteDecl | undefined {
  const child = positionalArgs(call)[0];
  if (child?.type !== 'identifier' || !names.has(child.text)) return undefined;
  return { router, method: 'GET', path: '/swagger', handler: child.text, guards: [], file, line: line(call), order: call.startIndex, framework: 'sanic' };
}
