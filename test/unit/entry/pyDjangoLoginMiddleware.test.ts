// Django + DRF written the way DefectDojo writes them (test/fixtures/routes/django-login-middleware):
// a login-required middleware of the project in MIDDLEWARE (through another list's name) that lets
// through the paths of a regex list compiled from settings.LOGIN_EXEMPT_URLS (rf-strings with an
// environment prefix) and the login URL; a DefaultRouter filled by functions of other modules
// (`v2_api = add_ticket_urls(v2_api)`, a bare `add_notes_urls(v2_api)`), one prefix an imported
// package constant; mounts written `r"^{}api/v2/".format(get_system_setting("url_prefix"))`.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';
import { loginMiddlewareGuard, type LoginMiddleware } from '../../../src/core/entry/python/djangoLoginMiddleware';
import { inTestPackageOnly } from '../../../src/core/entry/python/djangoReachedTests';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-login-middleware');
const BUILTIN = path.resolve(__dirname, '../../../../test/fixtures/routes/django-login-required-builtin');
const MW = 'LoginRequiredMiddleware';

const ROUTES: PyRouteRow[] = [
  // The API root: api/v2/ is exempt, DRF's default permission class still refuses anonymous callers.
  ['GET', '/api/v2', 'track/urls.py:12', 'guarded', ['DjangoModelPermissions']],
  ['GET', '/api/v2/notes', 'track/notes/api/urls.py:6', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/v2/notes/:pk', 'track/notes/api/urls.py:6', 'guarded', ['IsAuthenticated']],
  ['PUT', '/api/v2/notes/:pk', 'track/notes/api/urls.py:6', 'guarded', ['IsAuthenticated']],
  ['PATCH', '/api/v2/notes/:pk', 'track/notes/api/urls.py:6', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/v2/tickets', 'track/tickets/api/urls.py:5', 'guarded', ['IsAuthenticated']],
  ['POST', '/api/v2/tickets', 'track/tickets/api/urls.py:5', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/v2/tickets/:pk', 'track/tickets/api/urls.py:5', 'guarded', ['IsAuthenticated']],
  ['PUT', '/api/v2/tickets/:pk', 'track/tickets/api/urls.py:5', 'guarded', ['IsAuthenticated']],
  ['PATCH', '/api/v2/tickets/:pk', 'track/tickets/api/urls.py:5', 'guarded', ['IsAuthenticated']],
  ['DELETE', '/api/v2/tickets/:pk', 'track/tickets/api/urls.py:5', 'guarded', ['IsAuthenticated']],
  ['POST', '/api/v2/tickets/:pk/close', 'track/tickets/api/urls.py:5', 'guarded', ['IsAuthenticated']],
  // An action a mixin of another file declares: at its @action line there.
  ['GET', '/api/v2/tickets/:pk/delete_preview', 'track/mixins.py:8', 'guarded', ['IsAuthenticated'], 'track/mixins.py DeletePreviewMixin.delete_preview 9'],
  // An app package named `test` the URL conf reaches is read (python/djangoReachedTests.ts); track/tests/ is not.
  ['GET', '/api/v2/tests', 'track/test/api/urls.py:5', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/v2/tests/:pk', 'track/test/api/urls.py:5', 'guarded', ['IsAuthenticated']],
  ['ANY', '/test/:tid', 'track/test/ui/urls.py:7', 'guarded', [MW]],
  // UI: behind the middleware, but for the exempt share page and the login page (LOGIN_URL from the environment).
  ['ANY', '/ticket', 'track/tickets/ui/urls.py:6', 'guarded', [MW]],
  ['ANY', '/ticket/:tid', 'track/tickets/ui/urls.py:7', 'guarded', [MW]],
  ['ANY', '/share/:token', 'track/tickets/ui/urls.py:8', 'unguarded', []],
  ['ANY', '/login', 'track/tickets/ui/urls.py:9', 'unguarded', []],
];

describe('python routes: Django login middleware with exemptions, router factories (test/fixtures/routes/django-login-middleware)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });
  it('holds back, for the routing to reach, only Python files a test/tests folder alone makes tests', () => {
    const cases: [string, boolean][] = [
      ['dojo/test/ui/urls.py', true],
      ['dojo/test/api/views.py', true],
      ['app/tests/views.py', true],
      ['tcms/settings/test/__init__.py', true],
      ['app/tests/test_views.py', false],
      ['app/tests/conftest.py', false],
      ['app/views_test.py', false],
      ['app/fixtures/urls.py', false],
      ['app/test/testdata/urls.py', false],
      ['app/views.py', false],
      ['pkg/test/handler_test.go', false],
      ['web/__tests__/routes.js', false],
    ];
    for (const [file, want] of cases) assert.equal(inTestPackageOnly(file), want, file);
  });
  it('leaves a route unknown when an exemption cannot be read, never open or guarded', () => {
    const mw: LoginMiddleware = { file: 'm.py', name: MW, line: 1, refusal: { line: 5, text: 'return redirect(x)' }, exempt: [{ regex: '^static/' }, { unread: 'load_exemptions()' }] };
    const cases: [string, 'guard' | 'unknown' | 'exempt'][] = [
      ['/static/app.css', 'exempt'],
      ['/ticket/:id', 'unknown'],
    ];
    for (const [p, want] of cases) {
      const v = loginMiddlewareGuard(mw, p, {}, new Map());
      assert.equal(v === undefined ? 'exempt' : 'unknown' in v ? 'unknown' : 'guard', want, p);
    }
    const plain = loginMiddlewareGuard({ ...mw, exempt: undefined }, '/anything', {}, new Map());
    assert.ok(plain && !('unknown' in plain) && plain.kind === 'authentication');
  });
});

// Django 5.1's own LoginRequiredMiddleware: every view but those marked @login_not_required.
describe('python routes: Django LoginRequiredMiddleware and @login_not_required (test/fixtures/routes/django-login-required-builtin)', () => {
  itHasPyRoutes(BUILTIN, [
    ['ANY', '/dashboard', 'portal/urls.py:6', 'guarded', [MW]],
    ['ANY', '/health', 'portal/urls.py:7', 'unguarded', []],
    ['POST', '/signup', 'portal/urls.py:8', 'unguarded', []],
  ], { framework: 'django' });
});
