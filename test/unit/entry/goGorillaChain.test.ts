// gorilla/mux services that stack middleware with a helper of their own (`guard.Wrap(h.Board,
// guard.SignedIn)`, judged from the helper's body: it applies its variadic arguments to the
// handler) and serve a second gorilla router through a type whose ServeHTTP hands requests to a
// field (`router.PathPrefix("/rest/").Handler(svc)`): that router's routes keep the prefix they
// were cut with (`top.PathPrefix("/rest/").Subrouter()`), once, behind its own middleware.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('gorilla/mux middleware helpers and served sub-services: test/fixtures/routes/go-gorilla-chain', () => {
  const routes = httpRoutesOf('go-gorilla-chain');
  const route = routes.byId;
  it('a helper that stacks its variadic middleware on the handler: the middleware guard the route, the handler is the wrapped argument', () => {
    const board = route('ANY /');
    assert.equal(board.guardState, 'guarded');
    assert.match(board.guardReason ?? '', /guard\.SignedIn \(main\.go:\d+\), refuses at guard\/guard\.go:\d+/);
    assert.equal(board.handlerLocation?.symbol, 'web.Board');
    const admin = route('ANY /admin');
    assert.equal(admin.guardState, 'guarded');
    assert.match(admin.guardReason ?? '', /guard\.Role\("admin"\).*guard\.SignedIn/);
    assert.equal(admin.handlerLocation?.symbol, 'web.Admin');
  });
  it('middleware that refuses nobody leaves the route open (a sign-in on every method refusing a bad password is the sign-in); a helper that does not stack its arguments is no chain', () => {
    assert.equal(route('ANY /login').guardState, 'unguarded');
    assert.equal(route('ANY /login').handlerLocation?.symbol, 'web.Signin');
    assert.equal(route('ANY /about').guardState, 'unguarded');
    assert.equal(route('ANY /about').handlerLocation?.symbol, 'web.About');
  });
  it('the helper wrapping a whole router (`guard.Wrap(ops.ServeHTTP, guard.Role("ops"))`) puts its middleware on every route of it', () => {
    assert.equal(route('ANY /ops/stats').guardState, 'guarded');
    assert.match(route('ANY /ops/stats').guardReason ?? '', /guard\.Role\("ops"\)/);
  });
  it('a value whose ServeHTTP serves a field set to a subrouter is that subrouter: its routes under the prefix it was cut with, once each, behind its middleware', () => {
    for (const id of ['ANY /rest/tickets', 'ANY /rest/tickets/:id']) {
      assert.equal(routes.all().filter((x) => x.id === id).length, 1, `${id} once: ${routes.all().map((x) => x.id).join(', ')}`);
      assert.equal(route(id).guardState, 'guarded');
      assert.match(route(id).guardReason ?? '', /guard\.Token/);
    }
    assert.deepEqual(routes.all().filter((x) => x.path === '/rest/*' || x.path.startsWith('/tickets')).map((x) => x.id), []);
    assert.equal(route('ANY /*').guardState, 'unguarded');
  });
  it("a package's middleware built with options around the router (`csrf.Protect(key, csrf.Secure(false))`) composes nothing: its options are no middleware", () => {
    for (const id of ['ANY /login', 'ANY /about', 'ANY /*']) {
      assert.equal(route(id).guardState, 'unguarded', id);
      assert.doesNotMatch(route(id).guardReason ?? '', /csrf/, id);
    }
  });
});
