// gin services that make their engine in a constructor returning `(*gin.Engine, error)`, guard with a
// middleware that ends the request with the error its verifier returns (`c.Abort(); _ = c.Error(err)`,
// the status decided by the error's constructor, `apperr.NotSignedIn()` → 401), and hand a module's
// RegisterRoutes its guard; a chain naming an option its code passes under (`WithOptional()`) is unknown as a `gin.HandlerFunc` parameter (test/fixtures/routes/go-gin-status-ctors).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('gin status-error constructors, (router, error) constructors, guards handed in: test/fixtures/routes/go-gin-status-ctors', () => {
  const routes = httpRoutesOf('go-gin-status-ctors');
  itHasStates(routes, [
    // The engine comes from initEngine(), whose failing return gives nil: every mount is known.
    ['GET /healthz', 'unguarded'],
    ['GET /api/users/:id/avatar.png', 'unguarded'],
    // Verify returns NotSignedIn() (401) under a credential test; Add ends the request with that error.
    ['GET /api/users', 'guarded'],
    ['GET /api/users/me', 'guarded'],
    // Built with WithOptional(), and Add lets the request on while `a.optional` is set: not computed, unknown.
    ['GET /api/users/:id/card', 'unknown'],
    // The module's `auth` parameter is `auth.Add()` at its only call; `lookup` ends with a 404 error, no guard.
    ['GET /api/reports', 'guarded'],
    ['GET /api/reports/:id', 'unguarded'],
  ]);
  it('names the constructor whose status the error carries', () => {
    assert.match(reasonsOf(routes.byId('GET /api/users')), /NotSignedIn\(\): 401/);
  });
});
