// Django + DRF written the way linkding writes it (test/fixtures/routes/django-split-routers): a
// urlconf list re-bound under a namespace (`urlpatterns = [path("", include((urlpatterns, "ns")))]`),
// empty-prefix SimpleRouters built in another module and mounted by `include(mod.router.urls)`,
// settings read from the environment with a default (`os.getenv("K", "")`, the `in (True, "true")`
// flag idiom) deciding the urlconf's `if settings.X:` blocks, a view imported under another name,
// Django's PasswordChange views (login_required on their dispatch), a project AdminSite instance,
// a syndication Feed instance as view (unknown), and get_permissions giving AllowAny to one action.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';
import { settingValues } from '../../../src/core/entry/python/djangoListOps';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-split-routers');

const ROUTES: PyRouteRow[] = [
  // home reads is_authenticated, but its only return under that test sits under a further test: optional, not a refusal.
  ['ANY', '/', 'marks/urls.py:13', 'optional', []],
  ['ANY', '/notes', 'marks/urls.py:14', 'guarded', ['login_required']],
  // access.asset_read hands the request to note_read, which reads request.user: the identity is used when present.
  ['ANY', '/assets/:asset_id', 'marks/urls.py:15', 'optional', []],
  ['GET', '/api', 'marks/api/routes.py:34', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/notes', 'marks/api/routes.py:37', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/notes/:pk', 'marks/api/routes.py:37', 'guarded', ['IsAuthenticated']],
  // get_permissions returns [AllowAny()] for "public"; get_queryset reads the identity.
  ['GET', '/api/notes/public', 'marks/api/routes.py:37', 'optional', []],
  ['POST', '/api/notes/:pk/archive', 'marks/api/routes.py:37', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/tags', 'marks/api/routes.py:40', 'guarded', ['IsAuthenticated']],
  ['DELETE', '/api/tags/:pk', 'marks/api/routes.py:40', 'guarded', ['IsAuthenticated']],
  ['ANY', '/feeds/:feed_key/all', 'marks/urls.py:19', 'unknown', []],
  ['GET', '/change-password', 'marks/urls.py:26', 'guarded', ['login_required']],
  ['POST', '/change-password', 'marks/urls.py:26', 'guarded', ['login_required']],
  ['GET', '/password-change-done', 'marks/urls.py:27', 'guarded', ['login_required']],
  ['ANY', '/admin/*', 'marks/urls.py:30', 'guarded', ['admin.site']],
];

describe('python routes: Django urlconf re-bound, routers of another module (test/fixtures/routes/django-split-routers)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });
  it('reads settings from the environment at their defaults', () => {
    const text = ['A = os.getenv("A", "")', 'B = os.environ.get("B", "x")', 'C = os.getenv("C", False) in (True, "True", "true", "1")', 'D = os.getenv("D", "1") in (', '    True,', '    "1",', ')', 'E = os.getenv("E", 5) in (True,)'].join('\n');
    assert.deepEqual([...settingValues(text)], [['A', ''], ['B', 'x'], ['C', false], ['D', true]]);
  });
});
