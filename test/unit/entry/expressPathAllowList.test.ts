// An app-wide check that lets the paths of a constant list through before it checks anything
// (test/fixtures/routes/express-path-allowlist, as Flowise's WHITELIST_URLS): routes whose URL the
// list lets through are open, the others guarded; a router's own list is read against `req.path`
// relative to its mount. A path with a trailing-slash entry (`/api/v1/prediction/`) is let through
// for the route written without it too: Express answers it at both.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { sampleUrls } from '../../../src/core/entry/interp/pathAllowList';

describe('routes: an app-wide check with a path allow-list', () => {
  const { byId } = httpRoutesOf('express-path-allowlist');
  const state = (id: string): string | undefined => byId(id).guardState;

  it('routes the list lets through are open', () => {
    for (const id of ['GET /api/v1/ping', 'GET /api/v1/public', 'GET /api/v1/public/:id', 'POST /api/v1/prediction', 'POST /api/v1/prediction/:id']) assert.equal(state(id), 'unguarded', id);
  });

  it('the others keep the check', () => {
    assert.equal(state('GET /api/v1/flows'), 'guarded');
    assert.equal(state('GET /admin/users'), 'guarded');
  });

  it("a router's own list is read against the path under its mount", () => {
    assert.equal(state('GET /admin/status'), 'unguarded');
  });

  it('tries each path with a value for its parameters, with and without a trailing slash', () => {
    assert.deepEqual(sampleUrls('/a/:id/b'), ['/a/p1/b', '/a/p1/b/']);
    assert.deepEqual(sampleUrls('/x/'), ['/x', '/x/']);
    assert.deepEqual(sampleUrls('/'), ['/']);
  });
});
