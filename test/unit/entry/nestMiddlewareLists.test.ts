// A Nest middleware binding whose routes are a spread of the module file's constant list
// (`forRoutes(...authenticatedControllers)`), with `exclude(…)` before it (objects and a spread
// list of paths), and one spreading a list kept in another file, which we do not read: its routes
// are unknown, never unguarded (test/fixtures/routes/nest-middleware-lists).
import * as assert from 'node:assert/strict';
import { settleGuardStates } from '../../../src/core/entry/guardState';
import { httpRoutesOf } from './httpRoutes';

describe('nest: middleware bound to constant lists, with exclusions', () => {
  const { all, byId } = httpRoutesOf('nest-middleware-lists');
  before(async () => {
    await settleGuardStates(all(), () => '');
  });
  const rows: [string, string, RegExp | undefined][] = [
    ['GET /account/self', 'guarded', /consumer\.apply\(AuthMiddleware\)\.forRoutes/],
    ['GET /billing', 'guarded', /consumer\.apply\(AuthMiddleware\)\.forRoutes/],
    ['POST /account/signup', 'unguarded', undefined],
    ['GET /api/items', 'guarded', /consumer\.apply\(AuthMiddleware\)\.forRoutes/],
    ['GET /api/health', 'unguarded', undefined],
    ['GET /api/docs', 'unguarded', undefined],
    // `...reportControllers`, an array exported by lists.ts.
    ['GET /reports', 'guarded', /consumer\.apply\(AuthMiddleware\)\.forRoutes/],
  ];
  for (const [id, state, reason] of rows) {
    it(`${id} is ${state}`, () => {
      const e = byId(id);
      assert.equal(e.guardState, state, `${e.guardReason} | ${JSON.stringify(e.guards)}`);
      if (reason) assert.ok(e.guards.some((g) => reason.test(g.reason)), JSON.stringify(e.guards));
    });
  }
  it('has exactly the routes of the table', () => {
    assert.deepEqual(all().map((e) => e.id).sort(), rows.map((r) => r[0]).sort());
  });
});

describe('nest: a middleware binding whose list we cannot read', () => {
  const { byId } = httpRoutesOf('nest-middleware-unread');
  it('leaves the routes it may hold unknown, never unguarded', async () => {
    const e = byId('GET /notes');
    await settleGuardStates([e], () => '');
    assert.equal(e.guardState, 'unknown', `${e.guardReason} | ${JSON.stringify(e.guards)}`);
    assert.ok(e.guards.some((g) => /forRoutes\(\.\.\.controllersFor\('private'\)\): a list we could not read/.test(g.reason)), JSON.stringify(e.guards));
  });
});
