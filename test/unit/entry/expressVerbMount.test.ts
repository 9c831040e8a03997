// Routers handed to a verb as its handler (`app.all('/entries*', router)`: the router sees the URL
// unchanged, so its paths are written in full, and only what the verb's method and pattern let
// through reaches it), and what a boot chain's steps store on a context object we cannot see
// (`ctx.authorization = …`, `ctx.properties = router`), read later by the app
// (test/fixtures/routes/express-verb-mount).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { passesThrough } from '../../../src/core/entry/frameworks/expressVerbMount';

describe('routes: Express routers mounted by a verb, and a boot context', () => {
  const { all, byId } = httpRoutesOf('express-verb-mount');

  it('keeps the routes the verbs let through, at their paths as written, under the app mount', () => {
    // Not `ANY /*`: a wildcard handler that only redirects to the request's own URL, else passes on, is middleware;
    // `GET /api/v1/docs/*` sends a page and `GET /api/v1/r/*` redirects to a stored link: routes.
    assert.deepEqual(all().map((e) => e.id).sort(), ['GET /api/v1/docs/*', 'GET /api/v1/entries', 'GET /api/v1/r/*', 'GET /api/v1/times/:prefix?', 'GET /api/v2/properties', 'GET /api/v2/properties/:name', 'POST /api/v1/entries']);
  });

  it('judges a guard reached through the context object', () => {
    assert.equal(byId('POST /api/v1/entries').guardState, 'guarded', byId('POST /api/v1/entries').guardReason);
    assert.equal(byId('GET /api/v1/entries').guardState, 'unguarded');
    const p = byId('GET /api/v2/properties/:name');
    assert.equal(p.guardState, 'guarded', p.guardReason);
    assert.equal(p.file, 'lib/properties.js');
  });

  it('follows a handler that hands the request to a function stored on the context', () => {
    // Followed into `ctx.authorization.resolveWithRequest`, which reads the caller's `api-secret` header and
    // refuses nobody: anonymous allowed (identityRead.ts), not unknown.
    const e = byId('GET /api/v2/properties');
    assert.equal(e.guardState, 'optional', e.guardReason);
    assert.match(e.guardReason ?? '', /resolveWithRequest/);
  });

  const rows: [method: string, path: string, through: string, pattern: string, passes: boolean][] = [
    ['GET', '/entries', 'ANY', '/entries*', true],
    ['GET', '/entries/:spec', 'ANY', '/entries*', true],
    ['GET', '/echo/:x', 'ANY', '/entries*', false],
    ['GET', '/times/:prefix?/:regex?', 'ANY', '/times/*', true],
    ['GET', '/times', 'ANY', '/times/*', false],
    ['POST', '/times/x', 'GET', '/times/*', false],
    ['HEAD', '/times/x', 'GET', '/times/*', true],
    ['ANY', '/feed', 'GET', '/feed', true],
    ['GET', '/users/:id', 'ANY', '/users/:id', true],
    ['GET', '/users/:id/posts', 'ANY', '/users/:id', false],
    ['GET', '/anything', 'ANY', '*', true],
  ];
  for (const [method, path, through, pattern, passes] of rows) {
    it(`${method} ${path} ${passes ? 'passes' : 'does not pass'} ${through} ${pattern}`, () => {
      assert.equal(passesThrough({ method: through, pattern }, method, path), passes);
    });
  }
});
