// An Iris v12 service (test/fixtures/routes/go-iris), shaped like KubePi: the app and its /panel
// party in a server package, routes added by a function handed in by value (`server.Listen(
// route.InitRoute)` calls `route(srv.rootRoute)`), parties made in each package's Install(parent
// iris.Party), `Use` counting only for the routes registered after it, handlers made by factories
// (`handler.List()` returning a func literal), HandleDir file servers and `{p:path}` wildcards.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';
import { irisPath, knownIris } from '../../../src/core/entry/go/iris';

describe('Go Iris parties, ordered Use, handed-in route functions: test/fixtures/routes/go-iris', () => {
  const routes = httpRoutesOf('go-iris');
  itHasStates(routes, [
    ['ANY /', 'unguarded'],
    // Iris's HandleDir: one GET for the file server's subtree; its compression and sessions refuse nobody.
    ['GET /panel/ui/*', 'unguarded'],
    // `if !requireSession(ctx) { return }` in a handler held in a local: the check answers 401 itself.
    ['ANY /panel/shell/*', 'guarded'],
    // Installed before any Use: the login, and handlers that check the session themselves.
    ['POST /panel/api/v1/sessions', 'unguarded'],
    ['GET /panel/api/v1/sessions', 'guarded'],
    // `p, ok := ensureActive(ctx); if !ok { return }`, whose own `ok` check answers 401.
    ['PUT /panel/api/v1/sessions', 'guarded'],
    // The redirect to the identity provider (`AuthCodeURL`) is the sign-in, not a redirect to it.
    ['GET /panel/api/v1/sessions/sso', 'unguarded'],
    // A one-time query token looked up, the request ended in the else branch: a doubt.
    ['GET /panel/api/v1/sessions/download', 'unknown'],
    // authParty.Use(authHandler()) before users.Install(authParty).
    ['GET /panel/api/v1/users', 'guarded'],
    ['GET /panel/api/v1/users/:name', 'guarded'],
    // `{rest:path}` is Iris's rest wildcard; `{name:string}` a parameter.
    ['GET /panel/api/v1/users/:name/files/*', 'guarded'],
  ]);
  it('names the party middleware and the framework', () => {
    assert.match(routes.byId('GET /panel/api/v1/users').guardReason ?? '', /authHandler\(\)/);
    assert.equal(routes.byId('GET /panel/api/v1/users').framework, 'iris');
  });
});

describe('Iris path and middleware tables (go/iris.ts)', () => {
  const cases: [string, string][] = [
    ['/proxy/{p:path}', '/proxy/*'],
    ['/apigroups/{group:path}', '/apigroups/*'],
    ['/users/{id:uint64}', '/users/{id:uint64}'],
    ['/files/{p:path}/x', '/files/{p:path}/x'],
  ];
  for (const [given, want] of cases) it(`${given} -> ${want}`, () => assert.deepEqual(irisPath([{ lit: given }]), [{ lit: want }]));
  const known: [string, 'authentication' | 'none' | undefined][] = [
    ['github.com/kataras/iris/v12/middleware/jwt#Verifier.Verify', 'authentication'],
    ['github.com/kataras/iris/v12/middleware/basicauth#Default', 'authentication'],
    ['github.com/kataras/iris/v12/sessions#Sessions.Handler', 'none'],
    ['github.com/kataras/iris/v12#Compression', 'none'],
    ['github.com/kataras/iris/v12/middleware/jwt#Get', undefined],
    ['github.com/gin-gonic/gin#Logger', undefined],
  ];
  for (const [id, want] of known) {
    it(`${id} is ${want ?? 'not known'}`, () => {
      const k = knownIris(id);
      assert.equal(k === 'none' || k === undefined ? k : k.kind, want);
    });
  }
});
