// A Go service that hands its handler adapter a spread list of middleware per route
// (`chain.ToHandlerFunc(c.HandleItems(), userMW...)` with `userMW := []errchain.Middleware{a.mwAuthToken,
// a.mwRoles("user")}`, Homebox's errchain style): each listed middleware wraps the handler and is judged
// by its code; `append(list, more)...` adds to the list; a list handed in that we cannot see is unknown.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('Go adapters handed a spread list of middleware: test/fixtures/routes/go-chi-spread-middleware', () => {
  const routes = httpRoutesOf('go-chi-spread-middleware');
  itHasStates(
    routes,
    [
      ['GET /api/v1/status', 'unguarded'],
      ['GET /api/v1/items', 'guarded', /mwAuthToken/],
      ['DELETE /api/v1/groups', 'guarded', /mwAuthToken|mwOwner/],
      ['POST /api/v1/notify', 'guarded', /mwAuthToken/],
      ['GET /api/v1/public', 'unguarded'],
      ['GET /api/v1/handed', 'unknown'],
    ],
    (e, [, , why]) => {
      if (why instanceof RegExp) assert.match(reasonsOf(e), why);
    },
  );
});
