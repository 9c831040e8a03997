// Overseerr's shape (test/fixtures/routes/express-permission-mounts): the app built inside a promise
// callback, sub-routers mounted with a permission-check factory as mount middleware
// (`router.use('/user', isAuthenticated(), user)`), a path-less decoder that never refuses, and a
// CSRF package (csurf, whose options name `secure`) switched on by a setting: a CSRF check refuses a
// forged form, not an anonymous caller, so it leaves the open routes open instead of unknown. An
// `if` test with `??` keeps its left side (whenConds.ts): the caller it reads makes a route optional.
// A wrapper of ours around the handler that refuses a missing caller guards the route (routeEntry.ts).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: permission-check factories on router mounts, csurf no guard', () => {
  const routes = httpRoutesOf('express-permission-mounts');
  itHasStates(routes, [
    ['GET /api/v1/status', 'unguarded'],
    ['GET /api/v1/settings/public', 'optional'],
    ['GET /api/v1/regions', 'guarded'],
    // A test with `??` (`req.user?.settings?.webpush ?? true`, `req.user?.isAdmin ?? false`) reads the caller.
    ['GET /api/v1/overview', 'guarded'],
    // The handler wrapped by a function of ours that refuses a missing caller (`withUser(async (req, res) => …)`).
    ['GET /api/v1/watchlist', 'guarded'],
    ['GET /api/v1/auth/me', 'guarded'],
    ['POST /api/v1/auth/logout', 'unguarded'],
    ['GET /api/v1/user', 'guarded'],
    ['PUT /api/v1/user/:id', 'guarded'],
    ['GET /api/v1/user/:id/settings/main', 'guarded'],
    ['GET /imageproxy/*', 'unguarded'],
  ]);

  it('names no CSRF middleware as a doubt', () => {
    for (const e of routes.all()) assert.doesNotMatch(e.guardReason ?? '', /csurf/, e.id);
  });
});
