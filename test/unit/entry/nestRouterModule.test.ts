// Nest's RouterModule (test/fixtures/routes/nest-router-module): a tree of `{ path, module,
// children }` held in a constant of another file puts each module's controllers under the module's
// path, a child under its parent's (a bare module in `children` takes its parent's path); an inline
// tree in another module does the same; the global prefix and the URI version go before the module
// path, as Nest's RoutePathFactory joins them; a controller of a module on no tree keeps its path.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { entriesOf } from './sampleServices.test';

describe('nest: RouterModule module paths', () => {
  const root = path.resolve(__dirname, '../../../../test/fixtures/routes/nest-router-module');
  let ids: string[] = [];
  before(async () => {
    ids = (await entriesOf(root)).filter((e) => e.kind === 'http').map((e) => e.id);
  });

  it('a tree held in an imported constant: parent path, child path, and a bare child module under its parent', () => {
    for (const id of ['GET /api/v1/admin/users', 'GET /api/v1/admin/metrics/daily', 'GET /api/v1/admin/cats/:id']) assert.ok(ids.includes(id), `${id}: ${ids.join(', ')}`);
  });

  it('an inline tree registered in another module, and a controller of no tree', () => {
    assert.ok(ids.includes('GET /api/v1/shop/items'), ids.join(', '));
    assert.ok(ids.includes('GET /api/v1/health'), ids.join(', '));
    assert.equal(ids.length, 5, ids.join(', '));
  });
});
