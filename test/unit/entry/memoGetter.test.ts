// An export behind a getter that does more than return (test/fixtures/routes/express-memo-getter):
// `get staffAuth() { staffAuth = staffAuth || new StaffAuth(); return staffAuth; }` runs when read,
// destructured or not, so the guard its instance makes is found (it was read as the getter
// function itself, and the guard stayed unknown).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/express-memo-getter');

describe('routes: exports behind a memoizing getter', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  for (const id of ['GET /api/staff', 'GET /api/reports']) {
    it(`${id} is guarded by the instance's requireStaff`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, `${id} missing; found ${got.map((x) => x.id).join(', ')}`);
      assert.equal(e.guardState, 'guarded', e.guardReason);
      assert.ok(e.guards.some((g) => g.name.includes('requireStaff') && g.file === 'services/staffAuth.js'), JSON.stringify(e.guards));
    });
  }
});
