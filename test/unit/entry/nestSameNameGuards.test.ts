// Nest guards told apart by the file's import when two classes share a name, a session set-up held
// in a service member, a path credential handed on by a write, the OAuth client-credentials strategy
// at a token endpoint, and modules imported under ConditionalModule.registerWhen (src/core/entry/
// nestGuardImports.ts, nestMemberMiddleware.ts, nestHandlerChecks.ts, nestGuardCode.ts,
// nestRouterModule.ts) on test/fixtures/routes/nest-same-name-guards, modelled on teable's server.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('nest: same-named guards, member middleware, conditional modules', () => {
  const routes = httpRoutesOf('nest-same-name-guards', { settled: true });

  itHasStates(routes, [
    // The global AuthGuard (auth/auth.guard.ts) skips @Public(); the share AuthGuard of the same name does not.
    ['GET /health', 'unguarded', /not a guard on this route: AuthGuard \(src\/auth\/auth\.guard\.ts/],
    ['GET /share/:shareId', 'guarded', /AuthGuard \(src\/share\/share-auth\.guard\.ts:\d+\) refuses/],
    ['GET /share/:shareId/meta', 'unguarded', /skip/],
    // Imported under another name, and the sign-in AuthGuard attached by @UseGuards beside @Public().
    ['GET /embed/:shareId', 'guarded', /ShareGuard .*share-auth\.guard\.ts/],
    ['GET /embed/:shareId/preview', 'unguarded', /not a guard on this route: AuthGuard \(src\/auth\/auth\.guard\.ts/],
    // express-session's middleware in a service member refuses nobody; a member of an unread package named like auth stays unknown.
    ['POST /api/signup', 'unguarded', /SessionHandlerService\.sessionMiddleware .* is express-session's middleware/],
    ['GET /private/report', 'unknown', /this\.sessionHandler\.authCheck/],
    // A write keyed by a path :token handed to a call of ours: unknown; a read keyed by one stays open.
    ['PUT /files/upload/:token', 'unknown', /a check we did not read: this\.files\.upload\(\) is handed 'token'.*@Param\('token'\)/],
    ['GET /files/read/:token', 'unguarded', /./],
    // passport-oauth2-client-password at the token endpoint is the way in; elsewhere it guards.
    ['POST /oauth/access_token', 'unguarded', /the sign-in: strategy 'oauth2-client-password'/],
    ['POST /oauth/clients/rotate', 'guarded', /oauth2-client-password.*on a route that is no sign-in/],
    // ConditionalModule.registerWhen: a test true while unset mounts its module (GithubModule and MailModule are off).
    ['GET /help', 'unguarded', /./],
  ], (e, [, , reason]) => assert.match(reasonsOf(e), reason as RegExp));

  it('a module imported only under a test that fails while unset serves nothing', () => {
    assert.ok(!routes.all().some((e) => e.path.startsWith('/auth/github') || e.path.startsWith('/mail')));
  });
});
