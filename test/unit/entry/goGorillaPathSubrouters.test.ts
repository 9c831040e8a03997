// gorilla/mux routers made for one path (`api.Path("/project/{id}").Subrouter()`, Semaphore UI) whose routes
// set only their methods (`sub.Methods("GET").HandlerFunc(h)`) or an empty path (`sub.HandleFunc("", h)`): each
// answers the router's own path, behind the middleware of the routers above it; a path-less route on a PathPrefix
// router answers its subtree. And a sign-in handler that looks up the provider named in its path
// (`getSsoProvider(name, ctx)`) and sends an unknown one back to the login page checks no credential.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, reasonsOf } from './httpRoutes';

describe('gorilla/mux Path subrouters and path-less routes: test/fixtures/routes/go-gorilla-path-subrouters', () => {
  const routes = httpRoutesOf('go-gorilla-path-subrouters');
  const route = routes.byId;
  const rows: [id: string, state: string, guard?: RegExp][] = [
    ['GET /api/ping', 'unguarded'],
    ['HEAD /api/ping', 'unguarded'],
    ['GET /api/project/:project_id', 'guarded', /authentication/],
    ['DELETE /api/project/:project_id', 'guarded', /authentication/],
    ['DELETE /api/project/:project_id/me', 'guarded', /authentication/],
    ['GET /api/files/*', 'guarded', /authentication/],
    ['GET /api/projects', 'guarded', /authentication/],
  ];
  for (const [id, state, guard] of rows) {
    it(`${id}: ${state}`, () => {
      const e = route(id);
      assert.equal(e.guardState, state, reasonsOf(e));
      if (guard) assert.match(reasonsOf(e), guard);
    });
  }
  it('each route once, and no route for the Path subrouters themselves', () => {
    const ids = routes.all().map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length, ids.join(', '));
    assert.deepEqual(ids.filter((x) => /^\w+ \/api\/project\/:project_id(\/me)?\/\*$|^ANY /.test(x)), []);
  });
  it('the handler of a path-less route is its own function', () => {
    assert.equal(route('GET /api/ping').handlerLocation?.symbol, 'pong');
    assert.equal(route('DELETE /api/project/:project_id').handlerLocation?.symbol, 'deleteProject');
  });
  it("a provider looked up by the path's name, whose failure redirects to login, is no check of the caller", () => {
    const e = route('GET /api/auth/sso/:provider/login');
    assert.equal(e.guardState, 'unguarded', reasonsOf(e));
  });
  it('a lookup handed the request whose failure redirects to login still refuses the anonymous caller', () => {
    const e = route('GET /api/auth/session');
    assert.equal(e.guardState, 'guarded', reasonsOf(e));
    assert.match(reasonsOf(e), /redirect to login/);
  });
});
