// A method called on a composite literal (`pages{title: "Shop"}.mount(r)`, `(&orders{}).mount(priv)`,
// goatcounter's `backend{…}.Mount(r, …)` shape) is a caller like any other: the router it hands in
// is followed into the method, so its routes sit under that router's middleware, not under
// "a caller that was not found".
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go: a router handed to a method called on a composite literal: test/fixtures/routes/go-chi-literal-mounts', () => {
  const { byId: route } = httpRoutesOf('go-chi-literal-mounts');
  it('a value literal\'s method registers on the root router: open', () => {
    const e = route('GET /about');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });
  it('a pointer literal\'s method registers on the guarded router it is handed', () => {
    for (const id of ['GET /orders', 'POST /orders/:id/cancel']) {
      const e = route(id);
      assert.equal(e.guardState, 'guarded', `${id}: ${e.guardReason}`);
      assert.match(e.guardReason ?? '', /requireLogin/);
    }
  });
});
