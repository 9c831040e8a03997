// Middleware kept in a struct field (funcFields.ts): set from a constructor's parameter, it is
// what every caller hands in there (`NewHandler(mw.RequireLogin(), …)`); set to a factory's result
// where the struct is built, it is that factory's middleware; callers handing in different ones
// leave it `unknown`, as an unread field was before (test/fixtures/routes/go-field-middleware).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go middleware held in struct fields: test/fixtures/routes/go-field-middleware', () => {
  const routes = httpRoutesOf('go-field-middleware');
  itHasStates(routes, [
    ['GET /api/ping', 'unguarded'],
    ['GET /api/priv/me', 'guarded'],
    ['GET /api/x/thing', 'unguarded'],
    ['GET /admin/stats', 'guarded'],
    ['GET /m1/thing', 'unknown'],
    ['GET /m2/thing', 'unknown'],
  ]);
  it('names the field and where the factory refuses', () => {
    const g = routes.byId('GET /api/priv/me').guards[0];
    assert.equal(g?.name, 'h.auth');
    assert.equal(g?.evidence?.file, 'mw/mw.go');
  });
});
