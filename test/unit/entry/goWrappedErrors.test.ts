// Handlers that answer with the error they return, wrapped by methods of the service's own handler
// type (writefreely's `handler.All(newPost)`, `handler.Web(viewPad, UserLevelUser)`), and the root
// package imported by the module's own path from cmd/ (test/fixtures/routes/go-wrapped-errors). A level
// function whose answer a setting decides (`if app.cfg.App.Private { return LevelUser }`) answers what
// the defaults constructor's literal gives (`func New() *Config`, a left-out field Go's zero value):
// Private off → no refusal, MembersOnly on → a guard, a setting no defaults constructor gives →
// unknown; a level handed to a route-registering function (`RouteRead(h, LevelReaderFn, r)` →
// `h.Web(f, readPerm)`) is what its callers hand in (storedSettings.ts, defaultLiterals.ts).
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
    ['ANY /read', 'unguarded'],
    ['ANY /members', 'guarded'],
    ['ANY /locked', 'unknown'],
    ['ANY /timeline/feed', 'unguarded'],
  ]);
  it('says why a level no default decides is not known', () => {
    assert.match(routes.byId('ANY /locked').guardReason ?? '', /refuses only when LevelLockedFn answers LevelUser/);
  });
  it('names the error variable the handler returns', () => {
    assert.match(routes.byId('POST /api/posts').guards[0]?.reason ?? '', /ErrNotLoggedIn: 401/);
    assert.match(routes.byId('DELETE /api/posts/:id').guards[0]?.reason ?? '', /ErrNoAccessToken: a client error saying a credential is required/);
  });
});
