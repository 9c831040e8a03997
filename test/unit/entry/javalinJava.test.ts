// Javalin routes written in Java (test/fixtures/routes/javalin-java; javalinRoutes.ts, javalinGuards.ts):
// ApiBuilder groups give their prefixes to the verbs inside them and to the helper methods they
// call (an overload chosen by the argument's declared type, the supertype's when none takes it
// exactly); the app's before-matched filter in another file refuses with 401 and guards every
// route but the paths its code lets through; a filter that only records a time guards nothing.
// The table below it reads single files: a filter off under default settings, one that decides
// by the route's roles, one whose code is elsewhere, and calls that are no filters.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { detectJavalinJavaRoutes } from '../../../src/core/entry/javalinRoutes';
import { javalinFilters, resolveJavalinGuards } from '../../../src/core/entry/javalinGuards';

describe('routes: Javalin (Java) ApiBuilder groups and app filters', () => {
  const routes = httpRoutesOf('javalin-java');
  itHasStates(
    routes,
    [
      ['GET /public/status', 'unguarded', /lets paths under \/public through/],
      ['GET /api/orders', 'guarded', /beforeMatched\(this::manageAccess\).*App\.java/, 'OrderController.list'],
      ['GET /api/orders/:id', 'guarded', /beforeMatched/, 'OrderController.get'],
      ['GET /api/items/featured', 'guarded', /beforeMatched/, 'ItemController.featured'],
      ['GET /api/items', 'guarded', /beforeMatched/, 'ItemController.list'],
      ['POST /api/items', 'guarded', /beforeMatched/, 'ItemController.create'],
      ['GET /api/items/:id', 'guarded', /beforeMatched/, 'ItemController.get'],
      ['DELETE /api/items/:id', 'guarded', /beforeMatched/, 'ItemController.delete'],
    ],
    (e, [, , reason, handler]) => {
      assert.equal(e.framework, 'javalin');
      assert.match(reasonsOf(e), reason);
      if (handler) assert.equal(e.handler, handler);
    },
  );
});

describe('Javalin (Java) filters judged by their code', () => {
  const head = 'import io.javalin.Javalin;\nimport static io.javalin.apibuilder.ApiBuilder.*;\nclass S {\n';
  const routesOf = 'void routes(Javalin app) { app.routes(() -> path("api", () -> { get("x", h::x); get("y", h::y, Role.ADMIN); })); }\n';
  const cases: [title: string, body: string, want: Record<string, 'guarded' | 'open' | 'unknown'>, note?: RegExp][] = [
    [
      'an access manager registered only when a flag that defaults to false is set: off',
      'void auth(JavalinConfig config) { if (Cfg.getBoolean("auth", false)) { config.accessManager((handler, ctx, roles) -> { if (ctx.header("Authorization") == null) { ctx.status(401); return; } handler.handle(ctx); }); } }',
      { 'GET /api/x': 'open', 'GET /api/y': 'open' },
      /only when Cfg\.getBoolean\("auth", false\), off by default/,
    ],
    [
      'the same with the flag negated and defaulting to false: on',
      'void auth(JavalinConfig config) { if (!Cfg.getBoolean("noauth", false)) { config.accessManager((handler, ctx, roles) -> { throw new UnauthorizedResponse(); }); } }',
      { 'GET /api/x': 'guarded', 'GET /api/y': 'guarded' },
    ],
    [
      'an access manager that decides by the route roles: unknown',
      'void auth(JavalinConfig config) { config.accessManager((handler, ctx, permitted) -> { if (permitted.contains(userRole(ctx))) handler.handle(ctx); else ctx.status(HttpCode.UNAUTHORIZED); }); }',
      { 'GET /api/x': 'unknown', 'GET /api/y': 'unknown' },
    ],
    [
      'a filter that lets routes without roles through: those open, a route with roles guarded',
      'void auth(Javalin app) { app.beforeMatched(ctx -> { if (ctx.routeRoles().isEmpty()) return; if (!ctx.routeRoles().contains(roleOf(ctx))) throw new UnauthorizedResponse(); }); }',
      { 'GET /api/x': 'open', 'GET /api/y': 'guarded' },
    ],
    [
      'an access manager that lets one role through (a local holding the roles): routes without roles meet the check',
      'void auth(JavalinConfig config) { config.accessManager((handler, ctx, permitted) -> { Set<RouteRole> rr = ctx.routeRoles(); if (rr.contains(Role.ADMIN)) { handler.handle(ctx); return; } if (ctx.header("key") == null) throw new UnauthorizedResponse(); handler.handle(ctx); }); }',
      { 'GET /api/x': 'guarded', 'GET /api/y': 'open' },
    ],
    [
      'roles read again after the let-through check: a route without roles is unknown',
      'void auth(Javalin app) { app.beforeMatched(ctx -> { if (ctx.routeRoles().contains(Role.ANYONE)) return; if (!ctx.routeRoles().isEmpty() && !ok(ctx)) throw new ForbiddenResponse(); }); }',
      { 'GET /api/x': 'unknown', 'GET /api/y': 'guarded' },
    ],
    [
      'a filter under a condition we cannot read: unknown',
      'void auth(Javalin app) { if (mode.secure()) app.beforeMatched(ctx -> { throw new ForbiddenResponse(); }); }',
      { 'GET /api/x': 'unknown', 'GET /api/y': 'unknown' },
    ],
    [
      'a filter on a path pattern guards the paths under it only',
      'void auth(Javalin app) { app.before("/api/y*", ctx -> { if (ctx.header("key") == null) throw new UnauthorizedResponse(); }); }',
      { 'GET /api/x': 'open', 'GET /api/y': 'guarded' },
    ],
    [
      'an access manager given as an instance: its code is not read, unknown',
      'void auth(JavalinConfig config) { config.accessManager(new KeyAccessManager()); }',
      { 'GET /api/x': 'unknown', 'GET /api/y': 'unknown' },
    ],
    [
      'calls that are no filters (a date comparison, a cache put): open',
      'void other() { if (date.before(limit)) cache.put("k", value); }',
      { 'GET /api/x': 'open', 'GET /api/y': 'open' },
    ],
  ];
  for (const [title, body, want, note] of cases) {
    it(title, () => {
      const text = `${head}${routesOf}${body}\n}\n`;
      const routes = detectJavalinJavaRoutes(text, 'S.java');
      resolveJavalinGuards(routes, javalinFilters(text, 'S.java'));
      const got = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r.guards.length ? 'guarded' : r.doubt ? 'unknown' : 'open']));
      assert.deepEqual(got, want);
      if (note) for (const r of routes) assert.match(r.openNote ?? '', note);
    });
  }
});
