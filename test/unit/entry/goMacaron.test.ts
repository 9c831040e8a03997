// A Macaron service (test/fixtures/routes/go-macaron-app): groups whose closure takes no router and
// registers on the outer name, an API package handed the router inside a group, Combo chains with
// their own middleware, a router made by a constructor of ours, and the caller read from a field of
// the service's own request context that a middleware sets only when it finds someone.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go Macaron groups, Combo chains and context fields: test/fixtures/routes/go-macaron-app', () => {
  const routes = httpRoutesOf('go-macaron-app');
  itHasStates(routes, [
    ['GET /', 'unguarded'],
    // A local holding what a middleware factory of ours made, which refuses only under an option it
    // is given: the options written at the call decide (a field left out is false); an option
    // computed from the configuration is not read — unknown, never open.
    ['GET /user/settings', 'guarded'],
    // The sign-in page's middleware reads the caller (it sends a signed-in one away) and refuses no anonymous one.
    ['GET /user/login', 'optional'],
    ['GET /explore', 'unknown'],
    // The same options from a setting that go-ini fills from the INI file the program loads (conf/app.ini):
    // REQUIRE_SIGNIN_VIEW = false lets everyone through (the middleware still reads IsLogged, as /user/login's does: optional),
    // REQUIRE_SIGNIN_ADMIN = true refuses, a key the file lacks stays unknown.
    ['GET /discover', 'optional'],
    ['GET /admin/view', 'guarded'],
    ['GET /feed', 'unknown'],
    // A field of the context that the middleware sets for every request is no identity.
    ['GET /api/v1/health', 'unguarded'],
    // The handler tests IsLogged, which Contexter sets only under `if c.User != nil`, through APIContext's embedded Context.
    ['GET /api/v1/items', 'optional'],
    // The test is in a middleware on the route's own list.
    ['GET /api/v1/items/:id', 'optional'],
    // The handler tests a method of the context answering whether User is there (`return c.User != nil && …`, presenceTests.ts).
    ['GET /api/v1/stats', 'optional'],
    // `clientAuth != nil && !isSameAuth(clientAuth, c.User)` answering 400: a check only a client already identified meets is no doubt (softChecks.ts).
    ['POST /api/v1/subscriptions', 'unguarded'],
    ['GET /api/v1/me', 'guarded'],
    ['GET /api/v1/me/keys', 'guarded'],
    ['POST /api/v1/me/keys', 'guarded'],
    // Combo's own handlers apply to every chained verb.
    ['GET /api/v1/orders', 'guarded'],
    ['DELETE /api/v1/orders', 'guarded'],
  ]);
  it('a route registered inside nested group closures sits at its registration, past the API package', () => {
    const e = routes.byId('POST /api/v1/me/keys');
    assert.equal(e.file, 'api/api.go');
    assert.match(e.guardReason ?? '', /reqSignIn/);
  });
  it('names the presence method a handler branches on', () => {
    assert.match(routes.byId('GET /api/v1/stats').guardReason ?? '', /Contexter .*IsLogged.*branches on HasUser \(api\/api\.go:\d+\), which answers whether it is there \(reqctx\/context\.go:\d+\)/);
  });
  it('the optional route names the middleware that sets the field and where the route reads it', () => {
    assert.match(routes.byId('GET /api/v1/items').guardReason ?? '', /Contexter .*IsLogged.*api\/api\.go:\d+/);
    assert.match(routes.byId('GET /api/v1/items/:id').guardReason ?? '', /loadItem on the route's own list/);
  });
  it('an INI-mapped setting decides by its fresh-install value; a key the file lacks says the options do not settle it', () => {
    assert.match(routes.byId('GET /admin/view').guardReason ?? '', /adminSignIn/);
    assert.match(routes.byId('GET /feed').guardReason ?? '', /feedSignIn .*do not settle it/);
  });
  it('a middleware held in a local is judged as the factory call that made it, and says which option decides', () => {
    assert.match(routes.byId('GET /user/settings').guardReason ?? '', /reqSignIn .*reqctx\/context\.go:\d+/);
    assert.match(routes.byId('GET /explore').guardReason ?? '', /ignSignIn .*refuses only when its options say so \(options\.SignInRequired, reqctx\/context\.go:\d+\); the options given \(.*requireSigninView.*\) do not settle it/);
  });
});
