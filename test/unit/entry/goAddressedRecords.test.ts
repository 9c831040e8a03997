// A handler's test of the record its path names (`!col.IsAuth()` after a lookup by the path's
// `collection`) ends the request for every caller alike: no doubt about the caller. Looked up by a
// token in the path, the same test stays a doubt (test/fixtures/routes/go-addressed-records).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go tests of the record a path names: test/fixtures/routes/go-addressed-records', () => {
  const routes = httpRoutesOf('go-addressed-records');
  itHasStates(routes, [
    ['GET /collections/:collection/auth-methods', 'unguarded'],
    ['GET /verify/:token', 'unknown'],
  ]);
  it('the token route says which check it could not judge', () => {
    assert.match(routes.byId('GET /verify/:token').guardReason ?? '', /credential check fails.*main\.go:43/);
  });
});
