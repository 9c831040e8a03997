// A middleware that writes `req.url = req.originalUrl` (test/fixtures/routes/express-url-restore:
// in a request 'close' listener, as a logger does) gives the routers behind it the full URL: a route
// written with its mount's prefix in it answers at its path as written. Without one, Express's
// stripping of the prefix stands and the route answers at the prefix doubled.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: a middleware that restores the full URL', () => {
  const { all, byId } = httpRoutesOf('express-url-restore');

  it('takes a route written with its mount prefix at its path as written behind it', () => {
    assert.equal(byId('GET /-/web/data/items').line, 25);
    assert.ok(!all().some((e) => e.id === 'GET /-/web/-/web/data/items'), all().map((e) => e.id).join(', '));
  });

  it('still joins the prefix of a route written without it', () => {
    assert.equal(byId('GET /-/web/status').line, 26);
  });

  it('joins the prefix as Express does when nothing restores the URL', () => {
    assert.equal(byId('GET /-/api/-/api/data/items').line, 7);
  });
});
