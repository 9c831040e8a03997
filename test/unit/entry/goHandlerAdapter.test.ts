// Go 1.22 ServeMux patterns whose handler goes through an adapter of ours with the middleware as a
// spread list (shiori's `mux.HandleFunc("GET /x", ToHTTPHandler(deps, handlers.HandleX, globalMiddleware...))`):
// the handler is the function argument, not the spread list, so its own first check guards the route.
// A handler that only hands the request on (`h.legacyHandler.ApiGetTags(c.ResponseWriter(), c.Request())`)
// is guarded by what it hands it to; there, `err := h.validateSession(r); checkError(err)` with
// checkError panicking on the error ends the request for a caller whose credential the check reads.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

type Row = [id: string, state: 'guarded' | 'unguarded', reason: RegExp];

describe('handlers through an adapter with spread middleware: test/fixtures/routes/go-handler-adapter', () => {
  const routes = httpRoutesOf('go-handler-adapter');
  itHasStates<Row>(
    routes,
    [
      ['GET /api/v1/tags', 'guarded', /RequireUser\(\) at web\/server\.go:\d+ ends the request/],
      ['GET /api/tags', 'guarded', /hands the request to ApiGetTags\(\).*validateSession\(\).*panics on it/],
      // Its panic is on a failed write, not on a check of the caller.
      ['GET /api/version', 'unguarded', /none refuses/],
      ['GET /system/liveness', 'unguarded', /none refuses/],
    ],
    (e, [, , reason]) => assert.match(reasonsOf(e), reason),
  );
});
