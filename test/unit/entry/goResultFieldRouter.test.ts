// A router kept in a field of what a constructor of ours returns (test/fixtures/routes/go-result-field-router,
// mattermost's `server, err := app.NewServer(); api4.InitLocal(a, server.LocalRouter)`): the field of the type the
// function returns, followed to the router its literal sets — not a caller that was not found.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go routers read from a field of a function result: test/fixtures/routes/go-result-field-router', () => {
  const routes = httpRoutesOf('go-result-field-router');
  itHasStates(routes, [
    // Both routers are fields of the *Server NewServer returns; neither has middleware.
    ['GET /api/v4/ping', 'unguarded'],
    ['POST /api/v4/local/reload', 'unguarded'],
    // A field of a value whose type is not read: unknown, never open.
    ['GET /other', 'unknown'],
  ]);
  it('says which field of which result was not followed', () => {
    assert.match(routes.byId('GET /other').guardReason ?? '', /app#Unknown\(\)\.Router/);
    assert.doesNotMatch(routes.byId('GET /other').guardReason ?? '', /fn:/);
  });
});
