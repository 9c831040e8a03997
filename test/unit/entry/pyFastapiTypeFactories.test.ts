// FastAPI dependencies written as types a function of ours builds (fixture
// test/fixtures/routes/fastapi-type-factories): a factory returning
// Annotated[User, Security(get_current_user, scopes=...)] called right in a parameter's annotation,
// through a re-export, or once at module level into a CapWords type alias used from another module
// (`user: scopes.ViewItems`). The route is guarded by what the factory's return holds; a factory
// whose type depends on nothing guards nothing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/fastapi-type-factories');

const ROWS: [id: string, state: string][] = [
  ['GET /items', 'guarded'],
  ['GET /items/:item_id', 'guarded'],
  ['DELETE /items/:item_id', 'guarded'],
  ['POST /items', 'guarded'],
  ['GET /items/mine/all', 'guarded'],
  ['GET /items/public/list', 'unguarded'],
  // Depends(allow("admin")): a factory whose returned checker depends on get_current_user and refuses.
  ['GET /admin/stats', 'guarded'],
  ['POST /catalog/entries', 'guarded'],
  // Depends(paginate(50)): a factory whose returned function reads no identity.
  ['GET /catalog/entries', 'unguarded'],
];

describe('python routes: FastAPI dependency types built by a factory (test/fixtures/routes/fastapi-type-factories)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(DIR)).filter((e) => e.kind === 'http');
  });
  it('finds exactly the expected routes', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ROWS.map(([id]) => id).sort());
  });
  for (const [id, state] of ROWS) {
    it(`${id}: ${state}`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, 'route missing');
      assert.equal(e.guardState, state, e.guardReason);
      if (state === 'guarded') assert.ok(e.guards.some((g) => /get_current_user|allow\(/.test(g.name)), JSON.stringify(e.guards));
    });
  }
});
