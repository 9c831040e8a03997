// Go middleware that passes the request on only inside `if verify(…) { next.ServeHTTP(w, r); return }`
// and answers by itself after it (a status taken from a struct value): not known to refuse, but
// never "none refuses" — unknown. Its siblings refusing through a typed error or a status helper
// stay guarded; one that always passes the request on stays open (test/fixtures/routes/go-gated-pass).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go middleware passing the request on only past a credential check: test/fixtures/routes/go-gated-pass', () => {
  const routes = httpRoutesOf('go-gated-pass');
  itHasStates(routes, [
    ['GET /g1', 'guarded'],
    ['GET /g2', 'guarded'],
    ['GET /g3', 'unknown'],
    ['GET /g4', 'guarded'],
    ['GET /open', 'unguarded'],
  ]);
  it('says which check it could not judge', () => {
    assert.match(routes.byId('GET /g3').guardReason ?? '', /M3 ends the request when a credential check fails.*mw\.go/);
  });
});
