// Javalin's own registrations in Kotlin (kotlinDslRoutes.ts) meet the app's filters as Java's do
// (javalinGuards.ts): `app.before("/api/*") { ctx -> … throw UnauthorizedResponse() }` guards the
// routes under it, a filter that refuses nothing guards nothing (test/fixtures/routes/javalin-kotlin);
// the table reads single files: trailing lambdas, function references, an access manager given as
// an instance (its code unread: unknown, never open), and calls that are no filters.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { detectKotlinDslRoutes } from '../../../src/core/entry/kotlinDslRoutes';
import { javalinFilters, resolveJavalinGuards } from '../../../src/core/entry/javalinGuards';

describe('routes: Javalin (Kotlin) registrations and app filters', () => {
  const routes = httpRoutesOf('javalin-kotlin');
  itHasStates(
    routes,
    [
      ['GET /health', 'unguarded', /^/],
      ['GET /api/notes', 'guarded', /before\("\/api\/\*"\).*App\.kt:9/],
      ['POST /api/notes', 'guarded', /before\("\/api\/\*"\)/],
      ['DELETE /api/notes/:id', 'guarded', /before\("\/api\/\*"\)/],
    ],
    (e, [, , reason]) => {
      assert.equal(e.framework, 'javalin');
      assert.match(reasonsOf(e), reason);
    },
  );
});

describe('Javalin (Kotlin) filters judged by their code', () => {
  const head = 'import io.javalin.Javalin\nimport io.javalin.http.*\nclass S {\n';
  const routesOf = 'fun routes(app: Javalin) { app.get("/api/x") { ctx -> ctx.result("x") }\n app.get("/open/y") { ctx -> ctx.result("y") } }\n';
  const cases: [title: string, body: string, want: Record<string, 'guarded' | 'open' | 'unknown'>][] = [
    [
      'a filter as a trailing lambda that refuses: every route guarded',
      'fun auth(app: Javalin) { app.beforeMatched { ctx -> if (ctx.header("key") == null) throw ForbiddenResponse() } }',
      { 'GET /api/x': 'guarded', 'GET /open/y': 'guarded' },
    ],
    [
      'a filter on a path pattern given before the lambda: the paths under it only',
      'fun auth(app: Javalin) { app.before("/api/*") { if (it.header("key") == null) it.status(401) } }',
      { 'GET /api/x': 'guarded', 'GET /open/y': 'open' },
    ],
    [
      'a function reference to a function of the file that refuses: guarded',
      'fun auth(app: Javalin) { app.before(::check) }\nfun check(ctx: Context) { if (ctx.header("key") == null) throw UnauthorizedResponse() }',
      { 'GET /api/x': 'guarded', 'GET /open/y': 'guarded' },
    ],
    [
      'a filter that lets the open paths through before it refuses',
      'fun auth(app: Javalin) { app.before { ctx -> if (ctx.path().startsWith("/open")) return@before\n if (ctx.header("key") == null) throw UnauthorizedResponse() } }',
      { 'GET /api/x': 'guarded', 'GET /open/y': 'open' },
    ],
    [
      'an access manager given as an instance: unknown',
      'fun auth(config: JavalinConfig) { config.accessManager(KeyAccessManager()) }',
      { 'GET /api/x': 'unknown', 'GET /open/y': 'unknown' },
    ],
    [
      'an access manager that decides by the route roles: unknown',
      'fun auth(config: JavalinConfig) { config.accessManager { handler, ctx, roles -> if (roles.contains(roleOf(ctx))) handler.handle(ctx) else throw UnauthorizedResponse() } }',
      { 'GET /api/x': 'unknown', 'GET /open/y': 'unknown' },
    ],
    [
      'calls that are no filters (a date comparison): open',
      'fun other() { if (date.before(limit)) cache.put("k", value) }',
      { 'GET /api/x': 'open', 'GET /open/y': 'open' },
    ],
  ];
  for (const [title, body, want] of cases) {
    it(title, () => {
      const text = `${head}${routesOf}${body}\n}\n`;
      const routes = detectKotlinDslRoutes(text, 'S.kt');
      resolveJavalinGuards(routes, javalinFilters(text, 'S.kt'));
      const got = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r.guards.length ? 'guarded' : r.doubt ? 'unknown' : 'open']));
      assert.deepEqual(got, want);
    });
  }
});
