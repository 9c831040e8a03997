// Routes added by plugin hook functions (test/fixtures/routes/express-plugin-hooks, the shape of
// Etherpad): ep.json names, per hook, the module whose function the plugin framework calls with
// the hook's context (`hooks.aCallAll('expressCreateServer', { app })`); the framework itself is
// not in the repository. The router in the context is the app, at the point of the dispatch: what
// one hook registers before the access check is open, what the next registers after it is behind
// it. And an OpenAPI backend's mount, whose registered functions all refuse a caller without
// credentials, is guarded; the bundled Swagger UI files and an OIDC provider are routes of their own.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: hook functions a plugin manifest (ep.json) names', () => {
  const { all, byId } = httpRoutesOf('express-plugin-hooks');

  it('registers every hook function on the app handed in the context', () => {
    assert.deepEqual(all().map((e) => e.id).sort(), [
      'ANY /api-docs/*',
      'ANY /api/1/*',
      'ANY /api/2/*',
      'ANY /oidc/*',
      'GET /api-docs',
      'GET /health',
      'GET /p/:pad',
      'POST /p/:pad/import',
      'POST /upload',
    ]);
  });

  it('puts the middleware installed between two dispatches before the later hook’s routes only', () => {
    assert.equal(byId('GET /health').guardState, 'unguarded');
    assert.equal(byId('GET /p/:pad').guardState, 'guarded');
    assert.match(byId('GET /p/:pad').guardReason ?? '', /checkAccess/);
    // `module:function` in the manifest names the function.
    assert.equal(byId('POST /p/:pad/import').guardState, 'guarded');
  });

  it('judges a mount that hands the request to a library by the functions registered on it', () => {
    const r = byId('ANY /api/1/*');
    assert.equal(r.guardState, 'guarded', r.guardReason);
    assert.match(JSON.stringify(r.guards), /every function registered on .*handleRequest.*Unauthorized/);
  });

  it('does not count the callback handed with the request in the same call as registered', () => {
    assert.equal(byId('POST /upload').guardState, 'unguarded', byId('POST /upload').guardReason);
  });

  it('takes a handler that never uses its `next` as the end of its prefix', () => {
    assert.equal(byId('ANY /api/2/*').guardState, 'guarded');
  });
});
