// A handler that reads the caller's credential off a header, itself or in code of ours it hands the
// request to (test/fixtures/routes/express-credential-header, the shape of Nightscout's /verifyauth:
// `resolveWithRequest(req, cb)` → `req.header('api-secret')`, `req.headers.authorization`), and refuses
// nobody: who calls decides the answer, anonymous callers get one too — anonymous allowed, not open.
// A token in the query string (a reset link's), another header, or a link's own password asked only when the
// link has one (Kutt's basic-auth redirect) is no caller's credential.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('routes: a caller’s credential read off a header, refusing nobody', () => {
  const routes = httpRoutesOf('express-credential-header');
  itHasStates(routes, [
    ['GET /verifyauth', 'optional'],
    ['GET /quota', 'optional'],
    ['GET /reset', 'unguarded'],
    ['GET /lang', 'unguarded'],
    ['GET /ping', 'unguarded'],
    ['GET /l/:id', 'unguarded'],
    ['GET /p/:pad/export', 'optional'],
  ]);

  it('names the header read and where', () => {
    assert.match(reasonsOf(routes.byId('GET /verifyauth')), /req\.header\('api-secret'\)|req\.headers\.authorization/);
    assert.match(reasonsOf(routes.byId('GET /quota')), /req\.get\('X-Api-Key'\)/);
  });
});
