// gin middleware composed by a factory of ours from middleware it is given (`tokenOrJWT(patMw,
// jwtMw)`, givenMiddleware.ts) guards when a member it runs refuses a caller without credentials;
// a member that hands on a caller offering no credential (`if raw == "" { return }`, `if tok == nil
// { c.Next(); return }`) refuses nobody by itself (absentPasses.ts); a pass on a test that is no
// credential before the refusing member leaves the route unknown. Files a build tag nobody sets by
// default keeps out of the build (`//go:build extra && linux`, `// +build debugroutes`) register
// no routes (buildTags.ts). A pick between two middleware by a flag (`IfOr(flag, a, b)`) is the one
// the flag's fresh-install value picks, or unknown when the two differ and the value is not known.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, reasonsOf } from './httpRoutes';
import { evalGoBuild } from '../../../src/core/entry/go/buildTags';

describe('gin middleware composed from given middleware, passes without credentials, build tags: test/fixtures/routes/go-gin-composed', () => {
  const routes = httpRoutesOf('go-gin-composed');
  const table: [string, 'guarded' | 'unguarded' | 'unknown' | 'optional', RegExp?][] = [
    ['POST /api/login', 'unguarded'],
    ['GET /api/items', 'guarded', /runs jwtMw it is given.*gin-jwt MiddlewareFunc/],
    ['POST /api/items', 'guarded', /runs jwtMw it is given/],
    ['GET /api/public', 'unguarded'],
    ['GET /api/token-only', 'unguarded'],
    ['GET /api/unsure', 'unknown', /X-Internal/],
    // `pick.IfOr(conf.Conf.ForceAuth, authMw, optMw)`: the setting is off on a fresh install (Go's zero value), so the optional chain;
    // whoami reads the token it puts in gin's store (`c.Get(tokenKey)`): `optional` (session 31, identityUse.ts).
    ['GET /api/whoami', 'optional', /handler reads it/],
    ['GET /api/p/whoami', 'unknown', /by `forceAuth`/],
    ['GET /api/both/items', 'guarded', /runs jwtMw it is given/],
  ];
  for (const [id, state, reason] of table) {
    it(`${id} is ${state}`, () => {
      const e = routes.byId(id);
      assert.equal(e.guardState, state, `${id}: ${e.guardReason}`);
      if (reason) assert.match(reasonsOf(e), reason);
    });
  }
  it('registers no route of a file the default build leaves out', () => {
    const ids = routes.all().map((e) => e.id);
    assert.ok(!ids.includes('POST /extra/probe'), ids.join(', '));
    assert.ok(!ids.includes('GET /debug/vars'), ids.join(', '));
    assert.equal(ids.length, 9, ids.join(', '));
  });
});

describe('go:build constraints under the default build', () => {
  const table: [string, boolean | undefined | 'unread'][] = [
    ['extra', false],
    ['!extra', true],
    ['extra && linux', false],
    ['linux', undefined],
    ['linux || extra', undefined],
    ['!(extra || ignore) && go1.21', true],
    ['(a', 'unread'],
  ];
  for (const [expr, want] of table) it(`${expr} → ${String(want)}`, () => assert.equal(evalGoBuild(expr), want));
});
