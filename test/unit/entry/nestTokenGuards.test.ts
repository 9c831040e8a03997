// Nest guards and bootstraps of test/fixtures/routes/nest-token-guards: a guard that throws any error
// (a 400 here) for a missing credential refuses anonymous requests (nestGuardCode.ts), an OAuth
// strategy given no name is known by its package's default one (passport-microsoft: 'microsoft'),
// and a Swagger path held by a local constant of the bootstrap helper is read (nestAppMounts.ts).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('nest: token guards, default strategy names, a Swagger path in a local constant', () => {
  const { byId: route } = httpRoutesOf('nest-token-guards', { settled: true });

  it('a 400 thrown when the bearer token is missing refuses the anonymous request', () => {
    assert.equal(route('GET /v1/tokens/collection').guardState, 'guarded');
  });

  it('a 400 thrown for a missing query argument that names no credential is no guard', () => {
    assert.equal(route('GET /v1/tokens/by-slug').guardState, 'unguarded');
  });

  it("AuthGuard('microsoft') over PassportStrategy(Strategy) of passport-microsoft starts a login", () => {
    assert.equal(route('GET /v1/tokens/microsoft').guardState, 'unguarded');
    assert.match(route('GET /v1/tokens/microsoft').guards.map((g) => g.reason).join(' '), /starts a login/);
  });

  it('SwaggerModule.setup(swaggerDocPath) with swaggerDocPath a local string', () => {
    assert.ok(route('ANY /api-docs/*'));
    assert.ok(route('GET /api-docs-json'));
    assert.ok(route('GET /api-docs-yaml'));
  });
});
