// A route table keyed '<method> <path>' whose flag objects pick each route's middleware in a loop
// (test/fixtures/routes/express-flag-table, the shape of Gladys Assistant's server/api/setupRoutes.js):
// a flag an object literal of ours lacks is off (its middleware is not pushed), an error class named
// by its status (`throw new Error401()`) refuses, and a check of the caller's Authorization header
// guards a POST .../login too. Flags spread from an object we cannot see stay undecided: both arms.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';
import { callRefusal, throwRefusal } from '../../../src/core/entry/facts/refusal';
import { truth } from '../../../src/core/entry/interp/whenEval';

describe('routes: a route table whose flags pick the middleware', () => {
  const routes = httpRoutesOf('express-flag-table');
  itHasStates(routes, [
    // `authenticated: false`, no other flag: nothing pushed.
    ['GET /api/ping', 'unguarded'],
    ['POST /api/login', 'unguarded'],
    // AuthMiddleware(scope) = asyncMiddleware(async (req) => { … throw new Error401() }).
    ['GET /api/users', 'guarded'],
    ['DELETE /api/users/:id', 'guarded'],
    // Behind a check of the Authorization header (and admin), though the path says login.
    ['POST /api/gateway/login', 'guarded'],
    ['POST /api/backup/restore', 'guarded'],
    // `{ ...app.routeDefaults, controller }`: a flag may be on; never unguarded.
    ['GET /api/settings', 'guarded'],
  ]);

  it('pushes only the flags a route has: no admin check on GET /api/users, none of the not-configured one', () => {
    assert.deepEqual(routes.byId('GET /api/users').guards.map((g) => g.name), ['asyncMiddleware(<function>)']);
    assert.deepEqual(routes.byId('DELETE /api/users/:id').guards.map((g) => g.name), ['asyncMiddleware(<function>)', 'adminMiddleware']);
  });

  it('names the handler by its value when the list was spread (not by the spread as written)', () => {
    assert.equal(routes.byId('GET /api/ping').handler, 'asyncMiddleware(ping)');
    assert.equal(routes.byId('GET /api/users').handler, 'asyncMiddleware(list)');
  });

  it('reads an error class named by its status as a refusal, not a message holding the number', () => {
    for (const t of ['new Error401()', "new Error403('admin only')", 'errors.Http401Error()', 'Error401']) assert.equal(throwRefusal(t, 1)?.how, 'throw', t);
    assert.equal(callRefusal('next', ['new Error403()'], 1)?.how, 'error');
    for (const t of ['new Error4010()', "new Error('code 4031')", 'new E1401()']) assert.equal(throwRefusal(t, 1), undefined, t);
  });

  it('takes a property an object literal lacks as undefined, an unknown one as undecided', () => {
    assert.equal(truth({ k: 'unknown', text: 'routes[key].admin', absent: true }), false);
    assert.equal(truth({ k: 'unknown', text: 'routes[key].admin' }), undefined);
  });
});
