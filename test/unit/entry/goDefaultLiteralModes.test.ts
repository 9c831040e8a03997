// Routes registered under a mode a defaults constructor's literal decides (writefreely's shape:
// `config.New()` writes `App: AppCfg{SingleUser: true}`, what `config generate` gives a fresh install;
// routes.go tests `apper.App().cfg.App.SingleUser`). A field chain read off a value of ours is matched
// with the literal's paths (defaultLiterals.ts `defaultByPath`, a field the literal leaves out is Go's
// zero value): a route, and a call handing a router to a function of ours, under a test the defaults
// decide against are not served; those under the test they pass are.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go routes under a mode a defaults literal decides: test/fixtures/routes/go-default-literal-modes', () => {
  const { all } = httpRoutesOf('go-default-literal-modes');
  const ids = (): string[] => all().map((e) => e.id).sort();
  it('the single-user arm is served: its route and the router it hands to RouteCollections at /', () => {
    for (const id of ['GET /me/new', 'ANY /feed', 'ANY /:slug', 'POST /api/auth/login', 'ANY /']) assert.ok(ids().some((x) => x === id || x === `${id}/`), `no ${id}: ${ids().join(', ')}`);
  });
  it('the multi-user arm is not: neither its route nor the routes of the call it makes', () => {
    assert.deepEqual(ids().filter((x) => /^GET \/new$|:collection/.test(x)), []);
  });
  it('a route under a setting the literal leaves out (a bool: false) is not served', () => {
    assert.ok(!ids().includes('POST /api/auth/signup'), ids().join(', '));
  });
});

describe('gorilla/csrf around a route: test/fixtures/routes/go-default-literal-modes', () => {
  const { byId: route } = httpRoutesOf('go-default-literal-modes');
  it('csrf.Protect refuses forged requests, not anonymous ones: no guard (was unknown)', () => {
    const e = route('ANY /reset');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });
});

describe('a shared error responder handed only errors a setting left off returns: test/fixtures/routes/go-default-literal-modes', () => {
  const { byId: route } = httpRoutesOf('go-default-literal-modes');
  it('a wrapper asking for a session only `if h.app.App().cfg.App.Private` (false in config.New) refuses nobody', () => {
    assert.equal(route('ANY /api/nodeinfo').guardState, 'unguarded', route('ANY /api/nodeinfo').guardReason);
  });
  it('the same wrapper asking on every instance is a guard (its 401 mapped to the sign-in redirect)', () => {
    assert.equal(route('ANY /api/members').guardState, 'guarded', route('ANY /api/members').guardReason);
  });
});
