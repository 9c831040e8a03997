// Paths that are members of values from outside the repository (test/fixtures/routes/
// express-external-paths): `process.env.X` and a constants package that is not installed. The
// route is kept with a dynamic path in the code's own words — dropping it would hide a route,
// guessing would invent a path — and a call or a function reference passed to use() is still
// middleware, not a prefix.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: paths from outside the repository', () => {
  const { all } = httpRoutesOf('express-external-paths');

  it('keeps routes whose path is an environment variable or an external constant, as dynamic', () => {
    assert.deepEqual(all().map((e) => e.id).sort(), ['GET /{API.ADMIN_PREFIX}/fixed', 'GET /{API.ADMIN_PREFIX}/{process.env.HEALTH_PATH}', 'POST /{API.ADMIN_PREFIX}/{API.USERS}']);
  });

  it('names the expression as written', () => {
    const users = all().find((e) => e.method === 'POST');
    assert.equal(users?.dynamic?.expression, 'API.USERS');
    assert.equal(users?.line, 14);
  });
});
