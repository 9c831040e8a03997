// Routes of Express patterns that are not verb calls with a string path
// (test/fixtures/routes/express-static): static files mounted under a prefix are a route of their
// own (`ANY /assets/*`), a path-less static middleware is none, and a route written as a regular
// expression is matched by its pattern, without the literal's slashes and flags.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf } from './httpRoutes';


describe('routes: static mounts and regular-expression paths', () => {
  const { all, byId } = httpRoutesOf('express-static');

  it('finds the static mounts under a prefix and no route for the path-less one', () => {
    assert.deepEqual(all().filter((e) => !e.dynamic || e.method !== 'ANY').map((e) => e.id).sort(), ['ANY /assets/*', 'ANY /downloads/*', 'ANY /files/*', 'GET /health', 'GET /{^\\/favicon\\.(ico|png)$}']);
    assert.equal(byId('ANY /assets/*').line, 13);
  });

  const states: [string, EntryPoint['guardState']][] = [
    ['ANY /assets/*', 'unguarded'],
    ['ANY /downloads/*', 'guarded'],
  ];
  for (const [id, state] of states) {
    it(`${id} is ${state}: what runs before the static files guards them`, () => {
      assert.equal(byId(id).guardState, state, byId(id).guardReason);
    });
  }

  it("mounts a storage adapter's serve() under a prefix as a route, the prefix dynamic where it comes from a library setting", () => {
    assert.equal(byId('ANY /files/*').line, 27);
    const media = all().filter((e) => e.method === 'ANY' && e.dynamic);
    assert.deepEqual(media.map((e) => `${e.line} ${e.dynamic?.expression}`), ['26 /${urls.MEDIA_PREFIX}/*']);
  });

  it('writes a regular-expression route as its pattern', () => {
    const e = all().find((x) => x.method === 'GET' && x.dynamic);
    assert.ok(e, 'regex route missing');
    assert.equal(e.dynamic?.expression, '^\\/favicon\\.(ico|png)$');
  });
});
