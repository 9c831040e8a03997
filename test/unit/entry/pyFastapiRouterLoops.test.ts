// FastAPI routers included in a loop (fixture test/fixtures/routes/fastapi-router-loops, the shape of
// argilla-server's apis/routes.py): `for router in [users.router, items.router]: api.include_router(router)`,
// pairs `for router, prefix in [(admin.router, "/admin")]`, and a loop over a module-level tuple of
// routers. Each router is mounted under the sub-app (`app.mount("/api/v1", api_v1)`), with the
// loop's prefix, instead of standing alone at the root. The sub-app is built by a factory under a
// local name (`api = FastAPI()`, `return api`) and bound as `api_v1 = create_api()`
// (fastapiFactoryApps.ts), and mounted from a configure function called in a loop.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/fastapi-router-loops');

type Row = [id: string, place: string, state: string];

const ROWS: Row[] = [
  // Security(auth.get_current_user): a bound method of a provider instance whose APIKeyHeader refuses.
  ['GET /api/v1/users', 'app/handlers/users.py:8', 'guarded'],
  ['GET /api/v1/version', 'app/handlers/users.py:13', 'unguarded'],
  ['DELETE /api/v1/items/:item_id', 'app/handlers/items.py:8', 'guarded'],
  ['GET /api/v1/admin/stats', 'app/handlers/admin.py:6', 'unguarded'],
  ['GET /api/v1/audit/events', 'app/handlers/audit.py:6', 'unguarded'],
];

describe('python routes: FastAPI routers included in a loop (test/fixtures/routes/fastapi-router-loops)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(DIR)).filter((e) => e.kind === 'http');
  });
  it('finds exactly the expected routes', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ROWS.map(([id]) => id).sort());
  });
  for (const [id, place, state] of ROWS) {
    it(`${id}: ${place}, ${state}`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, 'route missing');
      assert.equal(`${e.file}:${e.line}`, place);
      assert.equal(e.guardState, state);
    });
  }
});
