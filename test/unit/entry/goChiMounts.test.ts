// chi routers built by constructors and mounted by a helper (navidrome's shape): a helper called
// with a router and strings registers under that call's own strings and flags (`RX(r, "/song",
// false)` adds no writes), a parameter mounted under a path (`r.Mount(urlPath, subRouter)`) holds
// what each caller hands in, under that caller's path; a constructor's result is followed through
// another constructor, a struct whose embedded handler a method's router was stored in, and an
// injector template's declared result; a setting viper leaves at its default is a value (a
// string field written only under a test the defaults rule out is empty, and middleware added only
// under a setting the defaults leave off is not on the way, nor a route registered only under one); a protocol error named for a failed
// login, sent with status 200, refuses; a handler made from the server's values (`login(s.store)`)
// is judged as the handler, not as a wrapper; a logger's Error call answers nobody; chi's
// Heartbeat middleware answers its path.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go chi routers handed to a mounting helper: test/fixtures/routes/go-chi-mounts', () => {
  const { all, byId: route } = httpRoutesOf('go-chi-mounts');
  it('each helper call registers under its own prefix, not every caller\'s (no /missing/user, no /user without /api)', () => {
    const ids = new Set(all().map((e) => e.id));
    for (const id of ['GET /api/translation', 'GET /api/translation/:id', 'GET /api/user', 'POST /api/user', 'GET /api/user/:id', 'DELETE /api/user/:id', 'GET /api/song', 'GET /api/song/:id', 'GET /api/missing', 'GET /api/missing/:id', 'DELETE /api/missing']) assert.ok(ids.has(id), `no ${id}: ${[...ids].join(', ')}`);
    assert.deepEqual(all().filter((e) => /missing\/(user|song|translation)|^\w+ \/(user|song|translation)/.test(e.id)).map((e) => e.id), []);
  });
  it('a boolean the call passes decides the registrations under `if persistable` (false: no POST/DELETE for /song)', () => {
    assert.equal(all().filter((e) => /^(POST|DELETE) \/api\/(song|translation)/.test(e.id)).length, 0);
    assert.equal(route('POST /api/user').guardState, 'guarded');
  });
  it('a router reached through a constructor chain (or an injector template\'s declared result) is mounted under the path its caller gave', () => {
    assert.equal(route('ANY /rest/ping').guardState, 'unguarded');
    assert.ok(all().some((e) => e.id === 'ANY /rest/ping.view'));
    assert.equal(all().filter((e) => /^ANY \/(ping|getAlbum)/.test(e.id)).length, 0);
  });
  it('where a caller hands the mounted parameter a plain handler (or a package\'s), it answers the subtree under that call\'s path', () => {
    assert.equal(route('ANY /images/*').guardState, 'unguarded');
    assert.ok(all().some((e) => e.id === 'ANY /debug/*'));
    assert.deepEqual(all().filter((e) => /^ANY \/(api|rest)\/\*$/.test(e.id)).map((e) => e.id), []);
  });
  it('a route registered only under a setting the defaults leave off is not served; one under a setting they turn on is', () => {
    assert.ok(!all().some((e) => e.id === 'GET /metrics/raw'), 'GET /metrics/raw is registered only while a metrics password is set');
    assert.equal(route('GET /metrics/ping').guardState, 'unguarded');
  });
  it('a middleware that answers a failed login with a protocol error named for it (status 200) is a guard', () => {
    const e = route('ANY /rest/getAlbum');
    assert.equal(e.guardState, 'guarded');
    assert.match(e.guardReason ?? '', /authenticate/);
  });
  it('settings at their viper default are values the path says it depends on; one trimmed on every load is its trimmed default', () => {
    assert.equal(route('POST /auth/login').pathDependsOn, 'conf.Server.BasePath');
    assert.equal(route('GET /api/song').pathDependsOn, 'conf.Server.BasePath');
    assert.equal(route('GET /metrics').pathDependsOn, 'conf.Server.MetricsPath');
    // `Server.DocsPrefix = strings.TrimSuffix(Server.DocsPrefix, "/")` rewrites the viper default "/docs" in place, the same
    // however often it runs (session 31, resolve.ts); a rewrite that changes it again stays dynamic (go-parsed-url-setting).
    assert.equal(route('GET /docs/index.html').pathDependsOn, 'conf.Server.DocsPrefix');
    assert.equal(all().filter((e) => e.dynamic).length, 0);
  });
  it('a handler made from the server\'s values is the handler: the sign-in and a setup check refuse nobody, a token check in it refuses', () => {
    assert.equal(route('POST /auth/login').guardState, 'unguarded');
    assert.equal(route('POST /auth/createAdmin').guardState, 'unguarded');
    assert.equal(route('GET /auth/me').guardState, 'guarded');
  });
  it('a check whose branch only logs (`slog.Error(…)`) and goes on ends no request: the page is open, not unknown', () => {
    assert.equal(route('GET /app').guardState, 'unguarded');
  });
  it('chi\'s `middleware.Heartbeat("/ping")` in a middleware list a router `Use`s answers GET /ping: a route at the call', () => {
    const pings = all().filter((x) => x.id === 'GET /ping');
    assert.ok(pings.length >= 1);
    for (const e of pings) assert.equal(e.guardState, 'unguarded', `${e.guardReason}`);
    assert.equal(pings[0].line, 23);
    assert.equal(route('GET /events').guardState, 'guarded');
    assert.equal(route('GET /alive').guardState, 'unguarded', route('GET /alive').guardReason);
  });
  it('middleware added only while a setting a fresh install leaves empty is set is not on the route', () => {
    assert.equal(route('GET /metrics').guardState, 'unguarded');
  });
});
