// A router type of the service's own (pocketbase's tools/router): `router.NewRouter(f)` declared to
// return `*Router[T]`, which embeds `*RouterGroup[T]` whose methods are Group, GET/POST/DELETE and
// Bind/BindFunc/Unbind. Groups and routes are found through it, `.Bind(mw)` on a group guards the
// group, `.Bind(mw)` chained after a registration guards that route, and the guards are judged by
// their code (a `Handler` whose Func returns an error built with a 401/403 status).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go own router type (Group/GET/Bind methods): test/fixtures/routes/go-own-router', () => {
  const routes = httpRoutesOf('go-own-router');
  const route = routes.byId;
  it('finds every route with its groups\' prefixes through the router made by router.NewRouter and handed to bind functions', () => {
    assert.deepEqual(routes.all().map((e) => e.id).sort(), ['DELETE /api/items/:id', 'GET /_/*', 'POST /api/batch', 'POST /api/auth-with-password', 'GET /api/items', 'GET /api/items/:id/download', 'GET /api/settings', 'POST /api/items/token', 'POST /api/settings/test'].sort());
  });
  it('a group bound to a refusing middleware guards its routes', () => {
    assert.equal(route('GET /api/settings').guardState, 'guarded');
    assert.equal(route('POST /api/settings/test').guardState, 'guarded');
  });
  it('a middleware chained after the registration guards that route alone', () => {
    assert.equal(route('POST /api/items/token').guardState, 'guarded');
    assert.equal(route('DELETE /api/items/:id').guardState, 'guarded');
    assert.equal(route('GET /api/items').guardState, 'unguarded');
    assert.equal(route('GET /_/*').guardState, 'unguarded');
  });
  it('a middleware on the whole router that refuses only a caller with an identity (`if e.HasSuperuserAuth() { 403 }`) guards nothing', () => {
    assert.equal(route('GET /api/items').guardState, 'unguarded');
  });
  it('a handler refusing everyone while a settings switch is off is unknown; a sign-in method\'s own switch reads no credential', () => {
    assert.equal(route('POST /api/batch').guardState, 'unknown');
    assert.match(route('POST /api/batch').guardReason ?? '', /feature of the settings is off/);
    assert.equal(route('POST /api/auth-with-password').guardState, 'unguarded');
  });
  it('a handler that refuses a caller without identity is guarded', () => {
    assert.equal(route('GET /api/items/:id/download').guardState, 'guarded');
  });
});
