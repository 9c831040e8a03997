// A beego service (test/fixtures/routes/go-beego-app): routes registered on the package's app
// with a controller and a "method:Action" mapping, beego's optional and typed parameters, a filter
// inserted by path pattern before routing, a controller Prepare that refuses (and one whose only
// refusal is an anti-forgery check), an action that calls a helper of ours to send an
// anonymous caller to the sign-in page, and actions that test the identity field Base's Prepare
// sets (one ends the request through a helper that unwinds, one reads it without a test).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go beego routers, filters and Prepare: test/fixtures/routes/go-beego-app', () => {
  const routes = httpRoutesOf('go-beego-app');
  itHasStates(routes, [
    ['GET /ping', 'unguarded'],
    // The XSRF check in SessionController.Prepare refuses a forged form, not a caller.
    ['GET /signin', 'unguarded'],
    ['POST /signin', 'unguarded'],
    ['GET /pages/:slug', 'unguarded'],
    ['POST /pages/:slug/comments', 'unguarded'],
    // `if !c.loggedIn() { askLogin(&c.Base); return }`: the helper redirects to the sign-in page.
    ['GET /pages/:slug/history/:rev', 'guarded'],
    // The filter inserted for /admin/* before routing.
    ['ANY /admin/users/:id', 'guarded'],
    ['ANY /studio', 'guarded'],
    // No Prepare of its own: the one promoted from the controller it embeds, as is the POST's action.
    ['GET /drafts', 'guarded'],
    ['POST /drafts', 'guarded'],
    // `if c.UserID == 0 { c.JSONResult(1, …) }`: a JSON error under 200, but the helper (promoted from Base) unwinds the action.
    ['POST /notes', 'guarded'],
    // The same helper on an empty form field: no check of the caller.
    ['POST /notes/preview', 'unguarded'],
    // `c.Owner.Name` read untested in the body's own statement: an anonymous caller reads through a nil pointer there and panics (nilReads.ts).
    ['GET /notes/share', 'guarded'],
    // Under a test of the route's own method only, and in the else of a method of the field answering false for nil: reached too.
    ['POST /notes/pin', 'guarded'],
    ['GET /notes/archive', 'guarded'],
    // A method of the field whose answer may end the work first, or a branch of the read's own: what an anonymous caller meets is not followed.
    ['GET /notes/browse', 'unknown'],
    ['GET /notes/peek', 'unknown'],
  ]);
  it('each method of a "get:Form;post:Submit" mapping is its own route, named after its action', () => {
    assert.equal(routes.byId('GET /signin').handler, 'SessionController.Form');
    assert.equal(routes.byId('POST /signin').handler, 'SessionController.Submit');
  });
  it('a controller without a Prepare of its own is guarded by the one it embeds, and names it', () => {
    assert.match(routes.byId('POST /drafts').guardReason ?? '', /StudioController\.Prepare/);
  });
  it('names the empty identity field and the helper that ends the request', () => {
    const r = routes.byId('POST /notes');
    assert.match(r.guards[0]?.reason ?? '', /UserID is empty.*Base\.Prepare.*sets UserID only for a caller it identifies/s);
    assert.match(r.guards[0]?.evidence?.how ?? '', /no UserID: Base\.JSONResult\(\) ends the request/);
  });
  it('names the nil read and where it is', () => {
    assert.match(routes.byId('GET /notes/archive').guardReason ?? '', /nil Owner read in the handler at controllers\/note\.go:\d+/);
    assert.match(routes.byId('GET /notes/share').guards[0]?.reason ?? '', /Base\.Prepare.*sets Owner only for a caller it identifies.*panics/s);
  });
  it('says which filter and which Prepare guard a route', () => {
    assert.match(routes.byId('ANY /admin/users/:id').guardReason ?? '', /needSession|beego filter/);
    assert.match(routes.byId('ANY /studio').guardReason ?? '', /Prepare/);
  });
});
