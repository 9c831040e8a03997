// A Go middleware listed for a handler adapter (`Adapt(h, global...)` with `global = append(global,
// []mw.Middleware{mw.NewAuth(), …}...)`) that stores the caller's account through setters of ours on
// an interface (`c.SetAccount(a)` → `withAccount` → `context.WithValue`) only past an early return
// for a caller without a token; the handler tests what a helper gives, and the helper branches on
// `c.IsLogged()`, which reads that key: optional. A handler branching on nothing of the caller stays
// unguarded. test/fixtures/routes/go-identity-setters.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('Go identity stored through setters of ours: test/fixtures/routes/go-identity-setters', () => {
  const routes = httpRoutesOf('go-identity-setters');
  itHasStates(routes, [
    ['GET /notes/:id/content', 'optional'],
    ['GET /liveness', 'unguarded'],
  ]);
  it('names the middleware that sets the account and the key it puts in the context', () => {
    assert.match(reasonsOf(routes.byId('GET /notes/:id/content')), /NewAuth .*puts accountKey in the request context only for a caller it identifies/);
  });
});
