// A Go handler that asks a session store for the caller (`app.sessionStore.Get(r, cookieName)`,
// gorilla/sessions) through a helper of its own: branching on the answer without refusing uses the
// identity when there is one (optional); refusing on it is a guard; the same call shape on a
// cache that is no session store, or a flash message read from the session, reads nobody. test/fixtures/routes/go-session-store.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go session stores handed the request: test/fixtures/routes/go-session-store', () => {
  const routes = httpRoutesOf('go-session-store');
  itHasStates(
    routes,
    [
      ['GET /api/me', 'optional', /currentUser .*reads the caller's credential from the request \(main\.go:27\)/],
      ['GET /settings', 'guarded', /401|refuses/],
      ['GET /theme', 'unguarded', undefined],
      ['GET /login', 'unguarded', undefined],
    ],
    (e, [, , reason]) => {
      if (reason) assert.match([e.guardReason, ...e.guards.map((g) => g.reason)].join(' | '), reason);
    },
  );
});
