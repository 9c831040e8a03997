// An Express template sees `app.locals`, `res.locals` and the data it is handed, not the request: a
// render reads the caller only when code before it copied the caller into the locals
// (test/fixtures/routes/express-views-locals; the data case is in express-identity-use). And a
// path-prefixed middleware that hands the request on to code that serves it answers that prefix.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, reasonsOf } from './httpRoutes';

describe('routes: what an Express view sees of the caller, and a serving middleware under a prefix', () => {
  const { all, byId } = httpRoutesOf('express-views-locals');

  it('a view whose locals hold only site settings reads no identity: open', () => {
    const e = byId('GET /about');
    assert.equal(e.guardState, 'unguarded', reasonsOf(e));
  });

  it('a view under a middleware that copies the caller into res.locals: anonymous allowed', () => {
    const e = byId('GET /members/page');
    assert.equal(e.guardState, 'optional', reasonsOf(e));
  });

  it('a prefix answered by code the request is handed to, with its own 404, is a route', () => {
    const e = byId('ANY /_assets/emoji/*');
    assert.equal(e.guardState, 'unguarded', reasonsOf(e));
  });

  it('the same shape around a check that refuses is middleware only', () => {
    assert.ok(!all().some((e) => e.id.startsWith('ANY /admin')), all().map((e) => e.id).join(', '));
  });
});
