// An auth middleware configured by builder methods (`NewAuth().WithOptionalFor("/badge/").Handler`,
// `auth := NewAuth().WithRedirect(…).WithOptionalFor("/logout")`, a call under an `if` decided by
// the setting's default when it has one) whose
// `isOptional(r)` hands the request on for paths under those prefixes or the listed methods: routes
// it takes pass anonymously, the rest stay guarded, a setting we cannot read leaves them unknown.
// The caller it identifies goes into a request store of ours by a key constant (`p.Set(KeyPrincipal,
// user)` through `SetPrincipal(r, user)`): a handler branching on it is optional. chi's `for _, route
// := range r.Routes() { r.Options(route.Pattern, h) }` is one route per earlier route of that router.
// A feature switch (`h.cfg.DisableWebAuthn`) and a failed write answered 500 are no credential checks.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('chi builder-configured optional auth, keyed request stores, Routes() loops: test/fixtures/routes/go-chi-optionalfor', () => {
  const { all, byId } = httpRoutesOf('go-chi-optionalfor');
  const table: [string, string, RegExp?][] = [
    ['GET /', 'optional', /KeyPrincipal/],
    ['GET /badge/:user', 'unguarded', /lets \/badge\/ through anonymously/],
    ['POST /logout', 'unguarded', /lets \/logout through anonymously/],
    ['GET /private', 'guarded'],
    ['GET /settings', 'guarded'],
    ['GET /leaderboard', 'unknown', /only when !h\.requireAuth .*depends on configuration/],
    // The same call under a setting whose default the configuration struct's tag gives (`default:"false"`): it runs.
    ['GET /ranking', 'unguarded', /lets \/ through anonymously/],
    ['POST /api/heartbeat', 'guarded'],
    ['POST /api/users/:user/heartbeats', 'guarded'],
    ['OPTIONS /api/heartbeat', 'unguarded', /lets OPTIONS through anonymously/],
    ['OPTIONS /api/users/:user/heartbeats', 'unguarded', /lets OPTIONS through anonymously/],
    ['GET /webauthn/options', 'unguarded'],
  ];
  it('finds exactly these routes (the Routes() loop made one per earlier route)', () => {
    assert.deepEqual(all().map((e) => e.id).sort(), table.map((r) => r[0]).sort());
  });
  for (const [id, state, reason] of table) {
    it(`${id} is ${state}`, () => {
      const e = byId(id);
      assert.equal(e.guardState, state, `${id}: ${e.guardReason}`);
      if (reason) assert.match(e.guardReason ?? '', reason);
    });
  }
});
