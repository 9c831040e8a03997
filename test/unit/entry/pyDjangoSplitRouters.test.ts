// Django + DRF written the way linkding writes it (test/fixtures/routes/django-split-routers): a
// urlconf list summed with a call's result (`[...] + plugin_patterns()`) and re-bound under a namespace (`urlpatterns = [path("", include((urlpatterns, "ns")))]`),
// empty-prefix SimpleRouters built in another module and mounted by `include(mod.router.urls)`,
// settings read from the environment with a default (`os.getenv("K", "")`, the `in (True, "true")`
// flag idiom) deciding the urlconf's `if settings.X:` blocks, a view imported under another name,
// Django's PasswordChange views (login_required on their dispatch), a project AdminSite instance,
// a syndication Feed instance as view (guarded by its get_object's token lookup, python/djangoFeeds.ts), get_permissions giving AllowAny to one action, and a
// drf-nested-routers router registered under its parent's prefix.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';
import { settingValues } from '../../../src/core/entry/python/djangoListOps';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-split-routers');

const ROUTES: PyRouteRow[] = [
  // home reads is_authenticated, but its only return under that test sits under a further test: optional, not a refusal.
  ['ANY', '/', 'marks/urls.py:14', 'optional', []],
  ['ANY', '/notes', 'marks/urls.py:15', 'guarded', ['login_required']],
  // access.asset_read hands the request to note_read, which reads request.user: the identity is used when present.
  ['ANY', '/assets/:asset_id', 'marks/urls.py:16', 'optional', []],
  ['GET', '/api', 'marks/api/routes.py:35', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/notes', 'marks/api/routes.py:38', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/notes/:pk', 'marks/api/routes.py:38', 'guarded', ['IsAuthenticated']],
  // get_permissions returns [AllowAny()] for "public"; get_queryset reads the identity.
  ['GET', '/api/notes/public', 'marks/api/routes.py:38', 'optional', []],
  ['POST', '/api/notes/:pk/archive', 'marks/api/routes.py:38', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/tags', 'marks/api/routes.py:41', 'guarded', ['IsAuthenticated']],
  ['DELETE', '/api/tags/:pk', 'marks/api/routes.py:41', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/v2/projects', 'marks/api/routes.py:50', 'guarded', ['IsAuthenticated']],
  ['DELETE', '/api/v2/projects/:pk', 'marks/api/routes.py:50', 'guarded', ['IsAuthenticated']],
  // drf-nested-routers: under the parent's prefix and its lookup, projects/:project_pk/.
  ['GET', '/api/v2/projects/:project_pk/comments', 'marks/api/routes.py:54', 'guarded', ['IsAuthenticated']],
  ['ANY', '/feeds/:feed_key/all', 'marks/urls.py:22', 'guarded', ['NotesFeed.get_object']],
  ['GET', '/change-password', 'marks/urls.py:29', 'guarded', ['login_required']],
  ['POST', '/change-password', 'marks/urls.py:29', 'guarded', ['login_required']],
  ['GET', '/password-change-done', 'marks/urls.py:30', 'guarded', ['login_required']],
  ['ANY', '/admin/*', 'marks/urls.py:33', 'guarded', ['admin.site']],
];

describe('python routes: Django urlconf re-bound, routers of another module (test/fixtures/routes/django-split-routers)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });
  it('reads settings from the environment at their defaults', () => {
    const text = ['A = os.getenv("A", "")', 'B = os.environ.get("B", "x")', 'C = os.getenv("C", False) in (True, "True", "true", "1")', 'D = os.getenv("D", "1") in (', '    True,', '    "1",', ')', 'E = os.getenv("E", 5) in (True,)'].join('\n');
    assert.deepEqual([...settingValues(text)], [['A', ''], ['B', 'x'], ['C', false], ['D', true]]);
  });
});
