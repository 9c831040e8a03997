// Routes kept as data by a router class of the service's own (test/fixtures/routes/koa-router-class):
// its verb methods store the handler under the path in a member keyed by HTTP method, an alias answers
// a path with another's handler (written before its target), and the one Koa middleware that
// dispatches refuses a route of a table its `isOpen` test answers no for when the caller has no
// account. Inside open tables: a named check one call down (`userRequired(ctx)`), a signpost that
// redirects every caller by login state, a type argument that names a session, a dispatch table.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: a router class of our own keeping routes as data (Koa)', () => {
  const routes = httpRoutesOf('koa-router-class');
  itHasStates(routes, [
    ['GET /api/notes', 'guarded', /isOpen \(dispatch\)/],
    ['POST /api/notes', 'guarded', /isOpen \(dispatch\)/],
    ['POST /api/notes/:id', 'guarded', /isOpen \(dispatch\)/],
    ['DELETE /api/notes/:id', 'guarded', /ctx\.state\.user/],
    ['GET /api/notes/feed', 'unguarded'],
    ['GET /pages/about', 'unguarded'],
    ['GET /pages/start', 'optional'],
    ['GET /pages/mine', 'guarded', /userRequired|check in/],
    ['POST /pages/checkout', 'unguarded'],
    ['GET /pages/help', 'unguarded'],
  ], (e, [, , reason]) => {
    if (reason instanceof RegExp) assert.match([e.guardReason, ...e.guards.map((g) => `${g.name}: ${g.reason}`)].join(' | '), reason);
  });
  it('an alias is registered where it is written, with the handler of its target', () => {
    const alias = routes.byId('POST /api/notes/:id');
    const target = routes.byId('POST /api/notes');
    assert.equal(alias.line, 10);
    assert.equal(target.line, 12);
    assert.deepEqual(alias.handlerLocation, target.handlerLocation);
  });
});
