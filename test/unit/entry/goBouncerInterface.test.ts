// Portainer's guards: each package's NewHandler is handed `bouncer security.BouncerService` (an
// interface of ours) and wraps handlers in `bouncer.AdminAccess(httperror.LoggerHandler(h.x))` or
// puts `bouncer.AdminAccess` on a sub-router with `Use`. The interface's one implementation
// (`*RequestBouncer`) is the code that runs; its methods rebind the handler wrapper after wrapper
// (`h = b.mwIsAdmin(h); h = b.mwAuthenticated(h); return h`), each followed for its refusals;
// `httperr.LoggerHandler(h.x)` is a conversion to a func type of ours whose ServeHTTP refuses nobody.
// `middlewares.Deprecated(h, url)` serves the request again on the router itself: unknown (redispatch.ts).
// The package routers are served by the root Handler's ServeHTTP, a switch on the path's prefix handing to
// `http.StripPrefix("/api", h.UserHandler)` (a nested switch's default arm too): every route is under /api.
// Of two registrations of one method and path, only the one gorilla tries first serves (shadowedRoutes.ts).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

type Row = [id: string, state: 'guarded' | 'unguarded' | 'unknown', reason: RegExp];

describe('guards called through an interface of ours: test/fixtures/routes/go-bouncer-iface', () => {
  const routes = httpRoutesOf('go-bouncer-iface');
  itHasStates<Row>(
    routes,
    [
      // Wrapped in the Handle call: AdminAccess rebinds h twice; the admin check refuses first.
      ['POST /api/users', 'guarded', /bouncer\.AdminAccess \(handler\/users\/handler\.go:20\), refuses at security\/bouncer\.go:63/],
      ['GET /api/users/:id', 'guarded', /bouncer\.AuthenticatedAccess \(handler\/users\/handler\.go:22\), refuses at security\/bouncer\.go:45/],
      // PublicAccess only sets headers, and the LoggerHandler conversion answers the handler's own error.
      ['GET /api/users/admin/check', 'unguarded', /none refuses/],
      // On a sub-router with Use.
      ['POST /api/teams', 'guarded', /bouncer\.AdminAccess \(handler\/teams\/handler\.go:18\)/],
      ['GET /api/teams/count', 'unguarded', /none refuses/],
      // Registered on publicRouter and then on adminRouter: gorilla tries adminRouter (made first) first, so only that one serves.
      ['GET /api/teams/mine', 'guarded', /bouncer\.AdminAccess \(handler\/teams\/handler\.go:18\)/],
      // The same path with a query matcher on the first: both serve (the first only with ?q=); the rows check the first, the case below both.
      ['GET /api/teams/find', 'guarded', /bouncer\.AdminAccess \(handler\/teams\/handler\.go:18\)/],
      ['GET /api/teams/find', 'guarded', /bouncer\.AdminAccess \(handler\/teams\/handler\.go:18\)/],
      // A wrapper serving the request again on the registering router (redispatch.ts): where it lands decides.
      ['POST /api/users/legacy', 'unknown', /Deprecated\(\) \(middlewares\/deprecated\.go:8\) serves the request again on the router the route is registered on/],
      // Handed the router without serving it again: nothing on the way refuses.
      ['GET /api/users/count', 'unguarded', /none refuses/],
    ],
    (e, [, , reason]) => assert.match(e.guardReason ?? '', reason),
  );
  it('keeps only the registration gorilla reaches first of one method and path, and both when the first has a query matcher', () => {
    const at = (id: string) => routes.all().filter((e) => e.id === id).map((e) => `${e.file}:${e.line} ${e.guardState}`).sort();
    assert.deepEqual(at('GET /api/teams/mine'), ['handler/teams/handler.go:26 guarded']);
    assert.deepEqual(at('GET /api/teams/find'), ['handler/teams/handler.go:28 guarded', 'handler/teams/handler.go:29 unguarded']);
  });
});
