// Tornado (test/fixtures/routes/tornado): (regex, handler class) tuples in module lists gathered
// by a package's `__init__.py` loop, by the application's method (with the list a configured
// object's method returns, `Instance(Provider)`) and given a prefix by a helper that joins it onto
// each pattern (the prefix a traitlets default); a later tuple of the same method and path is
// shadowed; one route per HTTP method a handler class defines or inherits from the service's
// classes (`head = get`); a class whose `prepare` raises 404 is one ANY route. Guards:
// `@web.authenticated`, a decorator of ours that raises 403 (one that refuses no one is none), a
// 401 when `self.current_user` is None; reading the caller without refusing is optional, unless
// the method signs the caller in. A list given to `web.Application` directly, a WebSocket handler
// (its upgrade GET), a redirect to sign-in as a refusal.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readablePath, urlPathJoin } from '../../../src/core/entry/python/tornadoLink';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/tornado');

const ROUTES: PyRouteRow[] = [
  // The provider's list comes first: its /login answers, pages.py's is shadowed.
  ['GET', '/notes-app/login', 'app/sso.py:12', 'unguarded', [], 'app/web/pages.py LoginPage.get 20'],
  // Reads the caller, but signs it in: a sign-in, not optional.
  ['POST', '/notes-app/login', 'app/sso.py:12', 'unguarded', [], 'app/web/pages.py LoginPage.post 23'],
  ['GET', '/notes-app/sso/callback', 'app/sso.py:12', 'unguarded', [], 'app/sso.py SsoCallback.get 6'],
  ['GET', '/notes-app', 'app/web/pages.py:38', 'optional', [], 'app/web/pages.py HomePage.get 8'],
  ['GET', '/notes-app/notes/:note_id/edit', 'app/web/pages.py:39', 'guarded', ['web.authenticated'], 'app/web/pages.py EditorPage.get 15'],
  // A decorator of ours that refuses no one is no guard; `head = get` answers HEAD.
  ['GET', '/notes-app/ping', 'app/web/pages.py:41', 'unguarded', [], 'app/web/pages.py Ping.get 31'],
  ['HEAD', '/notes-app/ping', 'app/web/pages.py:41', 'unguarded', [], 'app/web/pages.py Ping.get 31'],
  ['GET', '/notes-app/api/notes', 'app/web/api.py:25', 'guarded', ['if user is None: raise web.HTTPError(401)'], 'app/web/api.py NoteList.get 8'],
  ['OPTIONS', '/notes-app/api/notes', 'app/web/api.py:25', 'unguarded', [], 'app/web/base.py JsonHandler.options 16'],
  ['GET', '/notes-app/api/notes/:note_id/:rev?', 'app/web/api.py:26', 'unguarded', [], 'app/web/api.py NoteItem.get 16'],
  ['DELETE', '/notes-app/api/notes/:note_id/:rev?', 'app/web/api.py:26', 'guarded', ['needs_role("editor")'], 'app/web/api.py NoteItem.delete 20'],
  ['OPTIONS', '/notes-app/api/notes/:note_id/:rev?', 'app/web/api.py:26', 'unguarded', [], 'app/web/base.py JsonHandler.options 16'],
  ['GET', '/notes-app/about', 'app/application.py:34', 'unguarded', [], 'app/application.py AboutPage.get 15'],
  // Outside the prefixed list: at its pattern; no HTTP method and a 404 in prepare: one ANY route.
  ['ANY', '/*', 'app/application.py:36', 'unguarded', [], 'app/web/base.py Missing.prepare 21'],
  // A list given to web.Application itself; an anonymous caller redirected to sign-in is refused.
  ['GET', '/status', 'app/standalone.py:19', 'guarded', ['if not self.current_user: self.redirect(self.get_login_url())'], 'app/standalone.py StatusHandler.get 6'],
  // A WebSocket handler: the upgrade GET, where the service's code starts in `open`.
  ['GET', '/feed', 'app/standalone.py:19', 'unguarded', [], 'app/standalone.py FeedSocket.open 14'],
  // The anonymous arm of an if/elif/else sends the caller to sign-in; the arm before it tests a
  // setting whose property writes a falsy default: refused under the defaults.
  ['GET', '/', 'app/standalone.py:55', 'guarded', ['else: url = self.get_login_url(); self.redirect(url)'], 'app/standalone.py LandingHandler.get 31'],
  // The same with a setting that defaults to on: it depends on the configuration.
  ['GET', '/themed', 'app/standalone.py:55', 'unknown', [], 'app/standalone.py ThemedLanding.get 43'],
];

describe('python routes: Tornado handler lists (test/fixtures/routes/tornado)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'tornado', title: 'finds exactly the expected routes (the shadowed /login once)' });
  it('cites the code of a decorator of ours that refuses', () => {
    const g = found().find((x) => x.id === 'DELETE /notes-app/api/notes/:note_id/:rev?')?.guards[0];
    assert.deepEqual(g?.evidence && `${g.evidence.file}:${g.evidence.line}`, 'app/web/checks.py:11');
  });
});

describe('python routes: Tornado patterns as paths', () => {
  it('joins a prefix as url_path_join does', () => {
    assert.equal(urlPathJoin('/hub/', ''), '/hub');
    assert.equal(urlPathJoin('/hub/', '/'), '/hub/');
    assert.equal(urlPathJoin('/hub/', '/api/x'), '/hub/api/x');
  });
  it('writes groups as parameters, tails as /*, and leaves other regexes as written', () => {
    assert.equal(readablePath('/u/(?P<name>[^/]+)(?P<rest>/.*)?', []), '/u/:name/*');
    assert.equal(readablePath('/go/(.*)?', ['path']), '/go/*');
    assert.equal(readablePath('/api/?', []), '/api');
    assert.equal(readablePath('/error/(\\d+)$', ['code']), '/error/:code');
    assert.equal(readablePath('/c/([^/]+)(?:/([^/]+))?', ['name', 'value']), '/c/:name/:value?');
    assert.equal(readablePath('/api/(.*)', []), '/api/*');
    assert.equal(readablePath('/k/(?P<kernel_id>\\w+-\\w+)/(?P<action>restart|interrupt)', []), '/k/:kernel_id/:action');
    assert.equal(readablePath('/s/([\\w\\.\\-%]+)', ['name']), '/s/:name');
    assert.equal(readablePath('(?!/hub/).*', []), undefined);
    assert.equal(readablePath('/(user|services)/([^/]+)', []), undefined);
  });
});
