// A Kotlin route DSL on Javalin (test/fixtures/routes/kotlin-route-dsl, the shape of Reposilite's
// ReposiliteRoute): `AppRoute<T>("/path", GET) { signedIn { … } }`. The blocks are judged by their
// code, not their names: `signedIn` runs the handler only when the Authorization header's
// credentials authenticate (readCredentials answers 401 without them), `adminOnly` wraps it,
// `maybe` hands the caller or null (optional); `authenticated` runs the block for everyone and
// `requireId` refuses on a path parameter: neither guards. A block found nowhere, and a handler
// given as an instance, are unknown; an SSE handler whose work runs only after a credential check
// that answers 401 is guarded. A BEFORE filter of the same shape is no route.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('routes: a Kotlin route DSL on Javalin, its guard blocks read from their code', () => {
  const routes = httpRoutesOf('kotlin-route-dsl');
  const API = 'src/main/kotlin/org/example/shop/api/';
  itHasStates(
    routes,
    [
      ['GET /api/items', 'guarded', 'ItemEndpoints.kt', /signedIn \{\}.*Authorization header.*readCredentials/],
      ['DELETE /api/items/:id', 'guarded', 'ItemEndpoints.kt', /adminOnly \{\}/],
      ['GET /api/public/:path', 'optional', 'ItemEndpoints.kt', /maybe \{\}.*caller or null/],
      ['HEAD /api/public/:path', 'optional', 'ItemEndpoints.kt', /maybe \{\}/],
      ['GET /api/ping/:id', 'unguarded', 'ItemEndpoints.kt', /none refuses/],
      ['POST /api/decoy', 'unguarded', 'ItemEndpoints.kt', /none refuses/],
      ['GET /api/me', 'guarded', 'ItemEndpoints.kt', /Result of whoami\(\)/],
      ['GET /api/mystery', 'unknown', 'ItemEndpoints.kt', /somewhereElse \{\} not found/],
      ['GET /api/shared', 'guarded', 'ItemEndpoints.kt', /signedIn \{\}/],
      ['GET /health', 'unguarded', 'LivePlugin.kt', /none refuses/],
      ['GET /sock', 'unknown', 'LivePlugin.kt', /given as a value/],
      ['GET /events', 'guarded', 'LivePlugin.kt', /events .* runs only when check/],
    ],
    (e, [, , file, reason]) => {
      assert.equal(e.file, `${API}${file}`);
      assert.equal(e.framework, 'javalin');
      assert.match(reasonsOf(e), reason);
    },
  );
});
