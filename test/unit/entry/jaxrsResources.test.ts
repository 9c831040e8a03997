// JAX-RS across files (test/fixtures/routes/jaxrs-filters and jaxrs-application-path): resource
// methods a @Path class inherits from a base class without one, those a sub-resource locator hands
// requests to, the application path (a Jersey
// container mounted at a servlet path in code, @ApplicationPath), and request filters the
// application registers — global, spared by an annotation, bound by @NameBinding, or refusing only
// methods that carry an annotation; a filter never registered guards nothing.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

const SHOP = 'src/main/java/com/example/shop/';
const crud = `${SHOP}CrudResource.java`;
const products = `${SHOP}api/ProductResource.java`;

describe('routes: JAX-RS inherited resource methods, application path and request filters', () => {
  const shop = httpRoutesOf('jaxrs-filters');
  const status = httpRoutesOf('jaxrs-application-path');

  // [id, file, line, state, guard named in the reason]
  const rows: [string, string, number, string, RegExp | undefined][] = [
    ['GET /rest/products', crud, 14, 'guarded', /TokenFilter/],
    ['GET /rest/products/:id', crud, 19, 'guarded', /TokenFilter/],
    ['POST /rest/products', crud, 25, 'guarded', /TokenFilter/],
    // Declared again in the subclass: its own route, not the inherited one.
    ['DELETE /rest/products/:id', products, 39, 'guarded', /TokenFilter/],
    ['GET /rest/products/catalog', products, 25, 'unguarded', undefined],
    // Spared by the filter, and the handler reads the caller through a base-class helper.
    ['GET /rest/products/featured', products, 32, 'optional', /lets @PermitAll through/],
    // Spared by the token filter, refused by the filter bound to @Audited.
    ['POST /rest/products/import', products, 54, 'guarded', /AuditFilter/],
    // Through the locator: the sub-resource's methods under the locator's path, behind the same filter.
    ['GET /rest/products/:id/reviews', `${SHOP}api/ReviewResource.java`, 16, 'guarded', /TokenFilter/],
    ['POST /rest/products/:id/reviews', `${SHOP}api/ReviewResource.java`, 21, 'guarded', /critic/],
    ['GET /rest/cart', crud, 14, 'guarded', /TokenFilter/],
    ['GET /rest/cart/:id', crud, 19, 'guarded', /TokenFilter/],
    ['POST /rest/cart', crud, 25, 'guarded', /TokenFilter/],
    ['DELETE /rest/cart/:id', crud, 30, 'guarded', /TokenFilter/],
  ];
  for (const [id, file, line, state, reason] of rows) {
    it(`${id}: ${state}`, () => {
      const e = shop.byId(id);
      assert.equal(`${e.file}:${e.line}`, `${file}:${line}`);
      assert.equal(e.guardState, state, e.guardReason);
      if (reason) assert.match(`${e.guardReason} ${e.guards.map((g) => g.name).join(' ')}`, reason);
    });
  }

  it('lists no route for the base class alone, none outside the application path, and only the routes above', () => {
    assert.deepEqual(shop.all().map((e) => e.id).sort(), rows.map((r) => r[0]).sort());
  });

  it('does not let the audit filter guard methods without its binding, nor an unregistered filter guard anything', () => {
    for (const e of shop.all()) assert.doesNotMatch(e.guards.map((g) => g.name).join(' '), /UnusedFilter/, e.id);
    assert.doesNotMatch(shop.byId('GET /rest/products').guards.map((g) => g.name).join(' '), /AuditFilter/);
  });

  it('prefixes @ApplicationPath and guards only the methods a filter refuses by their annotation', () => {
    assert.equal(status.byId('GET /api/status').guardState, 'unguarded');
    const m = status.byId('POST /api/status/maintenance');
    assert.equal(m.guardState, 'guarded', m.guardReason);
    assert.match(m.guardReason ?? '', /AdminFilter/);
    assert.deepEqual(status.all().map((e) => e.id).sort(), ['GET /api/status', 'GET /api/status/secrets', 'POST /api/status/maintenance']);
  });

  it('reads a registration in a ResourceConfig subclass that imports nothing of jakarta.ws.rs', () => {
    const e = status.byId('GET /api/status/secrets');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.match(e.guardReason ?? '', /KeyFilter/);
    assert.doesNotMatch(status.byId('POST /api/status/maintenance').guards.map((g) => g.name).join(' '), /KeyFilter/);
  });
});

describe('routes: JAX-RS DynamicFeature registrations and two containers told apart by their packages', () => {
  const app = httpRoutesOf('jaxrs-dynamic-feature');
  const APP = 'src/main/java/com/example/app/';
  // [id, file, line, state, guard named in the reason]
  const rows: [string, string, number, string, RegExp | undefined][] = [
    ['GET /api/v1/items', `${APP}v1/ItemResource.java`, 11, 'guarded', /TokenFilter/],
    // The feature keeps the token filter away from a method marked @AuthenticationNotRequired; the mark is no guard.
    ['GET /api/v1/items/public', `${APP}v1/ItemResource.java`, 16, 'unguarded', undefined],
    // Spared by the token filter, but the feature registers the audit filter for @Audited methods.
    ['POST /api/v1/items/import', `${APP}v1/ItemResource.java`, 23, 'guarded', /AuditFilter/],
    // Served by the second container (its configuration scans its own package).
    ['GET /api/v2/things', `${APP}v2/ThingResource.java`, 8, 'guarded', /TokenFilter/],
  ];
  for (const [id, file, line, state, reason] of rows) {
    it(`${id}: ${state}`, () => {
      const e = app.byId(id);
      assert.equal(`${e.file}:${e.line}`, `${file}:${line}`);
      assert.equal(e.guardState, state, e.guardReason);
      if (reason) assert.match(`${e.guardReason} ${e.guards.map((g) => g.name).join(' ')}`, reason);
    });
  }

  it('lists only the routes above', () => {
    assert.deepEqual(app.all().map((e) => e.id).sort(), rows.map((r) => r[0]).sort());
  });
});
