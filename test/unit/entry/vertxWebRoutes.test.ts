// Vert.x Web routes in Java and Kotlin (test/fixtures/routes/vertx-web): a route() / route("/api/*")
// registered before a route on the same router runs first, so an authentication handler there
// guards it (and nothing registered before it); a route's own chain runs its handlers in order;
// a handler of ours is judged by its code (this::requireToken fails with 401, Guard(…).handle(it)
// in another file answers UNAUTHORIZED, Tracer(…).handle(it) answers nothing: unknown, never
// open); a router mounted under a prefix takes it and the parent's handlers; two registrations of
// one method and path guarded alike are one route.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('routes: Vert.x Web routers, their handlers in registration order', () => {
  const routes = httpRoutesOf('vertx-web');
  itHasStates(
    routes,
    [
      ['GET /health', 'unguarded', /./],
      ['POST /login', 'unguarded', /./],
      ['GET /api/items', 'guarded', /JWTAuthHandler.*registered before it/],
      ['DELETE /api/items/:id', 'guarded', /JWTAuthHandler/],
      ['GET /admin/stats', 'guarded', /basic.*own chain/],
      ['GET /reports', 'guarded', /this::requireToken.*401\/403/],
      ['GET /mystery', 'unknown', /Gates\.gate\(\)/],
      ['GET /open', 'unguarded', /./],
      ['GET /secure/me', 'guarded', /JWTAuthHandler/],
      ['GET /v2/users', 'unguarded', /./],
      ['GET /ping', 'unguarded', /./],
      ['GET /:db', 'guarded', /Guard\(…\)\.handle\(…\).*Guard\.kt/],
      ['PUT /:db', 'guarded', /Guard\(…\)\.handle/],
      ['GET /:db/audit', 'unknown', /Tracer\(…\)\.handle\(…\).*not judged/],
    ],
    (e, [, state, reason]) => {
      assert.equal(e.framework, 'vertx-web');
      if (state !== 'unguarded') assert.match(reasonsOf(e), reason);
    },
  );
});
