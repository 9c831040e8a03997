// Go 1.22 ServeMux services that compose middleware into values (`keyed := mw.Chain(base,
// requireKey(store))`, then `keyed(h)` at each registration) and mount sub-muxes made by their own
// constructors (`mux.Handle("/api/", http.StripPrefix("/api", common(apiMux)))` with `apiMux, err :=
// api.New(…)`, a struct embedding *http.ServeMux). Also: a protocol that answers a failed password
// with its own error body (status 200) still refuses; writing the user into a session signs in.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go ServeMux with composed middleware and constructor-made sub-muxes: test/fixtures/routes/go-servemux-chains', () => {
  const routes = httpRoutesOf('go-servemux-chains');
  const route = routes.byId;
  it('a sub-mux returned by a constructor of ours is mounted under the prefix StripPrefix removes, and the mount is no route', () => {
    assert.deepEqual(routes.all().map((e) => e.id).sort(), ['ANY /*', 'ANY /api/*', 'ANY /feed/latest', 'DELETE /api/items/:id', 'GET /api/health', 'GET /api/items', 'GET /web/about', 'GET /web/account', 'GET /web/login', 'POST /api/reindex', 'POST /web/enter']);
  });
  it('a wrapper held in a variable composed by a Chain call stands for every middleware composed into it, nested chains included', () => {
    for (const id of ['GET /api/items', 'DELETE /api/items/:id', 'ANY /api/*']) {
      assert.equal(route(id).guardState, 'guarded', id);
      assert.match(route(id).guardReason ?? '', /requireKey\(store\)/);
    }
    assert.equal(route('GET /web/account').guardState, 'guarded');
    assert.match(route('GET /web/account').guardReason ?? '', /withSession/);
  });
  it('a chain of middleware that refuses nobody leaves its routes open, a value composed in (templates) is no guard', () => {
    assert.equal(route('GET /api/health').guardState, 'unguarded');
    assert.equal(route('GET /web/about').guardState, 'unguarded');
    assert.equal(route('ANY /*').guardState, 'unguarded');
  });
  it('a middleware composed by calling a function of ours we cannot read (a generated package) leaves its routes unknown', () => {
    const e = route('POST /api/reindex');
    assert.equal(e.guardState, 'unknown');
    assert.match(e.guardReason ?? '', /gates\.Check\("reindex"\).*could not be found/);
  });
  it('a password or token checked in every arm of an if/else, the request ended on a mismatch with a 200 error body, refuses', () => {
    const e = route('ANY /feed/latest');
    assert.equal(e.guardState, 'guarded');
    assert.match(e.guardReason ?? '', /withCaller\(users\)/);
  });
  it('a handler that writes the user into the session signs in: its password check is no guard of its route', () => {
    assert.equal(route('POST /web/enter').guardState, 'unguarded');
  });
});
