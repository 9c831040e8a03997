// A go-restful service (test/fixtures/routes/go-restful), shaped like KubeVela's VelaUX: one
// WebService per API object with its root path (`ws.Path(versionPrefix + "/targets")`), routes built
// by builder chains (`ws.GET(p).To(h).Filter(f)`, `ws.Method("PUT").Path(p)`), a route filter made by
// a method of ours, a WebService filter written after the routes it guards, and a helper handed the
// WebService that adds routes to it.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go go-restful WebServices: test/fixtures/routes/go-restful', () => {
  const routes = httpRoutesOf('go-restful');
  itHasStates(routes, [
    ['POST /api/v1/auth/login', 'unguarded'],
    // A route's own Filter.
    ['GET /api/v1/auth/user_info', 'guarded'],
    // `ws.Filter(authCheckFilter)` after the routes still runs for each of them.
    ['GET /api/v1/targets', 'guarded'],
    ['DELETE /api/v1/targets/:name', 'guarded'],
    // `Path("{name}")` without a slash: go-restful joins root and sub path with one.
    ['PUT /api/v1/targets/:name', 'guarded'],
    // Added by a helper the WebService is handed to: under its root path and its filter.
    ['GET /api/v1/targets/:name/status', 'guarded'],
  ]);
  it('names the framework and the WebService filter', () => {
    const e = routes.byId('GET /api/v1/targets');
    assert.equal(e.framework, 'go-restful');
    assert.match(e.guardReason ?? '', /authCheckFilter/);
  });
  it('follows the check the filter hands on under, to a refusal named ErrNotAuthorized', () => {
    const g = routes.byId('GET /api/v1/targets').guards.find((x) => x.name === 'authCheckFilter');
    assert.match(g?.evidence?.text ?? '', /ErrNotAuthorized/);
    assert.equal(g?.evidence?.file, 'api/auth.go');
  });
  it('keeps the route filter that refuses beside the WebService one', () => {
    assert.ok(routes.byId('DELETE /api/v1/targets/:name').guards.some((g) => /perms\.Check/.test(g.name)));
  });
});

describe('Go go-restful: a filter of the default container guards every WebService (test/fixtures/routes/go-restful-container)', () => {
  const routes = httpRoutesOf('go-restful-container');
  itHasStates(routes, [
    // `ws.GET("")` under `ws.Path("/items")`: the root path itself.
    ['GET /items', 'guarded'],
    ['POST /items/:id/archive', 'guarded'],
  ]);
  it('names the container filter', () => {
    assert.match(routes.byId('GET /items').guardReason ?? '', /basicAuth/);
  });
});
