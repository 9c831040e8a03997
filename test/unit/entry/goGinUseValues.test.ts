// gin's `Use` gives back the group it was called on: `aR := rg.Group("/tag").Use(mw)` and
// `arp := aR.Use(mw)` keep that group in the variable, so the routes registered on it are found and
// are behind mw; a route registered on the group before the `Use` keeps only the middleware above.
// A route under `if global.Config.App.ShowSwagger == 1` (a package variable viper fills; `App App`
// untagged beside `mapstructure` tags reads key "app") is registered as conf/config.yaml says.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('gin groups kept from a Use call: test/fixtures/routes/go-gin-use-values', () => {
  const routes = httpRoutesOf('go-gin-use-values');
  const route = routes.byId;
  it('`aR := rg.Group("/tag").Use(AdminOnly())`: its routes are found, behind both middleware', () => {
    for (const id of ['GET /api/admin/tag/list', 'POST /api/admin/tag/create']) {
      assert.equal(route(id).guardState, 'guarded');
      assert.match(route(id).guardReason ?? '', /AdminOnly/);
    }
  });
  it('`arp := aR.Use(AdminOnly())`: routes on arp are behind it, the route before it only behind UserAuth', () => {
    assert.match(route('GET /api/admin/share/list').guardReason ?? '', /AdminOnly/);
    const before = route('POST /api/admin/share/byLink');
    assert.equal(before.guardState, 'guarded');
    assert.doesNotMatch(before.guardReason ?? '', /AdminOnly/);
    assert.equal(route('POST /api/admin/login').guardState, 'unguarded');
  });
});

describe('routes under a test of a package-level configuration value read from the shipped YAML: test/fixtures/routes/go-gin-use-values', () => {
  const routes = httpRoutesOf('go-gin-use-values');
  it('`if global.Config.App.ShowSwagger == 1`, conf/config.yaml `app: show-swagger: 0` (App untagged beside tagged fields): not registered; web-client: 1 is', () => {
    assert.deepEqual(routes.all().filter((e) => e.path === '/swagger').map((e) => e.id), []);
    assert.equal(routes.byId('GET /webclient').guardState, 'unguarded');
  });
});
