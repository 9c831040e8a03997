// A handler type configured by flags its constructors set (test/fixtures/routes/go-flagged-handler,
// mattermost's `api.APISessionRequired(h)` = `&web.Handler{RequireSession: true}`, whose ServeHTTP runs
// `if c.Err == nil && h.RequireSession { c.SessionRequired() }`): the flag the returned literal writes
// decides, on sub-routers kept in struct fields and built from a prefix constant of another package.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go handler literals whose flags pick the checks ServeHTTP runs: test/fixtures/routes/go-flagged-handler', () => {
  const routes = httpRoutesOf('go-flagged-handler');
  itHasStates(routes, [
    // RequireSession: true runs SessionRequired(), which records a 401 when no session user was found.
    ['GET /api/v4/teams', 'guarded'],
    ['GET /api/v4/teams/:team_id', 'guarded'],
    // The literal bound to a local, then returned (or handed to a library's wrapper).
    ['PUT /api/v4/teams/:team_id/mfa', 'guarded'],
    // RequireSession: false, or left out (Go's zero value): the check does not run.
    ['GET /api/v4/teams/invite/:invite_id', 'unguarded'],
    ['GET /api/v4/system/ping', 'unguarded'],
    ['POST /api/v4/local/reload', 'unguarded'],
    // A flag set from a value not read: unknown, never open.
    ['GET /api/v4/configured', 'unknown'],
  ]);
  it('the guard names the flag, the ServeHTTP call it runs and where that call refuses', () => {
    const e = routes.byId('GET /api/v4/teams');
    assert.match(e.guards[0]?.reason ?? '', /RequireSession: true .*SessionRequired\(\)/);
    assert.match(routes.byId('GET /api/v4/configured').guardReason ?? '', /RequireSession: api\.strict, a value not read/);
  });
});
