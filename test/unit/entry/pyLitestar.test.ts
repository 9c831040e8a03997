// Litestar (test/fixtures/routes/litestar): handlers decorated with Litestar's own `@get`/`@post`/
// `@delete`/`@route(http_method=[…])`, methods of Controller classes (the class's `path`, a base's
// `opt`) and module functions, listed by a Router (directly or through a module-level list spread
// into its `route_handlers`; a Router's `opt`) listed by the application; one route per path of
// a handler given several. Guards: a guard function of ours that raises PermissionDeniedException
// (one that raises nothing is no guard); the JWT backend the application installs
// (`on_app_init=[jwt_auth.on_app_init]`) on every route its exclude regexes (searched, unanchored)
// and `exclude_from_auth` (on the handler or in a controller base's `opt`) do not spare; authentication
// middleware classes of ours on the application or a Router.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { joinPath } from '../../../src/core/entry/python/litestarLink';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/litestar');
const JWT = 'jwt_auth (JWTAuth)';

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/v1/notes', 'app/notes.py:9', 'guarded', [JWT], 'app/notes.py NoteController.list_notes 9'],
  // Spared by the exclude regex "/api/v1/notes/feed".
  ['GET', '/api/v1/notes/feed', 'app/notes.py:13', 'unguarded', []],
  ['GET', '/api/v1/notes/:note_id', 'app/notes.py:17', 'guarded', [JWT]],
  // log_access raises nothing: no guard.
  ['POST', '/api/v1/notes', 'app/notes.py:21', 'guarded', [JWT]],
  ['DELETE', '/api/v1/notes/:note_id', 'app/notes.py:25', 'guarded', [JWT, 'requires_admin']],
  // The base controller's opt = {"exclude_from_auth": True}.
  ['GET', '/shares/:token', 'app/notes.py:37', 'unguarded', []],
  // exclude_from_auth=False spares nothing, the regex "/health" does.
  ['GET', '/health', 'app/main.py:7', 'unguarded', []],
  ['GET', '/api/v1/ping', 'app/main.py:12', 'guarded', [JWT]],
  ['HEAD', '/api/v1/ping', 'app/main.py:12', 'guarded', [JWT]],
  ['GET', '/about', 'app/main.py:17', 'unguarded', []],
  ['GET', '/info', 'app/main.py:17', 'unguarded', []],
  // Listed by a Router whose opt marks every route under it exclude_from_auth.
  ['GET', '/pages/terms', 'app/main.py:22', 'unguarded', []],
  // A controller no Router lists answers at the root; its path is another module's constant (an f-string there).
  ['GET', '/admin/reports/:year', 'app/reports.py:11', 'guarded', [JWT, 'requires_admin']],
];

describe('python routes: Litestar controllers, routers, guards and auth backends (test/fixtures/routes/litestar)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'litestar' });
  it('cites the code of a guard of ours that refuses', () => {
    const g = found().find((x) => x.id === 'DELETE /api/v1/notes/:note_id')?.guards.find((x) => x.name === 'requires_admin');
    assert.equal(g?.evidence && `${g.evidence.file}:${g.evidence.line}`, 'app/guards.py:8');
  });
});

// Authentication middleware classes of ours (AbstractAuthenticationMiddleware whose authenticate_request raises)
// in the application's middleware list (every route) or a Router's (its routes), as DefineMiddleware(cls, exclude=…)
// or bare; one that refuses no one is no guard; an exclude list read from configuration, or an auth backend whose
// installation is not seen (built and returned by a factory), leaves the route unknown.
const MIDDLEWARE: PyRouteRow[] = [
  // Spared by token_auth's exclude; the session backend a factory returns would not spare it, and its installation is not read.
  ['GET', '/status', 'svc/app.py:8', 'unknown', []],
  ['GET', '/items', 'svc/app.py:13', 'guarded', ['DefineMiddleware(TokenMiddleware)']],
  ['GET', '/admin/stats', 'svc/app.py:18', 'guarded', ['DefineMiddleware(TokenMiddleware)', 'StaffMiddleware']],
  // exclude_from_auth spares the application's middleware, not the hook router's (its own key), whose exclude is configuration.
  ['POST', '/hooks/github', 'svc/app.py:23', 'unknown', []],
];

describe('python routes: Litestar authentication middleware (test/fixtures/routes/litestar-middleware)', () => {
  itHasPyRoutes(path.resolve(__dirname, '../../../../test/fixtures/routes/litestar-middleware'), MIDDLEWARE, { framework: 'litestar' });
});

describe('python routes: Litestar path joining', () => {
  it('joins by single slashes and drops a trailing one', () => {
    assert.equal(joinPath('/api/admin/audit', '/'), '/api/admin/audit');
    assert.equal(joinPath('', ''), '/');
    assert.equal(joinPath('/api/', '/teams/{team_id:uuid}'), '/api/teams/{team_id:uuid}');
  });
});
