// FastAPI app dependencies chosen by a conditional expression (fixture
// test/fixtures/routes/fastapi-app-switch): `FastAPI(dependencies=[Depends(admin())] if enforce else [])`
// in an app factory whose `enforce` parameter defaults to True guards every included route; a
// condition we cannot read (a setting) leaves a route without a guard of its own unknown; the paths
// the global check lets through before refusing (literal sets) are left to their own dependencies. A route
// dependency named `allow_any_authenticated()` is a required check, not "anonymous allowed".
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/fastapi-app-switch');

const ROWS: [id: string, state: string, guard?: RegExp][] = [
  ['GET /faces', 'guarded', /require_admin_by_default/],
  ['GET /events', 'guarded', /allow_any_authenticated/],
  // The global check lets these paths through (its literal EXEMPT_PATHS / EXEMPT_PREFIXES): their own dependencies decide.
  ['GET /events/:event_id', 'unguarded'],
  ['GET /review/:review_id', 'guarded', /allow_any_authenticated/],
  // Let through, but its handler calls a refusing dependency function of ours itself: not known open.
  ['GET /events/:event_id/clip.mp4', 'unknown'],
  ['GET /version', 'unguarded'],
  // Not in the set, and no prefix of it: the admin check holds.
  ['GET /versions', 'guarded', /require_admin_by_default/],
  ['GET /status', 'unknown'],
  ['GET /status/detail', 'guarded', /allow_any_authenticated/],
];

describe('python routes: FastAPI app dependencies behind a switch (test/fixtures/routes/fastapi-app-switch)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    // FastAPI's own docs routes of both apps are not what this is about.
    got = (await entriesOf(DIR)).filter((e) => e.kind === 'http' && !/^GET \/(docs|redoc|openapi)/.test(e.id));
  });
  it('finds exactly the expected routes', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ROWS.map(([id]) => id).sort());
  });
  for (const [id, state, guard] of ROWS) {
    it(`${id}: ${state}`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, 'route missing');
      assert.equal(e.guardState, state, e.guardReason);
      if (guard) assert.ok(e.guards.some((g) => guard.test(g.name) && !g.optional), JSON.stringify(e.guards));
    });
  }
});
