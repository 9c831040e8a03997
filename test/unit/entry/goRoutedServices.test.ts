// Services registering their routes through an interface of the service's own (Focalboard's
// `type RoutedService interface { RegisterRoutes(*mux.Router) }`, `rs.RegisterRoutes(ws.Router())`):
// the router goes to each type implementing it. `ws.Router()` is a getter returning a field of ours
// by type assertion (`ws.Server.Handler.(*mux.Router)`), the router written into an embedded
// library struct (`&Server{Server: http.Server{Handler: r}}`); a second http.Server literal for a
// unix-socket router is another value, not the same field. A prefix read from an unset environment
// variable is "" on a fresh install. A shared error responder choosing 401 from the error kind it is
// handed (`case errors.Is(err, ErrUnauthorized)`) checks nobody: a panic recoverer and a CSRF header
// check calling it are no guards; a wrapper refusing callers not on the local unix socket
// (`conn.(*net.UnixConn)`) is one.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

type Row = [id: string, state: 'guarded' | 'unguarded', reason: RegExp];

describe('routes registered through an interface of ours: test/fixtures/routes/go-routed-services', () => {
  const routes = httpRoutesOf('go-routed-services');
  itHasStates<Row>(
    routes,
    [
      ['POST /api/v2/login', 'unguarded', /none refuses/],
      ['GET /api/v2/boards', 'guarded', /^a\.sessionRequired \(api\/api\.go:26\), refuses at api\/api\.go:67$/],
      ['GET /hello', 'unguarded', /none refuses/],
      ['POST /api/v2/admin/password', 'guarded', /^a\.adminRequired \(api\/api\.go:36\), refuses at api\/api\.go:78$/],
      ['ANY /static/*', 'unguarded', /none refuses/],
      ['ANY /*', 'unguarded', /none refuses/],
    ],
    (e, [, , reason]) => assert.match(e.guardReason ?? '', reason),
  );
});
