// Micronaut controllers (test/fixtures/routes/micronaut-*): @Controller + @Get/@Post/… URIs joined
// under micronaut.server.context-path, in Java and Kotlin, and micronaut-security as the default
// configuration leaves it: @Secured / JSR-250 on the method over the class, the intercept-url-map
// entry matching path and method (else path alone; the whole path, context path included, unless the
// configuration prepends it to the patterns), default deny when neither allows; off with
// `micronaut.security.enabled: false` (a placeholder's default counts) or without the module; a
// security rule of the service's own leaves the routes it may decide unknown; controllers whose
// @Requires the default configuration does not meet are no routes.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('routes: Micronaut controllers with micronaut-security enabled', () => {
  const shelf = httpRoutesOf('micronaut-secured');
  // [id, state, what the reasons name]
  itHasStates(
    shelf,
    [
      ['GET /shelf/api/books', 'guarded', /@Secured\(SecurityRule\.IS_AUTHENTICATED\)/],
      ['GET /shelf/api/books/search', 'guarded', /IS_AUTHENTICATED/],
      ['GET /shelf/api/books/:id', 'unguarded', undefined],
      ['POST /shelf/api/books', 'guarded', /ROLE_ADMIN/],
      ['DELETE /shelf/api/books/:id', 'guarded', /@RolesAllowed\("ADMIN"\)/],
      ['GET /shelf/public/info', 'unguarded', undefined],
      ['POST /shelf/public/feedback', 'guarded', /default deny/],
      ['GET /shelf/admin/stats', 'guarded', /intercept-url-map \/admin\/\*\* → ROLE_ADMIN/],
      // The later entry naming GET wins over the earlier /admin/** naming no method.
      ['GET /shelf/admin/ping', 'unguarded', undefined],
      ['GET /shelf/status', 'guarded', /default deny/],
      ['GET /shelf/reports/daily', 'unguarded', undefined],
      ['GET /shelf/reports/weekly', 'unguarded', undefined],
    ],
    (e, [, , reason]) => {
      if (reason) assert.match(reasonsOf(e), reason);
    },
    'finds every route of the beans the default configuration makes (no @Requires env or unmet property)',
  );

  it('says an authenticated caller is enough where @Secured asks for IS_AUTHENTICATED', () => {
    assert.deepEqual(shelf.byId('GET /shelf/api/books').guards.map((g) => g.kind), ['authentication']);
    assert.deepEqual(shelf.byId('POST /shelf/api/books').guards.map((g) => g.kind), ['authorization']);
  });

  it('places a configuration guard at its key in application.yml (nested YAML keys followed)', () => {
    const g = shelf.byId('GET /shelf/admin/stats').guards[0];
    assert.equal(`${g.file}:${g.line}`, 'src/main/resources/application.yml:9');
  });

  it('places a route at its HTTP method annotation, handler Class.method', () => {
    const e = shelf.byId('DELETE /shelf/api/books/:id');
    assert.equal(e.handler, 'BookController.delete');
    assert.match(`${e.file}:${e.line}`, /BookController\.java:47$/);
  });
});

describe('routes: Micronaut without a refusing micronaut-security', () => {
  itHasStates(httpRoutesOf('micronaut-security-off'), [
    // `enabled: ${FEEDS_AUTH:false}`: no security filter, so @Secured refuses no one.
    ['GET /feeds/:name', 'unguarded'],
    ['PUT /feeds/:name', 'unguarded'],
  ]);
  itHasStates(httpRoutesOf('micronaut-plain'), [
    ['GET /status', 'unguarded'],
    ['DELETE /status/cache/:key', 'unguarded'],
  ]);
});

describe('routes: Micronaut (Kotlin) with a security rule of the service\'s own', () => {
  const tickets = httpRoutesOf('micronaut-own-rule');
  itHasStates(
    tickets,
    [
      ['GET /api/tickets', 'guarded', /IS_AUTHENTICATED/],
      ['GET /api/tickets/:id', 'unguarded', undefined],
      // ProjectRule reads @ProjectMember: it may allow or refuse.
      ['POST /api/tickets', 'unknown', /ProjectRule .*reads @ProjectMember/],
      // Nothing decides but the own rule may: no default deny claimed.
      ['PATCH /api/tickets/:id', 'unknown', /own security rule ProjectRule/],
    ],
    (e, [, , reason]) => {
      if (reason) assert.match(reasonsOf(e), reason);
    },
  );
});

describe('routes: Micronaut HTTP filters of the service\'s own that answer 401/403', () => {
  const vault = httpRoutesOf('micronaut-filter');
  itHasStates(
    vault,
    [
      // ApiKeyFilter (@Filter("/api/**")) answers 401 for some requests: when is in its code.
      ['GET /api/secrets/:name', 'unknown', /ApiKeyFilter/],
      ['PUT /api/secrets/:name', 'unknown', /HttpResponse\.unauthorized\(/],
      // Outside its pattern; LegacyTokenFilter's @Requires is unmet (vault.legacy-tokens=false), HeaderFilter refuses nothing.
      ['GET /health', 'unguarded', undefined],
    ],
    (e, [, , reason]) => {
      if (reason) assert.match(reasonsOf(e), reason);
    },
  );
});

describe('routes: a Micronaut web module configured by the application module', () => {
  // web/ has no application.yml; app/ does (context path, intercept-url-map); micronaut-security from web/build.gradle.
  // The rule matches the whole path: `/pages/**` written without the context path matches nothing under /console.
  itHasStates(httpRoutesOf('micronaut-modules'), [
    ['GET /console/pages/:slug', 'guarded'],
    ['POST /console/pages/:slug', 'guarded'],
    ['GET /console/account', 'guarded'],
  ]);
});
