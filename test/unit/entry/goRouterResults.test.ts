// A function of the service that makes the router and returns it (`e := routes.NewEcho();
// routes.Register(e)`): the routes registered on the variable are under the middleware the
// function put on the router. Followed only for a declared router result made in that function.
// A handler that upgrades to a WebSocket is a doubt, not an open route; a middleware on the whole
// router that answers with files is a route `ANY /*`.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go routers returned by a function of the service: test/fixtures/routes/go-router-results', () => {
  const routes = httpRoutesOf('go-router-results');
  const route = routes.byId;
  it('a variable holding `routes.NewEcho()` (declared *echo.Echo, made there with echo.New()) is that router, with its Use middleware', () => {
    const e = route('GET /items');
    assert.equal(e.guardState, 'guarded');
    assert.match(e.guardReason ?? '', /requireToken/);
  });
  it('a function returning a router it was handed is not followed: unknown', () => {
    assert.equal(route('GET /open/items').guardState, 'unknown');
    assert.match(route('GET /open/items').guardReason ?? '', /handed in by a caller that was not found/);
  });
  it('a constructor declaring `(*echo.Echo, error)` is the router it makes, with its Use middleware (pocket-id\'s initEngine)', () => {
    assert.equal(route('GET /built/items').guardState, 'guarded');
    assert.match(route('GET /built/items').guardReason ?? '', /requireToken/);
  });
  it('a handler that upgrades the connection to a WebSocket, with no middleware, is unknown (the protocol decides), a plain one beside it open', () => {
    assert.equal(route('GET /ws').guardState, 'unknown');
    assert.match(route('GET /ws').guardReason ?? '', /upgrades the connection to a WebSocket \(routes\/routes\.go:\d+\)/);
    assert.equal(route('GET /plain').guardState, 'unguarded');
  });
  it('a file-serving middleware `Use`d on the whole router (through a parameter) is `ANY /*` at its Use, under the router\'s middleware; on a group it is none', () => {
    const e = route('ANY /*');
    assert.match(e.file, /routes\/static\.go$/);
    assert.equal(e.line, 13);
    assert.equal(e.guardState, 'guarded');
    assert.deepEqual(routes.all().filter((x) => x.path.startsWith('/files')).map((x) => x.id), []);
    assert.equal(routes.all().filter((x) => x.id === 'ANY /*').length, 1);
  });
});
