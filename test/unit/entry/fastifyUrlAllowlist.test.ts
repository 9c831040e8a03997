// An app-wide Fastify onRequest hook that lets the URLs of constant lists through before its
// session check (test/fixtures/routes/fastify-url-allowlist, the shape of Rybbit's server):
// `PUBLIC_ROUTES.some((route) => url.includes(route))` with `url` from `request.raw`, read after an
// `if (!url) return`, and `OPEN.includes(request.raw.url)`, decided per route with the route's path.
// A path whose parameters could make the test pass keeps the check; so does a path the lists do
// not name, and one a list names only under a test we cannot decide (a public site).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: a Fastify hook that passes the URLs of constant lists', () => {
  const routes = httpRoutesOf('fastify-url-allowlist');
  itHasStates(routes, [
    ['GET /api/health', 'unguarded'],
    ['POST /api/track', 'unguarded'],
    // `all`: the method is unknown, the URL's beginning '/api/auth/' includes '/api/auth'.
    ['ANY /api/auth/*', 'unguarded'],
    ['GET /api/version', 'unguarded'],
    ['GET /api/overview/:site', 'guarded'],
    ['POST /api/goal/create', 'guarded'],
    ['GET /api/items', 'guarded'],
    ['GET /api/items/:id', 'guarded'],
    ['GET /api/users/:name/tracked', 'guarded'],
  ], (e, [, state]) => {
    if (state === 'guarded') assert.ok(e.guards.some((g) => !g.optional && g.name === 'inline middleware'), JSON.stringify(e.guards));
  });
});
