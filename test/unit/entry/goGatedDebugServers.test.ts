// Debug servers a fresh install does not start. A route registered inside a literal called where it
// is written (`go func() { mux.HandleFunc(…) }()`) sits under the settings tests around the call; the
// side-effect import `import _ "net/http/pprof"` fills http.DefaultServeMux, whose routes answer only
// where the program serves that mux (`http.ListenAndServe(addr, nil)`, an `http.Server` without a
// Handler) under settings the defaults do not rule out (go/defaultMuxServes.ts).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go debug servers behind settings a fresh install leaves off: test/fixtures/routes/go-gated-debug-servers', () => {
  const { all, byId: route } = httpRoutesOf('go-gated-debug-servers');
  it('the service\'s own router is served', () => {
    assert.equal(route('GET /health').guardState, 'unguarded');
  });
  it('a mux built and served inside `go func(){…}()` under a viper key with no default registers nothing', () => {
    assert.deepEqual(all().filter((e) => e.file === 'debug.go').map((e) => e.id), []);
  });
  it('the blank import\'s routes are not served when the package mux is served only under a setting left off', () => {
    assert.deepEqual(all().filter((e) => /pprof/.test(e.path)).map((e) => e.id), []);
    assert.equal(all().length, 1);
  });
});

describe('Go package mux served by a server without a handler: test/fixtures/routes/go-served-default-mux', () => {
  const { all, byId: route } = httpRoutesOf('go-served-default-mux');
  it('an http.Server with no Handler serves http.DefaultServeMux: its own routes and the blank import\'s', () => {
    assert.equal(route('ANY /status').guardState, 'unguarded');
    for (const sub of ['*', 'cmdline', 'profile', 'symbol', 'trace']) assert.ok(all().some((e) => e.id === `ANY /debug/pprof/${sub}`), `no /debug/pprof/${sub}`);
  });
});

describe('Go package mux never served: test/fixtures/routes/go-server', () => {
  const { all } = httpRoutesOf('go-server');
  it('the blank import\'s routes are not served by a program whose only server answers with its own router', () => {
    assert.ok(all().some((e) => e.id === 'GET /healthz'));
    assert.deepEqual(all().filter((e) => /pprof/.test(e.path)).map((e) => e.id), []);
  });
});
