// aiohttp (test/fixtures/routes/aiohttp): routes decorated on a web.RouteTableDef (`@table.view` answers
// every method) or written as calls (`add_routes([web.get(…)])`, `app.router.add_get`, `add_static`), added to an application built and returned by a function (`build_api`), which a
// module with no aiohttp import hands to a server class whose `__init__` mounts its parameter with
// `add_subapp("/api/v2", api)`; a module-level application mounted at /admin. Guards: a middleware
// whose code hands back what a helper of ours gives, a module object's property answering 403, except
// the paths it lets through first (tested on the path below the mount); a middleware that refuses
// nobody is none; a path test we cannot read leaves the route unknown. A handler the middleware lets
// through that calls the credential check and refuses is guarded; one that answers either way, optional;
// a websocket that sends more than literals only under an `if` calling the check on a message, guarded.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/aiohttp');

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/v2/health', 'app/api/base.py:6', 'unguarded', [], 'app/api/base.py health 6'],
  ['GET', '/api/v2/notes', 'app/api/notes.py:10', 'guarded', ['require_key'], 'app/api/notes.py list_notes 10'],
  ['POST', '/api/v2/notes/:id', 'app/api/notes.py:15', 'guarded', ['require_key']],
  ['ANY', '/api/v2/public/feed', 'app/api/notes.py:21', 'optional', []],
  ['GET', '/api/v2/public/about', 'app/api/notes.py:28', 'unguarded', []],
  ['GET', '/api/v2/public/whoami', 'app/api/notes.py:33', 'guarded', ['whoami checks the caller']],
  // Refuses with a 404 only: no credential check, no guard.
  ['GET', '/api/v2/public/notes/:id', 'app/api/notes.py:41', 'unguarded', []],
  // A websocket sending data only under the check a message passes; one that sends what came in to anyone.
  ['GET', '/api/v2/public/live', 'app/api/notes.py:49', 'guarded', ['live checks the caller']],
  ['GET', '/api/v2/public/echo', 'app/api/notes.py:62', 'optional', []],
  // Routes written as calls: the list form of a table, the router's add_* methods, a static folder.
  ['GET', '/site', 'app/site.py:17', 'unguarded', [], 'app/site.py index 4'],
  ['POST', '/site/login', 'app/site.py:17', 'unguarded', [], 'app/site.py login 8'],
  ['ANY', '/site/any', 'app/site.py:17', 'unguarded', [], 'app/site.py index 4'],
  ['GET', '/site/about', 'app/site.py:18', 'unguarded', [], 'app/site.py about 12'],
  ['GET', '/site/static/*', 'app/site.py:19', 'unguarded', []],
  // `request.path in ALLOWED`: a test of the path we do not read.
  ['GET', '/admin/stats', 'app/admin.py:19', 'unknown', []],
];

describe('python routes: aiohttp applications and middlewares (test/fixtures/routes/aiohttp)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'aiohttp' });
  it('cites the property whose response refuses', () => {
    const g = found().find((x) => x.id === 'GET /api/v2/notes')?.guards.find((x) => x.name === 'require_key');
    assert.equal(g?.evidence && `${g.evidence.file}:${g.evidence.line}`, 'app/api/errors.py:9');
    assert.match(g?.reason ?? '', /lets through \/health, \/public\/\*/);
  });
});
