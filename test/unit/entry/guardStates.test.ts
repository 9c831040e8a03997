// Guard states on patterns seen in real Koa services (test/fixtures/routes/koa-mount): koa-mount
// prefixes, koa-router's `register(path, methods, middleware)`, `auth({ optional: true })` as anonymous allowed, a signed-link check one call down the
// handler as a guard, a Koa app's `server/routes/` folder that is not a file-based router, and Bull
// Board's Koa plugin, which mounts the dashboard itself under the adapter's base path.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/koa-mount');

describe('routes: guard states on koa-mount, optional auth and signed links', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  it('finds the routes under the mount prefix, and nothing from the routes folder itself', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ['ANY /admin/*', 'GET /api/documents.health', 'GET /api/documents.redirect', 'GET /api/documents.unsubscribe', 'POST /api/documents.info', 'POST /api/documents.list', 'POST /api/documents.redirect']);
    for (const e of got) assert.equal(e.framework, 'koa');
  });
  it('the dashboard plugin is one route under the base path set on its adapter, open when nothing runs before it', () => {
    const e = got.find((x) => x.id === 'ANY /admin/*');
    assert.ok(e, got.map((x) => x.id).join(', '));
    assert.equal(e.handler, 'Bull Board queue dashboard');
    assert.deepEqual([e.file, e.line], ['server/services/admin.ts', 10]);
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });
  const expected: [string, EntryPoint['guardState']][] = [
    ['POST /api/documents.list', 'guarded'],
    ['POST /api/documents.info', 'optional'],
    ['GET /api/documents.unsubscribe', 'guarded'],
    ['GET /api/documents.health', 'unguarded'],
    ['GET /api/documents.redirect', 'guarded'],
    ['POST /api/documents.redirect', 'guarded'],
  ];
  for (const [id, state] of expected) {
    it(`${id} is ${state}`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, 'route missing');
      assert.equal(e.guardState, state, e.guardReason);
      if (state === 'guarded') assert.ok(e.guards.some((g) => !g.optional && g.file && g.line > 0), JSON.stringify(e.guards));
    });
  }
});
