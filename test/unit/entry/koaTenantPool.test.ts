// Apps reached only through a pool (test/fixtures/routes/koa-tenant-pool): a Koa middleware gets its
// tenant from a pool whose `get` answers from an LRU cache or builds `Tenant.create(id)` on a miss,
// then hands the request to `tenant.run`, which the tenant's constructor made `mount(this.app)`.
// The dispatcher mounts that app, so every step from the root is known: the open route is
// unguarded, the one behind the tenant's router-level check guarded, and one whose check the handler
// hands to a plugin we cannot read (a session lookup that throws SessionNotFound) unknown.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

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
