// FastAPI `dependencies=` values that are not an inline list (fixture test/fixtures/routes/fastapi-named-deps):
// a module-level list of the same file named at the router or the route (`ADMIN_DEPS`), or spread into a
// list (`[*ADMIN_DEPS]`), is read through its name; a value we do not read (`build_deps()`) leaves the
// route unknown. Both were read as no dependencies at all, so the routes were called unguarded. A
// conditional value written with comments (fixture fastapi-commented-switch) is read past them.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/routes');

const CASES: [dir: string, id: string, state: string, guard?: RegExp][] = [
  ['fastapi-named-deps', 'GET /admin/users', 'guarded', /require_admin/],
  ['fastapi-named-deps', 'GET /cams', 'guarded', /require_admin/],
  ['fastapi-named-deps', 'GET /spread', 'guarded', /require_admin/],
  ['fastapi-named-deps', 'GET /built', 'unknown'],
  ['fastapi-named-deps', 'GET /open', 'unguarded'],
  // `dependencies=( # why, [Depends(require_admin)] # the default, if enforce_admin … else [])`, enforce_admin=True, comments on their own lines.
  ['fastapi-commented-switch', 'GET /faces', 'guarded', /require_admin/],
];

describe('python routes: FastAPI dependencies through a name, a spread, an unread value, comments (test/fixtures/routes/fastapi-named-deps, fastapi-commented-switch)', () => {
  const got = new Map<string, EntryPoint[]>();
  before(async () => {
    for (const dir of new Set(CASES.map(([d]) => d))) got.set(dir, (await entriesOf(path.join(FIXTURES, dir))).filter((e) => e.kind === 'http' && !/^GET \/(docs|redoc|openapi)/.test(e.id)));
  });
  it('finds exactly the expected routes', () => {
    for (const dir of got.keys()) assert.deepEqual(got.get(dir)!.map((e) => e.id).sort(), CASES.filter(([d]) => d === dir).map(([, id]) => id).sort(), dir);
  });
  for (const [dir, id, state, guard] of CASES) {
    it(`${dir} ${id}: ${state}`, () => {
      const e = got.get(dir)!.find((x) => x.id === id);
      assert.ok(e, 'route missing');
      assert.equal(e.guardState, state, e.guardReason);
      if (guard) assert.ok(e.guards.some((g) => guard.test(g.name) && !g.optional), JSON.stringify(e.guards));
    });
  }
});
