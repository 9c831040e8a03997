// `router.route(p).options(h).all(mw).get(h2)` (Nginx Proxy Manager's routers): the `.all` layer runs
// before the verbs registered after it (its handlers lead theirs) and is no route of its own once a
// verb follows it; verbs before it do not meet it; a chain's last `.all` stays a route.
// Fixture: test/fixtures/routes/express-route-all-chain.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/express-route-all-chain');

describe('express routes: route(p).all(mw) before the verbs of its chain', () => {
  let got: EntryPoint[] = [];
  const byId = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('lists the verbs and the trailing .all, not the middleware .all', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ['ANY /api/items/:id', 'GET /api/items', 'OPTIONS /api/items', 'POST /api/items']);
  });

  const cases: [id: string, state: string, guards: string[]][] = [
    ['GET /api/items', 'guarded', ['requireUser']],
    ['POST /api/items', 'guarded', ['requireUser']],
    // Registered before the .all: answered before the middleware runs.
    ['OPTIONS /api/items', 'unguarded', []],
    ['ANY /api/items/:id', 'unguarded', []],
  ];
  for (const [id, state, guards] of cases) {
    it(`${id}: ${state} [${guards.join(', ')}]`, () => {
      const e = byId(id);
      assert.ok(e, `${id} missing`);
      assert.equal(e.guardState, state);
      assert.deepEqual(e.guards.filter((g) => g.kind !== 'other' && !g.optional).map((g) => g.name), guards);
    });
  }
});
