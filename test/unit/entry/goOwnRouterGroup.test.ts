// A router type of the service's own wrapping a group of an echo instance (opengist's
// `NewRouter(s.echo.Group(""))`, a struct embedding `*echo.Group`) is a child of that instance: the
// instance's `e.Use(…)` middleware (`Middleware(sessionInit).toEcho()`, setting the identity if
// present) reaches the routes registered through the wrapper and its sub-groups.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, reasonsOf } from './httpRoutes';

describe('Own router around an echo instance group: test/fixtures/routes/go-echo-own-router-group', () => {
  const routes = httpRoutesOf('go-echo-own-router-group');
  const route = routes.byId;
  it("the instance's session middleware reaches the wrapper's routes", () => {
    assert.equal(route('GET /all').guardState, 'optional', reasonsOf(route('GET /all')));
    assert.equal(route('GET /settings/mine').guardState, 'optional', reasonsOf(route('GET /settings/mine')));
    assert.equal(route('GET /about').guardState, 'unguarded', reasonsOf(route('GET /about')));
  });
  it('per-route middleware through the wrapper still guards', () => {
    assert.equal(route('POST /new').guardState, 'guarded', reasonsOf(route('POST /new')));
  });
});
