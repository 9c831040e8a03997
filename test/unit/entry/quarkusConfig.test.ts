// Quarkus configuration over JAX-RS resources (test/fixtures/routes/quarkus-*): resources served under
// `quarkus.rest.path` relative to `quarkus.http.root-path`, as the prod profile reads them (an
// @ApplicationPath class replaces the REST path; a value made of another key is not followed), and
// the security it adds: HTTP permission sets by most specific path and method, unannotated methods
// denied or asked for default roles.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: Quarkus REST paths from application.properties / application.yaml', () => {
  const library = httpRoutesOf('quarkus-rest-path');
  const garden = httpRoutesOf('quarkus-application-path');
  const notes = httpRoutesOf('quarkus-path-expression');

  const rows: [string, string][] = [
    ['GET /library/v2/loans', 'guarded'],
    ['POST /library/v2/loans/:bookId', 'guarded'],
    ['GET /library/v2/loans/rules', 'unguarded'],
    ['GET /library/v2/loans/count', 'unguarded'],
  ];
  for (const [id, state] of rows) {
    it(`${id}: ${state}`, () => {
      const e = library.byId(id);
      assert.equal(e.guardState, state, e.guardReason);
    });
  }

  it('lists only those routes (no dev or test profile path)', () => {
    assert.deepEqual(library.all().map((e) => e.id).sort(), rows.map((r) => r[0]).sort());
  });

  it('puts an @ApplicationPath under the prod profile root path, in place of the configured REST path', () => {
    assert.deepEqual(garden.all().map((e) => e.id).sort(), ['DELETE /garden/rest/plants/:plantId', 'GET /garden/rest/plants']);
    for (const e of garden.all()) assert.equal(e.guardState, 'guarded', `${e.id}: ${e.guardReason}`);
  });

  it('leaves the paths as written when the configured path names another key', () => {
    assert.deepEqual(notes.all().map((e) => e.id), ['GET /notes']);
  });
});

describe('routes: Quarkus security configuration over JAX-RS annotations', () => {
  const shop = httpRoutesOf('quarkus-http-permissions');
  const pets = httpRoutesOf('quarkus-unannotated');
  const wiki = httpRoutesOf('quarkus-default-roles');

  // [id, state, guard named in the reasons]
  const rows: [string, string, RegExp | undefined][] = [
    // The most specific path decides: the catalog's permit over /api/*'s authenticated.
    ['GET /api/catalog', 'unguarded', undefined],
    // Same paths: the set naming the method wins over the one naming none.
    ['POST /api/catalog', 'guarded', /staff-writes \(staff: staff, owner\)/],
    ['DELETE /api/catalog/:itemId', 'guarded', /staff-writes/],
    // A closed path stays closed whatever the annotation says.
    ['GET /api/catalog/legacy', 'guarded', /closed \(deny\)/],
    ['GET /api/orders', 'guarded', /signed-in \(authenticated\)/],
    ['GET /api/orders/track', 'guarded', /signed-in/],
    // A policy bean of the code's own: not read, so unknown unless an annotation guards anyway.
    ['GET /api/reports', 'unknown', undefined],
    ['GET /api/reports/audit', 'guarded', /RolesAllowed/],
  ];
  for (const [id, state, reason] of rows) {
    it(`${id}: ${state}`, () => {
      const e = shop.byId(id);
      assert.equal(e.guardState, state, e.guardReason);
      if (reason) assert.match(`${e.guardReason} ${e.guards.map((g) => g.name).join(' ')}`, reason);
    });
  }

  it('says why the report route is unknown', () => {
    assert.match(shop.byId('GET /api/reports').guardReason ?? '', /office-hours/);
  });

  it('denies resource methods without a security annotation when the configuration says so', () => {
    assert.equal(pets.byId('GET /pets').guardState, 'guarded');
    assert.match(pets.byId('GET /pets').guards.map((g) => g.name).join(' '), /deny-unannotated-endpoints/);
    assert.equal(pets.byId('GET /pets/count').guardState, 'unguarded');
    assert.equal(pets.byId('GET /vets').guardState, 'guarded');
    assert.doesNotMatch(pets.byId('GET /vets').guards.map((g) => g.name).join(' '), /deny-unannotated/);
  });

  it('asks unannotated methods for a signed-in caller under default-roles-allowed=**', () => {
    const e = wiki.byId('GET /pages');
    assert.equal(e.guardState, 'guarded');
    assert.equal(e.guards.find((g) => /default-roles-allowed/.test(g.name))?.kind, 'authentication');
    assert.equal(wiki.byId('GET /pages/home').guardState, 'unguarded');
  });
});
