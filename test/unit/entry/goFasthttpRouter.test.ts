// A fasthttp service on github.com/fasthttp/router (test/fixtures/routes/go-fasthttp-router), shaped like
// Authelia: handlers wrapped in "bridges" a builder makes (`NewBridgeBuilder().WithPreMiddlewares(…)
// .WithPostMiddlewares(Require1FA).Build()`), routes registered in a loop over a fixed list, paths from
// constants summed in another package, a method constant of fasthttp, a handler held in a local, a
// handler that only hands its request on, and an OAuth library that authenticates the client.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go fasthttp/router and builder-made middleware chains: test/fixtures/routes/go-fasthttp-router', () => {
  const routes = httpRoutesOf('go-fasthttp-router');
  itHasStates(routes, [
    ['GET /', 'unguarded'],
    ['HEAD /', 'unguarded'],
    // `for _, f := range filesRoot` over a package-level []string of another file: one route per element.
    ['GET /manifest.json', 'unguarded'],
    ['GET /robots.txt', 'unguarded'],
    ['GET /api/health', 'unguarded'],
    // The bridge's post-middleware refuses (403 through a method of the service's own context).
    ['GET /api/user/info', 'guarded'],
    // `r.Handle(fasthttp.MethodPatch, …)`: the method constant is the method.
    ['PATCH /api/user/info', 'guarded'],
    // The router's own catch-all verb.
    ['ANY /api/verify/:extauthz', 'unguarded'],
    ['POST /api/admin/reload', 'guarded'],
    // The router's file server: one GET of the path as written.
    ['GET /assets/:filepath', 'unguarded'],
    // `EndpointPathRoot + "/" + EndpointToken`, constants of another package.
    ['GET /jwks.json', 'unguarded'],
    // fosite's NewAccessRequest, promoted from the library type the provider embeds, authenticates the client.
    ['POST /api/oidc/token', 'guarded'],
    ['GET /.well-known/openid-configuration', 'unguarded'],
    // The library validates the bearer token and the handler ends the request on its error.
    ['GET /api/oidc/userinfo', 'guarded'],
    // The same call whose error ends nothing checks nobody.
    ['GET /api/oidc/peek', 'unguarded'],
    // `consent := Wrap(builder.Build()(h))` held in a local and registered by name.
    ['GET /api/oidc/consent', 'guarded'],
    // Hands the request to a helper whose session check ends it with a JSON error: a doubt, never open.
    ['POST /api/oidc/consent', 'unknown'],
  ]);
  it('names the refusing post-middleware, not the bridge local', () => {
    assert.match(routes.byId('GET /api/user/info').guardReason ?? '', /Require1FA .*refuses at middlewares\/require\.go:\d+/);
    assert.equal(routes.byId('GET /api/user/info').framework, 'fasthttp-router');
  });
  it('says why the OAuth token endpoint is guarded', () => {
    assert.match(routes.byId('POST /api/oidc/token').guardReason ?? '', /NewAccessRequest/);
  });
  it('the loop routes sit at the registration line', () => {
    assert.equal(routes.byId('GET /manifest.json').line, routes.byId('GET /robots.txt').line);
  });
});
