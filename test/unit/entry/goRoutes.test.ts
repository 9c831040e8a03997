// Go guard states and frameworks on the Go fixtures: a guard is what refuses, a guard that cannot
// be read is `unknown`, a wrapper applied only under a condition or exempting a path does not count.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROUTES = path.resolve(__dirname, '../../../../test/fixtures/routes');

type Row = [id: string, state: string, framework: string, reason?: RegExp];

const TABLE: Record<string, Row[]> = {
  'go-server': [
    ['GET /healthz', 'unguarded', 'chi', /lets \/healthz through unchecked.*basicAuth\(handler\) applies only when s\.cfg\.AuthEnabled|basicAuth\(handler\) applies only when s\.cfg\.AuthEnabled.*lets \/healthz through/],
    ['GET /version', 'guarded', 'chi', /requireToken\(handler\) \(main\.go:45\), refuses at auth\.go:17/],
    ['DELETE /admin/users/:id', 'guarded', 'chi', /withAdmin \(admin\/admin\.go:12\), refuses at admin\/admin\.go:18/],
  ],
  'go-gin': [
    ['GET /v1/early', 'unguarded', 'gin'],
    ['GET /v1/health', 'unguarded', 'gin'],
    ['HEAD /v1/health', 'unguarded', 'gin'],
    ['GET /v1/image/*', 'unguarded', 'gin'],
    ['HEAD /v1/image/*', 'unguarded', 'gin'],
    ['HEAD /v1/favicon.ico', 'unguarded', 'gin'],
    ['POST /v1/user', 'guarded', 'gin', /apiKey\(\) \(main\.go:\d+\), refuses at main\.go:\d+/],
    ['GET /v1/items', 'guarded', 'gin', /apiKey\(\) \(main\.go:26\), refuses at main\.go:46/],
    ['GET /v1/admin/stats', 'guarded', 'gin'],
    ['GET /v1/policy/rules', 'unknown', 'gin', /authz\.NewAuthorizer\(nil\).*github\.com\/casbin\/gin-authz/],
  ],
  'go-httprouter': [
    ['GET /rest/status', 'guarded', 'httprouter'],
    ['GET /rest/debug/heap', 'unguarded', 'net/http', /lets \/rest\/debug through unchecked/],
    ['ANY /*', 'unguarded', 'net/http', /lets paths outside \/rest through unchecked/],
  ],
  // Checks inside handlers: a missing credential or a wrong secret refuses whatever the status; a credential word
  // on what was looked up, or a credential passed on to a call whose failure is a 5xx, does not.
  'go-handlerchecks': [
    ['GET /certs/:id', 'unguarded', 'chi'],
    ['POST /lookup', 'unguarded', 'chi'],
    ['GET /hosts', 'unguarded', 'chi'],
    ['POST /renew', 'guarded', 'chi', /check \(main\.go:65\), refuses at main\.go:66/],
    ['POST /verified', 'unknown', 'chi', /status other than 401\/403 \(main\.go:\d+\)/],
    ['POST /named', 'unguarded', 'chi'],
    // A challenge password compared (in an operation whose failure ends the request): a refusal whatever the status.
    ['POST /enroll', 'guarded', 'chi', /operate\(\) \(main\.go:\d+\), refuses at main\.go:\d+/],
    ['POST /rename', 'unguarded', 'chi'],
  ],
  // Keys handed through the request context: verified against a stored account key is a guard,
  // against the request's own embedded key is not; a lookup by name checks nothing; a helper that
  // answers a wrong password with a failure message of its own refuses (a secret compared: secretChecks.ts).
  'go-signedkeys': [
    ['POST /new-account', 'unguarded', 'chi'],
    ['POST /orders', 'guarded', 'chi', /byAccountKey \(main\.go:\d+\), refuses at main\.go:\d+/],
    ['GET /providers/:name', 'unguarded', 'chi'],
    ['POST /providers/:name', 'guarded', 'chi', /operate\(\) \(main\.go:\d+\), refuses at main\.go:173/],
  ],
  // gorilla/mux: a session middleware that lets routes through by name (a `switch` on
  // `mux.CurrentRoute(r).GetName()` in a helper) guards only the other routes; a handler that signs
  // the caller in is no guard of its route, the same check in one that signs nobody in is.
  'go-gorilla-names': [
    ['GET /', 'unguarded', 'gorilla', /requireSession refuses only routes of other names/],
    ['GET /share/:code', 'unguarded', 'gorilla'],
    ['POST /login', 'unguarded', 'gorilla'],
    ['GET /settings', 'guarded', 'gorilla', /requireSession \(main\.go:23\), refuses at main\.go:47/],
    ['POST /settings', 'guarded', 'gorilla'],
    ['GET /reader/*', 'guarded', 'gorilla', /requireToken/],
    ['ANY /healthcheck', 'unguarded', 'gorilla'],
    ['GET /oauth2/callback', 'unguarded', 'gorilla'],
    ['GET /me', 'guarded', 'gorilla', /check \(main\.go:\d+\), refuses at main\.go:\d+/],
    // A 404 behind a permission check of the request: a doubt, and only the named route's.
    ['ANY /metrics', 'unknown', 'gorilla', /hideMetrics ends the request when a credential check fails, with a status other than 401\/403 \(main\.go:\d+\)/],
  ],
  // A sign-in flow's checks refuse no caller for who they are: a CSRF mismatch (even one that
  // redirects to login), a provider looked up by a name, a username offered to a passkey's first
  // step, a proxy header without which the request goes on. A public route whose handler branches
  // on the identity the session middleware sets only for a caller it found is `optional`; one
  // that never reads it is unguarded, and a route not let through by name stays guarded.
  'go-signin-flows': [
    ['GET /', 'optional', 'gorilla', /userSession \(main\.go:25\) puts isAuthenticatedContextKey in the request context only for a caller it identifies.*main\.go:\d+/],
    ['GET /manifest.json', 'optional', 'gorilla'],
    ['GET /about', 'unguarded', 'gorilla'],
    ['POST /login', 'unguarded', 'gorilla'],
    ['GET /oauth2/:provider/redirect', 'unguarded', 'gorilla'],
    ['POST /passkey/begin', 'unguarded', 'gorilla'],
    ['GET /settings', 'guarded', 'gorilla', /userSession \(main\.go:25\), refuses at main\.go:\d+/],
    ['GET /auth/oidc', 'unguarded', 'gorilla'],
  ],
  // A refusal whose status a local variable holds (only ever 401/403) is a refusal; under a test of
  // a receiver field wired from a configuration struct it counts by the field's `default:` tag:
  // default off → it refuses (guarded), default on → it does not, no default → unknown. A status
  // computed by a call refuses nobody we can name. An example's own `package main` is no route.
  'go-config-refusals': [
    ['POST /user', 'guarded', 'gin', /check \(api\/user\.go:\d+\), refuses at api\/user\.go:31/],
    ['POST /invite', 'unguarded', 'gin'],
    ['POST /guest', 'unknown', 'gin', /refuses only when !a\.Guests \(line \d+\), which depends on configuration: Configuration\.Guests has no default we can read/],
    ['POST /rename', 'unguarded', 'gin'],
  ],
  // A session middleware for the whole engine that refuses only a browser session whose CSRF token
  // does not match (`err = checkCsrf(…); if err != nil { 401 }`): a forged form is refused, no
  // caller is, so the routes it alone covers stay public; a group's own check still guards, its
  // test written as a switch on the user (`switch u { case nil: 401 }`) or a tagless one.
  // Middleware added only while a setting read from viper into a local says so (`authUser :=
  // conf.Params.GetString("AUTH_USERNAME"); if authUser != "" && authPass != "" { r.Use(basicAuth) }`):
  // its SetDefault, else viper's zero value ("" / false), decides on a fresh install.
  'go-viper-gates': [
    ['ANY /health', 'unguarded', 'gorilla', /none refuses/],
    ['ANY /metrics', 'unguarded', 'gorilla', /basicAuth applies only when|none refuses/],
    ['ANY /admin/users', 'guarded', 'gorilla', /basicAuth/],
    // A router reassigned to a group only under such a test (`if bPath != "" { r = r.PathPrefix(…).Subrouter() }`): no prefix on a fresh install.
    ['ANY /status', 'unguarded', 'gorilla', /none refuses/],
  ],
  'go-csrf-session': [
    ['GET /version', 'unguarded', 'gin'],
    ['POST /version', 'unguarded', 'gin'],
    ['GET /api/self', 'guarded', 'gin', /mustUser\(\) \(main\.go:\d+\), refuses at main\.go:\d+/],
    ['GET /admin/stats', 'guarded', 'gin', /mustAdmin\(\) \(main\.go:\d+\), refuses at main\.go:\d+/],
    // A handler made by a call without arguments (`promHandler()`): its closure's own check guards.
    ['GET /metrics', 'guarded', 'gin', /check \(main\.go:\d+\), refuses at main\.go:\d+/],
    // A token check answered with gin's `c.String(http.StatusBadRequest, …)`: a doubt, not open.
    ['POST /hook', 'unknown', 'gin', /status other than 401\/403/],
    // setUser keeps the caller in gin's store (`c.Set("user", u)`) only when it found one; a handler
    // testing what `c.Get("user")` gives (through a local) reads an identity anonymous callers lack.
    ['GET /feed', 'optional', 'gin', /setUser \(main\.go:\d+\) puts gin:user in the request context only for a caller it identifies/],
  ],
};

for (const [dir, rows] of Object.entries(TABLE)) {
  describe(`Go guard states: test/fixtures/routes/${dir}`, () => {
    let got: EntryPoint[] = [];
    before(async () => {
      got = (await entriesOf(path.join(ROUTES, dir))).filter((e) => e.kind === 'http');
    });
    if (dir === 'go-config-refusals') it('an example program (its own package main under example/) registers no route of the service; the guard names the setting and its default', () => {
      assert.deepEqual(got.filter((e) => e.file.includes('example/')).map((e) => e.id), []);
      const user = got.find((e) => e.id === 'POST /user');
      assert.match(user?.guards[0]?.reason ?? '', /as !a\.Registration holds with the default configuration \(Registration = false, config\/config\.go:8\)/);
    });
    for (const [id, state, framework, reason] of rows) {
      it(`${id}: ${state}, ${framework}`, () => {
        const e = got.find((x) => x.id === id);
        assert.ok(e, `no route ${id}: ${got.map((x) => x.id).join(', ')}`);
        assert.equal(e.guardState, state, e.guardReason);
        assert.equal(e.framework, framework);
        if (reason) assert.match(e.guardReason ?? '', reason);
        for (const g of e.guards) assert.ok(g.evidence || /known|refuses/.test(g.reason), `guard ${g.name} says why it refuses: ${g.reason}`);
      });
    }
  });
}

describe('Go paths computed by small pure string functions: test/fixtures/routes/go-linkpaths', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(path.join(ROUTES, 'go-linkpaths'))).filter((e) => e.kind === 'http');
  });
  it('a switch over typed constants, fmt.Sprintf and the type\'s String() give the path (through an interface field and a method value)', () => {
    const ids = got.map((e) => e.id);
    for (const id of ['GET /acme/:provisionerID/new-nonce', 'POST /acme/:provisionerID/account/:accID', 'POST /acme/:provisionerID/key-change', 'POST /acme/:provisionerID/account/:accID/orders']) {
      assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    }
    assert.ok(got.filter((e) => e.path.startsWith('/acme/:provisionerID')).every((e) => !e.dynamic));
  });
  it('an `if` on a constant false argument is skipped, a local binding is followed, an unused nil argument is no obstacle', () => {
    assert.ok(got.some((e) => e.id === 'GET /acme/:provisionerName/*' && !e.dynamic), got.map((e) => e.id).join(', '));
  });
  it('a call that is not a pure string function stays dynamic, with the call as written', () => {
    const e = got.find((x) => x.dynamic && /randomSuffix\(\)/.test(x.dynamic.expression));
    assert.ok(e, got.map((x) => `${x.id} ${x.dynamic?.expression ?? ''}`).join(', '));
  });
});

describe('Go handlers that answer exact paths themselves: test/fixtures/routes/go-pathswitch', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(path.join(ROUTES, 'go-pathswitch'))).filter((e) => e.kind === 'http');
  });
  it('each case of a switch on r.URL.Path under the mounted subtree is a route, placed at its case and starting there', () => {
    const ids = got.map((e) => e.id).sort();
    assert.deepEqual(ids, ['ANY /web/*', 'ANY /web/humans.txt', 'ANY /web/manifest.json', 'ANY /web/robots.txt']);
    const manifest = got.find((e) => e.id === 'ANY /web/manifest.json')!;
    assert.equal(manifest.line, 11);
    assert.deepEqual(manifest.handlerLocation?.range, { start: 11, end: 12 });
    assert.equal(manifest.guardState, 'unguarded');
  });
});

describe('echo: wrappers with option strings, static files, not-found handlers: test/fixtures/routes/go-echo-wrappers', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(path.join(ROUTES, 'go-echo-wrappers'))).filter((e) => e.kind === 'http');
  });
  it('a handler wrapped in a wrapper call among option strings (`pm(hasID(a.GetItem), "items:get")`) is the innermost method', () => {
    const e = got.find((x) => x.id === 'GET /api/items/:id');
    assert.ok(e, got.map((x) => x.id).join(', '));
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.match(e.handlerLocation?.symbol ?? '', /GetItem$/);
    assert.ok(e.guards.some((g) => /hasID|pm\(/.test(g.name)) || e.guards.some((g) => /requireUser/.test(g.name)), JSON.stringify(e.guards.map((g) => g.name)));
  });
  it('Static serves the prefix and its subtree (the subtree only with a trailing slash), File one path; both GET and open', () => {
    const ids = got.map((x) => x.id);
    for (const id of ['GET /uploads', 'GET /uploads/*', 'GET /assets/*', 'GET /favicon.ico']) {
      const e = got.find((x) => x.id === id);
      assert.ok(e, `${id} in ${ids.join(', ')}`);
      assert.equal(e.guardState, 'unguarded', e.guardReason);
      assert.equal(e.line, id === 'GET /favicon.ico' ? 83 : id === 'GET /assets/*' ? 82 : 81);
    }
    assert.ok(!ids.includes('GET /assets'), ids.join(', '));
  });
  it('RouteNotFound is a catch-all for every method under its pattern', () => {
    const e = got.find((x) => x.id === 'ANY /api/*');
    assert.ok(e, got.map((x) => x.id).join(', '));
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });
  it('a call that makes a challenge (GenerateChallenge) answered by a 500 checks no caller: open, not unknown', () => {
    const e = got.find((x) => x.id === 'GET /api/challenge');
    assert.ok(e, got.map((x) => x.id).join(', '));
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });
  it('a refusal on a login flow\'s nonce cookie (CSRF of the login page) checks no identity; on a session cookie it does', () => {
    const start = got.find((x) => x.id === 'POST /auth/oidc');
    const me = got.find((x) => x.id === 'GET /api/me');
    assert.ok(start && me, got.map((x) => x.id).join(', '));
    assert.equal(start.guardState, 'unguarded', start.guardReason);
    assert.equal(me.guardState, 'guarded', me.guardReason);
  });
  it('a signature handed on to a call whose failure ends the request with 400 may be the check that keeps callers out: unknown, not open', () => {
    const e = got.find((x) => x.id === 'POST /webhooks/:service');
    assert.ok(e, got.map((x) => x.id).join(', '));
    assert.equal(e.guardState, 'unknown', e.guardReason);
    assert.match(e.guardReason ?? '', /main\.go:\d+/);
  });
});

describe('gorilla/mux route chains: test/fixtures/routes/go-gorilla-names', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(path.join(ROUTES, 'go-gorilla-names'))).filter((e) => e.kind === 'http');
  });
  it('routes on `router.NewRoute().Subrouter()` (no prefix, a variable set in both arms of an if) are found, `.Name(…)` before `.Methods(…)` keeps the methods', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ['ANY /healthcheck', 'ANY /healthz', 'ANY /metrics', 'GET /', 'GET /me', 'GET /oauth2/callback', 'GET /reader/*', 'GET /settings', 'GET /share/:code', 'POST /login', 'POST /reader/*', 'POST /settings']);
  });
  it('`sr.PathPrefix("/").HandlerFunc(h).Methods(…)` is a route for the subtree, at its line, one per method', () => {
    const rs = got.filter((e) => e.path === '/reader/*');
    assert.deepEqual(rs.map((e) => `${e.method}:${e.line}`).sort(), ['GET:31', 'POST:31']);
  });
});
