// Fastify routes the shape of OpenPanel's API (test/fixtures/routes/fastify-ws-webhooks): a
// dashboard plugin's onRequest hook reads the session cookie and refuses nobody. A websocket
// handler that closes the socket when the session has no user refuses that caller as a 401 would;
// a webhook whose event is made from the raw body and the webhook secret, its failed result
// thrown, checks who sent it (a parse of the body with no secret does not); a handler that hands
// the raw request to a package of the workspace we cannot read cannot be called unguarded;
// @fastify/swagger-ui and fastify-metrics answer a route of their own where they are registered.
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: Fastify websocket refusals, signed webhook events, requests handed to unread workspace packages', () => {
  const routes = httpRoutesOf('fastify-ws-webhooks');
  itHasStates(routes, [
    ['GET /live/visitors/:projectId', 'unguarded'],
    ['GET /live/events/:projectId', 'guarded'],
    ['GET /live/feed/:projectId', 'guarded'],
    ['POST /webhook/polar', 'guarded'],
    ['POST /webhook/unsigned', 'unguarded'],
    ['POST /mcp', 'unknown'],
    // Plugins' own routes: @fastify/swagger-ui under its routePrefix, fastify-metrics at its endpoint.
    ['GET /docs/*', 'unguarded'],
    ['GET /metrics', 'unguarded'],
    // tRPC's Fastify adapter given a router of a package we cannot read: one row for its mount, judged as
    // the mount (the cookie hook's identity is handed on: anonymous allowed); its procedures are unseen.
    ['ANY /trpc/*', 'optional'],
    // A library's handler given the request (it may read what the cookie hook set): as before, not unknown.
    ['POST /mcp/graphql', 'optional'],
  ]);
});
