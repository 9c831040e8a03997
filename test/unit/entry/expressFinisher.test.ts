// test/fixtures/routes/express-finisher (the shape of Directus's API): a route's own function leaves
// its answer in res.locals and a shared finisher sends it; the finisher reads the caller only to key
// a cache and pick Cache-Control, so the route is as open as its own function. A route whose service
// refuses a bad one-time token taken from the body (`req.body.token`), or that finds the client's
// address with proxy-addr, does not use the identity the token decoder set (`req.token`).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: a finisher that sends res.locals, tokens from the body, the client address', () => {
  const { byId } = httpRoutesOf('express-finisher');

  it("a finisher that only sends what the route left in res.locals does not make the route anonymous-allowed by its cache key", () => {
    const e = byId('GET /auth');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });

  it('a last function that answers with the caller itself still makes the route anonymous-allowed', () => {
    const e = byId('GET /whoami');
    assert.equal(e.guardState, 'optional', e.guardReason);
  });

  it("a service refusing a bad token read from the body (`req.body.token`) does not guard the route: it is not the decoder's `req.token`", () => {
    const e = byId('POST /password/reset');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });

  it("the request handed to proxy-addr (the client's address) reads no identity", () => {
    const e = byId('POST /password/request');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });
});
