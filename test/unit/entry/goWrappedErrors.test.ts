// Handlers that answer with the error they return, wrapped by methods of the service's own handler
// type (writefreely's `handler.All(newPost)`, `handler.Web(viewPad, UserLevelUser)`), and the root
// package imported by the module's own path from cmd/ (test/fixtures/routes/go-wrapped-errors).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go handlers returning package errors, wrappers given a level function: test/fixtures/routes/go-wrapped-errors', () => {
  const routes = httpRoutesOf('go-wrapped-errors');
  itHasStates(routes, [
    // `return ErrNotLoggedIn` (401) under a session test; `return ErrNoAccessToken` ("Authorization token required.") under a missing token.
    ['POST /api/posts', 'guarded'],
    ['DELETE /api/posts/:id', 'guarded'],
    // A 404 for an unknown id refuses nobody; the router comes from the root package's caller, so every mount is known.
    ['GET /api/posts/:id', 'unguarded'],
    // `h.Web(f, LevelUserFn)`: the level function answers LevelUser, which the wrapper's test refuses without a session.
    ['GET /me/new', 'guarded'],
    ['ANY /', 'unguarded'],
  ]);
  it('names the error variable the handler returns', () => {
    assert.match(routes.byId('POST /api/posts').guards[0]?.reason ?? '', /ErrNotLoggedIn: 401/);
    assert.match(routes.byId('DELETE /api/posts/:id').guards[0]?.reason ?? '', /ErrNoAccessToken: a client error saying a credential is required/);
  });
});
