// Spring MVC mappings declared only on the interfaces the controllers implement (test/fixtures/routes/
// spring-interface-mappings, the shape of Eclipse hawkBit's Mgmt*RestApi / Mgmt*Resource): the
// overriding controller method serves the interface method's mapping, its path built from interface
// constants over another class's constants (`RestConstants.REST_V1 + "/items"`, a static import,
// another interface's constant); overloads of one arity are told apart by parameter types; a mapped
// default method the controller does not override serves through it (openapi-generator's shape); an
// interface no controller implements serves nothing.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: Spring mappings inherited from implemented interfaces', () => {
  const { all, byId } = httpRoutesOf('spring-interface-mappings');

  it('places each interface mapping at the implementing method, with its whole path', () => {
    const rows: [string, string, number][] = [
      ['GET /rest/v1/items', 'ItemResource.getItems', 13],
      ['GET /rest/v1/items/:id', 'ItemResource.getItem', 18],
      ['DELETE /rest/v1/items/:id', 'ItemResource.deleteItem', 25],
      ['PUT /rest/v1/items/:group/assigned', 'ItemResource.assign', 30],
      ['PUT /rest/v1/items', 'ItemResource.assign', 35],
      ['GET /rest/v1/status', 'StatusResource.status', 11],
      ['GET /rest/v1/items/:id/download', 'StatusResource.download', 16],
    ];
    assert.equal(byId('GET /').handler, 'HomeController.home');
    // A default method the controller does not override serves through it, running the interface's code.
    assert.equal(byId('GET /api/health').handler, 'HealthController.health');
    assert.match(byId('GET /api/health').file, /api\/HealthApi\.java$/);
    assert.equal(byId('GET /api/ready').handler, 'HealthController.ready');
    assert.match(byId('GET /api/ready').file, /web\/HealthController\.java$/);
    for (const [id, handler, line] of rows) {
      const e = byId(id);
      assert.equal(e.handler, handler, id);
      assert.match(e.file, /\/web\//, id);
      assert.equal(e.line, line, id);
    }
    assert.equal(all().length, rows.length + 3, all().map((e) => e.id).join(', '));
  });

  it('applies the URL rules and the implementing method’s own security annotation', () => {
    assert.equal(byId('GET /rest/v1/items').guardState, 'guarded');
    // `securityMatcher(RestConstants.REST + "/**")` is /rest/**, not "/**" alone.
    assert.match(byId('GET /rest/v1/items').guardReason ?? '', /filterChainREST|\/\*\* → authenticated/);
    assert.match(byId('DELETE /rest/v1/items/:id').guards.map((g) => g.name).join(' '), /PreAuthorize/);
  });

  it('does not read a chain whose securityMatcher could not be read as one taking every request', () => {
    // Refused by that chain or by the one after it: guarded either way.
    assert.equal(byId('GET /rest/v1/items').guardState, 'guarded', byId('GET /rest/v1/items').guardReason);
    // Open by a later chain's permitAll (or under no chain), unless the unread chain takes it first: not known.
    for (const id of ['GET /rest/v1/status', 'GET /rest/v1/items/:id/download', 'GET /']) {
      const e = byId(id);
      assert.equal(e.guardState, 'unknown', `${id}: ${e.guardReason}`);
      assert.match(e.guardReason ?? '', /filterChainPartner/, id);
    }
  });
});
