// A wrapper of ours that answers for the handler and tags the answer with who asked (test/fixtures/routes/go-scoped-answer,
// statping-ng's `scoped(h)`: `json.NewEncoder(w).Encode(scope{data: h(r), scope: ScopeName(r)})`, ScopeName reading
// `r.Header["Authorization"]`): anonymous callers get the public view, so the route is optional, not unguarded.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go wrappers whose made handler answers with a credential reader: test/fixtures/routes/go-scoped-answer', () => {
  const routes = httpRoutesOf('go-scoped-answer');
  itHasStates(routes, [
    // scoped's literal answers with scopeName(r), which reads the Authorization header by indexing the header map.
    ['GET /api/services', 'optional'],
    // plain's literal answers with kind(r), which reads no credential.
    ['GET /api/version', 'unguarded'],
    // gated's literal branches on the reader (a rate limit skipped) but answers everyone alike.
    ['GET /api/uptime', 'unguarded'],
    // authenticated refuses without the header: the same reader, now a guard.
    ['POST /api/config', 'guarded'],
  ]);
  it('names the wrapper and the reader its answer carries', () => {
    assert.match(routes.byId('GET /api/services').guardReason ?? '', /scoped answers for the handler: it answers with scopeName/);
  });
});
