// Guard states on patterns of real Express services (test/fixtures/routes/express-lazy): a guard
// reached through an export behind a getter (`get authenticate() { return require(…) }`), a logger
// made by calling a required module (`require('debug')('auth-check')`) that must not read as an
// unresolved auth check, an app-wide optional session loader with a handler that refuses without a
// member (guarded), and a sign-in route whose handler refuses bad credentials (not a guard).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';


describe('routes: lazy exports, loggers, app-wide optional sessions and sign-in', () => {
  const { all, byId } = httpRoutesOf('express-lazy');

  it('resolves a guard through an export behind a getter', () => {
    const e = byId('GET /api/settings');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.ok(e.guards.some((g) => g.name === 'requireStaff' && g.file === 'services/auth/authenticate.js'), JSON.stringify(e.guards));
  });

  it('does not take a logger made from a required module for an auth check it cannot see', () => {
    for (const e of all()) assert.doesNotMatch(e.guardReason ?? '', /debug/, e.id);
    // Not unknown: the session loader is read for what it is; the handler never reads the member
    // it loads, so the route is open to everyone (see expressPermits.test.ts).
    assert.equal(byId('GET /api/site').guardState, 'unguarded', byId('GET /api/site').guardReason);
    assert.match(byId('GET /api/site').guardReason ?? '', /loadMemberSession.*not used/);
  });

  it('counts a handler that refuses without a member as the guard, under an app-wide optional session', () => {
    const e = byId('GET /api/member');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.ok(e.guards.some((g) => !g.optional && g.file === 'api/index.js' && g.line === 12), JSON.stringify(e.guards));
  });

  it('does not count the credential check of a sign-in route as a guard in front of it', () => {
    const e = byId('POST /api/session');
    assert.notEqual(e.guardState, 'guarded', e.guardReason);
    assert.ok(!e.guards.some((g) => !g.optional && g.kind !== 'other'), JSON.stringify(e.guards));
  });
});
