// A refusal recorded on the request's context instead of written (test/fixtures/routes/go-context-error,
// mattermost's `c.SetPermissionError(perm); return`, whose body records `c.Err = c.App.MakePermissionError(…)`,
// a 403): it counts when the recorded error's status is a literal 401/403 and the service's handler type
// answers that field (`w.WriteHeader(c.Err.StatusCode)`); a 400 recorded so is no refusal.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go refusals recorded on the context and answered by the wrapper: test/fixtures/routes/go-context-error', () => {
  const routes = httpRoutesOf('go-context-error');
  itHasStates(routes, [
    ['POST /api/v4/system/ack', 'guarded'],
    ['GET /api/v4/system/logs', 'guarded'],
    // A 400 recorded on the context under a session test is no refusal: the route is read as before.
    ['GET /api/v4/system/lookup', 'unguarded'],
    ['GET /api/v4/system/ping', 'unguarded'],
  ]);
  it('the guard names the helper and the recorded status', () => {
    assert.match(routes.byId('POST /api/v4/system/ack').guards[0]?.reason ?? '', /SetPermissionError\(\).*403, recorded on the context's Err/);
  });
});
