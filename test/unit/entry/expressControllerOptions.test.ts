// Class-based controllers (test/fixtures/routes/express-controller-options): a base `Controller`
// owns `this.app = Router()`, registers through `route({ method, path, handler, permission })` and
// `get(path, handler)` (which calls `route`), and hands its router out through a `router` getter
// that parents mount. A route is declared where the subclass writes its path (the options object's
// `path`, or `get`'s argument), not at the base class's `this.app[options.method](…)`; and sixty
// controllers, or sixty routes of one, are all followed: the base class's constructor, `route` and
// getter run once per controller or route, far past the run count of an ordinary function.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: class-based controllers with an options object', () => {
  const { all, byId } = httpRoutesOf('express-controller-options');

  const expected: [id: string, file: string, line: number][] = [
    ['GET /api/items', 'src/controllers/items.ts', 6],
    ['POST /api/items/:id', 'src/controllers/items.ts', 7],
    ['GET /api/items/:id/history', 'src/controllers/items.ts', 8],
    ['GET /api/parts/1', 'src/controllers/parts.ts', 5],
    ['GET /api/parts/60', 'src/controllers/parts.ts', 64],
    ['GET /api/reports/r1', 'src/controllers/reports.ts', 6],
    ['GET /api/reports/r60', 'src/controllers/reports.ts', 65],
  ];
  for (const [id, file, line] of expected) {
    it(`${id} is found where the subclass gives its path (${file}:${line})`, () => {
      const e = byId(id);
      assert.equal(e.file, file);
      assert.equal(e.line, line);
    });
  }

  it('finds every controller and every route, none at the base class', () => {
    const ids = all().map((e) => `${e.id} ${e.file}:${e.line}`);
    assert.equal(all().filter((e) => e.file === 'src/controller.ts').length, 0, ids.join(', '));
    assert.equal(all().filter((e) => e.path.startsWith('/api/parts/')).length, 60, ids.join(', '));
    assert.equal(all().filter((e) => e.path.startsWith('/api/reports/')).length, 60, ids.join(', '));
    assert.equal(all().length, 123, ids.join(', '));
  });
});
