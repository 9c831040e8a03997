// Routers loaded by a directory loader (test/fixtures/routes/express-module-dirs): `auto-load` and
// `require-dir` give an object keyed by file name, each the module's export, and the app mounts
// its properties (`app.use('/', ctrl.pages)`, Wiki.js's server/master.js). The folder may be a
// `__dirname` join, a path relative to the file, or a setting joined with a literal folder
// (`path.join(WIKI.SERVERPATH, '/controllers')`), which names the one folder of that name beside
// the calling file. And a sign-in page whose handler redirects on into the sign-in flow (Wiki.js's
// GET /login under auto-login) is not guarded by that redirect.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: routers loaded by a directory loader (auto-load, require-dir)', () => {
  const { byId } = httpRoutesOf('express-module-dirs');

  it('mounts the routers of a folder named by a setting joined with a literal folder', () => {
    const e = byId('GET /healthz');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
    assert.equal(byId('GET /.well-known/acme-challenge/:token').guardState, 'unguarded');
    assert.equal(byId('GET /a').guardState, 'guarded', byId('GET /a').guardReason);
    assert.equal(byId('GET /a/*').guardState, 'guarded');
  });

  it('reads middleware and routers of folders named relative to the file', () => {
    const e = byId('GET /api/items');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.ok(e.guards.some((g) => g.file === 'server/middlewares/requireUser.js'), JSON.stringify(e.guards));
  });

  it('does not take a sign-in page sending the caller on into the sign-in flow for a guard', () => {
    const e = byId('GET /login');
    assert.notEqual(e.guardState, 'guarded', e.guardReason);
    assert.equal(byId('GET /account').guardState, 'guarded', byId('GET /account').guardReason);
  });
});

describe('routes: Apollo Server 2 mounting itself with applyMiddleware({ app })', () => {
  const { byId } = httpRoutesOf('express-module-dirs');

  it('adds the GraphQL endpoint at its default path on the app it is handed', () => {
    const e = byId('ANY /graphql');
    assert.equal(e.file, 'server/graph.js');
  });
});
