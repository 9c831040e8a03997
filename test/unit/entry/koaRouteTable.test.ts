// Koa routes made from a table (test/fixtures/routes/koa-route-table, the shape of YApi's server):
// a loop over rows calls one `createAction(router, '/api', Controller, action, path, method)` per
// row, whose one handler runs the action only when the controller's `init` set a sign-in flag and
// answers anyone else a fixed error body; `websockify(new Koa())` (koa-websocket) is the app with
// `app.ws` for WebSocket routes; a middleware that passes every request outside `/preview/` on
// refuses nothing on the routes outside it; extensions add rows through hooks (a module required
// for its effect binds them, an index loop calls the listeners).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/koa-route-table');

describe('routes: Koa routes from a table through one action wrapper', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  const state = (id: string) => got.find((e) => e.id === id);
  it('follows the loop callback past the usual count of runs: every row is a route', () => {
    assert.equal(got.filter((e) => e.path.startsWith('/api/notes/page')).length, 60);
    assert.ok(state('POST /api/account/login'));
    assert.ok(state('GET /api/notes/page58'));
    assert.ok(state('POST /api/notes/page59'));
  });
  it('follows extensions that add rows through a hook bound in a module loaded for its effect', () => {
    // `require('./lib/hooks');` runs before the router module reads `hub.emitHook`; the listeners are
    // walked by an index loop with `Array.prototype.slice.call(arguments, 1)`; `config.prefix || ''`
    // of a literal without `prefix` is ''.
    assert.equal(state('GET /api/plugin/stats/count')?.guardState, 'guarded', got.map((e) => e.id).join(', '));
    assert.equal(state('GET /api/open/plugin/stats/list')?.guardState, 'guarded');
  });
  it("mounts the WebSocket routes of `app.ws` on koa-websocket's app", () => {
    assert.ok(state('GET /api/notes/live'), got.map((e) => e.id).join(', '));
  });
  it('a handler that answers a fixed body unless the sign-in flag is set guards its routes', () => {
    for (const id of ['GET /api/notes/page0', 'POST /api/notes/page59', 'GET /api/notes/live']) {
      assert.equal(state(id)?.guardState, 'guarded', `${id}: ${state(id)?.guardReason}`);
      assert.match(state(id)?.guardReason ?? '', /check in the handler/);
    }
  });
  it('a middleware scoped to another prefix is no guard of these routes', () => {
    for (const e of got) assert.doesNotMatch(JSON.stringify(e.guards), /preview/, e.id);
    assert.equal(state('POST /api/account/login')?.guardState, 'unguarded', state('POST /api/account/login')?.guardReason);
  });
});
