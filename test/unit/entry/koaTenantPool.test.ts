// Apps reached only through a pool (test/fixtures/routes/koa-tenant-pool): a Koa middleware gets its
// tenant from a pool whose `get` answers from an LRU cache or builds `Tenant.create(id)` on a miss,
// then hands the request to `tenant.run`, which the tenant's constructor made `mount(this.app)`.
// The dispatcher mounts that app, so every step from the root is known: the open route is
// unguarded, the one behind the tenant's router-level check guarded, and one whose check the handler
// hands to a plugin we cannot read (a session lookup that throws SessionNotFound) unknown.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates } from './httpRoutes';
import { entriesOf } from './sampleServices.test';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/routes/koa-tenant-pool');

describe('routes: an app reached through a tenant pool', () => {
  const routes = httpRoutesOf('koa-tenant-pool');
  itHasStates(routes, [
    ['GET /status', 'unguarded'],
    ['GET /admin/users', 'guarded'],
    ['POST /callback', 'unknown'],
  ]);

  it('says why the handed check leaves the route unknown', () => {
    assert.match(routes.byId('POST /callback').guardReason ?? '', /hands .*SessionNotFound.* to plugin\.validate/);
  });

  it('mounts the app the pool builds, not a second unmounted copy', () => {
    assert.equal(routes.all().filter((e) => e.path === '/status').length, 1);
    assert.doesNotMatch(routes.byId('GET /status').guardReason ?? '', /not mounted/);
  });
});

describe('routes: a dispatcher that refuses requests itself', () => {
  // The same pool, but the dispatcher answers 401 without a key before it hands the request on:
  // replaced by the app it reaches, that refusal would go unseen, so it mounts nothing and the
  // tenant's routes stay unknown rather than open.
  let got: EntryPoint[] = [];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-pool-'));
  before(async () => {
    fs.cpSync(FIXTURE, root, { recursive: true });
    const main = path.join(root, 'src', 'main.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('  const tenant = await pool.get(id);', "  if (!ctx.get('x-key')) {\n    ctx.status = 401;\n    return;\n  }\n  const tenant = await pool.get(id);"));
    got = (await entriesOf(root)).filter((e) => e.kind === 'http');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('does not take it for a mount: the open route is not called open', () => {
    const status = got.find((e) => e.path === '/status');
    assert.ok(status, got.map((e) => e.id).join(', '));
    assert.equal(status.guardState, 'unknown', status.guardReason);
  });
});
