// A Go middleware listed for a handler adapter (`Adapt(h, global...)` with `global = append(global,
// []mw.Middleware{mw.NewAuth(), …}...)`) that stores the caller's account through setters of ours on
// an interface (`c.SetAccount(a)` → `withAccount` → `context.WithValue`) only past an early return
// for a caller without a token; the handler tests what a helper gives, and the helper branches on
// `c.IsLogged()`, which reads that key: optional. A handler branching on nothing of the caller stays
// unguarded; a handler calling `DoLogin` signs in; `new(App)` types a local. test/fixtures/routes/go-identity-setters.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('Go identity stored through setters of ours: test/fixtures/routes/go-identity-setters', () => {
  const routes = httpRoutesOf('go-identity-setters');
  itHasStates(routes, [
    ['GET /notes/:id/content', 'optional'],
    ['GET /liveness', 'unguarded'],
    // A handler that calls `DoLogin`: it signs the caller in, and its 401 for a bad token is that sign-in (bodies.ts SIGN_IN_CALL).
    ['POST /partner/exchange', 'unguarded'],
    // Registered on `a.Mux`, the field of `app := new(App)` given the router: the local made by `new` has that type (madeTypes.ts).
    ['GET /version', 'unguarded'],
  ]);
  it('names the middleware that sets the account and the key it puts in the context', () => {
    assert.match(reasonsOf(routes.byId('GET /notes/:id/content')), /NewAuth .*puts accountKey in the request context only for a caller it identifies/);
  });
});
