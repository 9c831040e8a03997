// Django and DRF written the way Tandoor Recipes writes them (test/fixtures/routes/django-factory-decorators):
// `@decorators.action(...)` through the module (`from rest_framework import decorators`) is an action like
// `@action`; a decorator factory of ours that returns Django's `user_passes_test(...)` (`@group_required("cook")`)
// guards the view; a function view that stops when `not request.user.is_superuser` or lacks a permission
// refuses anonymous callers too (AnonymousUser is neither and holds none); `http_method_names` drops the
// methods it leaves out; `@decorators.api_view` / `@decorators.permission_classes` read as the bare names.
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-factory-decorators');

const ROUTES: PyRouteRow[] = [
  ['ANY', '/export/:pk', 'proj/urls.py:10', 'guarded', ['group_required("cook")']],
  ['ANY', '/system', 'proj/urls.py:11', 'guarded', ['if not request.user.is_superuser']],
  ['ANY', '/update', 'proj/urls.py:12', 'guarded', ['if not request.user.has_perm("kitchen.update")']],
  ['ANY', '/about', 'proj/urls.py:13', 'unguarded', []],
  ['GET', '/health', 'proj/urls.py:14', 'unguarded', []],
  ['POST', '/ping', 'proj/urls.py:15', 'guarded', ['IsAuthenticated']],
  ['GET', '/api', 'proj/urls.py:6', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/dish', 'proj/urls.py:7', 'guarded', ['IsMember']],
  ['GET', '/api/dish/:pk', 'proj/urls.py:7', 'guarded', ['IsMember']],
  ['PUT', '/api/dish/:pk', 'proj/urls.py:7', 'guarded', ['IsMember']],
  ['PUT', '/api/dish/:pk/rename', 'proj/urls.py:7', 'guarded', ['IsMember']],
  ['GET', '/api/dish/flat', 'proj/urls.py:7', 'guarded', ['IsMember']],
];

describe('python routes: Django/DRF as Tandoor writes them (test/fixtures/routes/django-factory-decorators)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });
});
