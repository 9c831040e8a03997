// A go-zero service (test/fixtures/routes/go-zero-rest), shaped like goctl's output: route tables as
// composite literals handed to `server.AddRoutes` with options that prefix (`rest.WithPrefix`) or
// guard (`rest.WithJwt`) every route of the call, `rest.WithMiddlewares` lists around them holding
// middleware kept in the service context's fields, handlers made by `XHandler(serverCtx)`, and the
// route table in `routes.go` under goctl's "DO NOT EDIT" banner.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go go-zero route tables: test/fixtures/routes/go-zero-rest', () => {
  const routes = httpRoutesOf('go-zero-rest');
  itHasStates(routes, [
    // `rest.WithPrefix("/api/v1")`; `rest.WithTimeout` changes no one's access.
    ['POST /api/v1/user/login', 'unguarded'],
    // `rest.WithJwt(secret)`: go-zero answers 401 without a valid token.
    ['GET /api/v1/user/profile', 'guarded'],
    // A middleware of the service context's field that lets everyone through.
    ['GET /items', 'unguarded'],
    // One that refuses (403): `AdminOnly: middleware.NewAdminOnlyMiddleware().Handle`.
    ['DELETE /items/:id', 'guarded'],
    // `server.AddRoute(rest.Route{Method: "GET", …})` with a plain handler function.
    ['GET /healthz', 'unguarded'],
    // A table held in a local, nested middleware lists, a prefix with a trailing slash.
    ['GET /admin/reports', 'guarded'],
    // `rest.WithSignature(conf)` refuses only under configuration: a doubt, never open.
    ['POST /hooks/pay', 'unknown'],
    // A test of a setting against a constant (which sign-in kinds the deployment offers) checks no caller.
    ['POST /user/login/email', 'unguarded'],
    // `rest.WithPrefix("/v2"), rest.WithPrefix("/ops")`: go-zero applies each in turn; `rest.WithPriority()` guards nothing.
    ['GET /ops/v2/status', 'unguarded'],
  ]);
  it('sits each route at its literal in the table, with the framework named', () => {
    const login = routes.byId('POST /api/v1/user/login');
    assert.equal(`${login.file}:${login.line}`, 'internal/handler/routes.go:18');
    assert.equal(login.framework, 'go-zero');
    assert.equal(routes.byId('GET /admin/reports').line, 18);
  });
  it('names the JWT option and the refusing middleware with where they are attached', () => {
    assert.match(routes.byId('GET /api/v1/user/profile').guardReason ?? '', /rest\.WithJwt\(serverCtx\.Config\.Auth\.AccessSecret\) \(internal\/handler\/routes\.go:36\)/);
    assert.match(routes.byId('DELETE /items/:id').guardReason ?? '', /serverCtx\.AdminOnly .*refuses at internal\/middleware\/admin\.go:\d+/);
    assert.match(routes.byId('POST /hooks/pay').guardReason ?? '', /WithSignature.*depends on configuration/);
  });
  it('opens the closure the handler factory returns, not the service context it is given', () => {
    const items = routes.byId('GET /items');
    assert.equal(items.handlerLocation?.symbol, 'ListItemsHandler');
    assert.equal(items.handlerLocation?.file, 'internal/handler/shop/items.go');
  });
});
