// DRF permission classes of the repository read by their has_permission
// (test/fixtures/routes/django-perm-rules): a default class that refuses only views with
// `is_private = True`, one that lets safe methods through, a boolean mix of method and user tests,
// one that always returns True, and one whose loop is not read (kept as a guard). Also: a viewset
// narrowed by http_method_names, schema decorators that are not guards, i18n_patterns' language
// prefix, a package view whose name a repository function shares, simplejwt's token view.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-perm-rules');
const U = 'gym/urls.py';

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/v2', `${U}:9`, 'unguarded', []],
  // PrivatePermission (the default) returns True for a view without is_private.
  ['GET', '/api/v2/muscle', `${U}:10`, 'unguarded', []],
  ['GET', '/api/v2/muscle/:pk', `${U}:10`, 'unguarded', []],
  // ...and checks the user for one with is_private = True, inherited by PlanInfoViewSet.
  ['GET', '/api/v2/plan', `${U}:11`, 'guarded', ['PrivatePermission']],
  ['POST', '/api/v2/plan', `${U}:11`, 'guarded', ['PrivatePermission']],
  ['GET', '/api/v2/plan/:pk', `${U}:11`, 'guarded', ['PrivatePermission']],
  ['PUT', '/api/v2/plan/:pk', `${U}:11`, 'guarded', ['PrivatePermission']],
  ['PATCH', '/api/v2/plan/:pk', `${U}:11`, 'guarded', ['PrivatePermission']],
  ['DELETE', '/api/v2/plan/:pk', `${U}:11`, 'guarded', ['PrivatePermission']],
  ['GET', '/api/v2/plan/:pk/values', `${U}:11`, 'guarded', ['PrivatePermission']],
  // http_method_names = ["get", ...]: the other methods of the inherited ModelViewSet answer 405.
  ['GET', '/api/v2/planinfo', `${U}:12`, 'guarded', ['PrivatePermission']],
  ['GET', '/api/v2/planinfo/:pk', `${U}:12`, 'guarded', ['PrivatePermission']],
  // An action it inherits is placed where PlanViewSet declares it (its @action line).
  ['GET', '/api/v2/planinfo/:pk/values', 'gym/api/views.py:21', 'guarded', ['PrivatePermission']],
  // ReadOrContribute: True for SAFE_METHODS (its own list), the user checked for the rest.
  ['GET', '/api/v2/exercise', `${U}:13`, 'unguarded', []],
  ['POST', '/api/v2/exercise', `${U}:13`, 'guarded', ['ReadOrContribute']],
  ['GET', '/api/v2/exercise/:pk', `${U}:13`, 'unguarded', []],
  ['PUT', '/api/v2/exercise/:pk', `${U}:13`, 'guarded', ['ReadOrContribute']],
  ['PATCH', '/api/v2/exercise/:pk', `${U}:13`, 'guarded', ['ReadOrContribute']],
  ['DELETE', '/api/v2/exercise/:pk', `${U}:13`, 'guarded', ['ReadOrContribute']],
  // CreateOnly: `method in [...] or (user and ... and method == "POST")`.
  ['GET', '/api/v2/submission', `${U}:14`, 'unguarded', []],
  ['POST', '/api/v2/submission', `${U}:14`, 'guarded', ['CreateOnly']],
  ['GET', '/api/v2/submission/:pk', `${U}:14`, 'unguarded', []],
  ['PUT', '/api/v2/submission/:pk', `${U}:14`, 'guarded', ['CreateOnly']],
  ['PATCH', '/api/v2/submission/:pk', `${U}:14`, 'guarded', ['CreateOnly']],
  ['DELETE', '/api/v2/submission/:pk', `${U}:14`, 'guarded', ['CreateOnly']],
  // Everyone returns True; get_queryset reads the user: anonymous callers served, identity used.
  ['GET', '/api/v2/trophy', `${U}:15`, 'optional', []],
  ['GET', '/api/v2/trophy/:pk', `${U}:15`, 'optional', []],
  // Unread's loop over view.rules is not read: still a guard.
  ['GET', '/api/v2/rule', `${U}:16`, 'guarded', ['Unread']],
  ['GET', '/api/v2/rule/:pk', `${U}:16`, 'guarded', ['Unread']],
  // @extend_schema(parameters=["permission"]) documents, it does not guard.
  ['GET', '/api/v2/check', `${U}:24`, 'unguarded', []],
  // @api_view under the default PrivatePermission, no is_private on the wrapped view.
  ['POST', '/api/v2/check-language', `${U}:25`, 'unguarded', []],
  ['POST', '/api/v2/token/refresh', `${U}:26`, 'unguarded', []],
  // i18n_patterns: the language code first; `index` is Django's sitemap view, not gym/views.py's.
  ['ANY', '/:language/sitemap.xml', `${U}:19`, 'unguarded', []],
];

describe('python routes: DRF permission classes read by has_permission (test/fixtures/routes/django-perm-rules)', () => {
  const got = itHasPyRoutes(DIR, ROUTES, { framework: 'django' });
  it('says why a default class lets a view through', () => {
    const e = got().find((x) => x.id === 'GET /api/v2/trophy');
    assert.ok(e?.guards.some((g) => g.optional && /reads the identity/.test(g.reason)));
  });
});
