// A package's bundled application mounted under a prefix (test/fixtures/routes/express-bundled-apps):
// Swagger UI, a GraphQL endpoint, a reverse proxy and a queue dashboard each answer every path
// under their mount, so each is one route `ANY <prefix>/*` named by what it is, guarded by what
// runs before it on the mount. Without this they were middleware and no route at all.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: bundled applications mounted under a prefix', () => {
  const { all, byId } = httpRoutesOf('express-bundled-apps');

  it('finds one route per mount, named by the application', () => {
    const got = all().map((e) => `${e.id} ${e.handler}`).sort();
    assert.deepEqual(got, [
      'ANY /admin/queues/* Bull Board queue dashboard',
      'ANY /api-docs/* Swagger UI',
      'ANY /graphql/* GraphQL endpoint',
      'ANY /upstream/* reverse proxy',
      'GET /fixed <inline>',
    ]);
    assert.equal(byId('ANY /upstream/*').line, 13);
  });

  it('guards a mount by the middleware before the application', () => {
    assert.equal(byId('ANY /admin/queues/*').guardState, 'guarded');
    assert.equal(byId('ANY /upstream/*').guardState, 'unguarded');
  });
});
