// Fastify routes behind an app-wide cookie decoder that never refuses (test/fixtures/routes/fastify-item-secrets,
// the shape of Hemmelig's server): a refusal under a restriction the item looked up by the path sets for
// itself — its own password, its own IP allow-list — is asked of every caller alike and checks no one
// (interp/itemRestrictions.ts); `reply.jwtSign(…)` with a cookie set signs the caller in, unless its claims
// come from the caller the request already carries (handlerCheck.ts `signsCallerIn`); `db.user.findFirst`
// is a store's model, not `request.user` (identityUse.ts, identityCalls.ts `moduleBound`); @fastify/static
// reads no identity. A test of the caller, a row found by the caller's session, a renewal: unchanged.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('routes: Fastify item restrictions, jwtSign sign-ins, store models named user, static files', () => {
  const routes = httpRoutesOf('fastify-item-secrets');
  itHasStates(routes, [
    ['GET /static/*', 'unguarded', /its identity is not used/],
    ['POST /api/accounts/signin', 'unguarded', /its identity is not used/],
    ['POST /api/accounts/signup', 'unguarded', /its identity is not used/],
    ['GET /api/notes/:id/exists', 'unguarded', /its identity is not used/],
    ['GET /api/notes/:id', 'unguarded', /its identity is not used/],
    ['GET /api/accounts/me', 'optional', /anonymous allowed/],
    ['POST /api/accounts/renew', 'guarded', /check in the handler/],
    ['GET /api/notes/:id/edit', 'guarded', /inline middleware/],
    ['GET /api/notes/mine/latest', 'guarded', /check in the handler/],
  ], (e, [, , reason]) => assert.match(reasonsOf(e), reason));
});
