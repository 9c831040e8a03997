// gin's `Handle(httpMethod, path, handlers…)` takes the method first, as a constant of another file
// or a parameter (`attach(r, http.MethodPost, "/upload", h)`), computed per call like the path; a
// router kept in a package-level variable set in one function and used in another is that router;
// a handler that checks the caller in two steps (`s := Auth(c, …); if s.Abort(c) { return }`, the
// maker reading the request's token, the method refusing 401) is guarded by that check, while the
// same shape over a query switch is not.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('gin Handle, package-level routers and two-step handler checks: test/fixtures/routes/go-gin-handle', () => {
  const routes = httpRoutesOf('go-gin-handle');
  const route = routes.byId;
  it('Handle with the method first: a literal, a constant of another file, a parameter given by each caller', () => {
    assert.equal(route('GET /status').guardState, 'unguarded');
    assert.equal(route('COPY /files/*').guardState, 'unguarded');
    assert.equal(route('POST /upload').guardState, 'unguarded');
    // Read path-first, the method would be the path: `ANY /GET`, `ANY /COPY`, `ANY /POST`.
    assert.deepEqual(routes.all().filter((e) => /^\/(GET|COPY|POST)\b/.test(e.path)).map((e) => e.id), []);
  });
  it('a group kept in a package variable (`API = r.Group("/api", requireUser)`) and handed on in another function is that group', () => {
    for (const id of ['GET /api/items', 'DELETE /api/items/:id']) {
      assert.equal(route(id).guardState, 'guarded');
      assert.match(route(id).guardReason ?? '', /requireUser/);
    }
  });
  it('routes a closure registers on the group of its enclosing function are under that group, whatever handler each call hands the closure; a call handed the group that returns a string is no wrapper above it', () => {
    assert.equal(route('GET /dav/*').guardState, 'guarded');
    assert.equal(route('PROPFIND /dav/*').guardState, 'guarded');
    assert.deepEqual(routes.all().filter((e) => e.path === '/*').map((e) => e.id), []);
  });
  it('a value made from the request token tested by a method that refuses 401 guards the handler; made from a query switch it does not', () => {
    const e = route('GET /v2/photos/:uid');
    assert.equal(e.guardState, 'guarded');
    assert.match(e.guards[0]?.reason ?? '', /Abort\(\) at api\/photos\.go:\d+ ends the request when what Auth\(\) made from the caller's credential \(read at api\/auth\.go:\d+\) fails it; refuses requests \(401\)/);
    assert.equal(route('GET /v2/beta').guardState, 'unguarded');
  });
  it('a helper whose 403 sits under a test of what a credential reader made (`s := Auth(c); if s.Invalid() { 403 }`) guards the handler that returns on its error; the same 403 on a query switch does not', () => {
    const e = route('PUT /v2/photos/:uid');
    assert.equal(e.guardState, 'guarded');
    assert.match(e.guards[0]?.reason ?? '', /findPhoto\(\) at api\/photos\.go:\d+ ends the request when it fails; refuses requests \(403\)/);
    assert.equal(route('POST /v2/beta').guardState, 'unguarded');
  });
});
