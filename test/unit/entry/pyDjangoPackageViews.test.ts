// Class views of packages mounted with `.as_view()` (test/fixtures/routes/django-package-views):
// drf-spectacular's schema views guarded by SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"], a package
// view we know nothing about left unknown (not unguarded), and API views whose base class comes
// through a module that re-exports it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';
import { packageViewRoutes } from '../../../src/core/entry/python/djangoPackageViews';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-package-views');

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/shelf', 'vault/urls.py:5', 'guarded', ['IsAuthenticated']],
  ['DELETE', '/api/purge', 'vault/urls.py:6', 'guarded', ['AdminOnly']],
  ['GET', '/api/health', 'vault/urls.py:7', 'unguarded', []],
  // MeView's base VaultView is imported from vault.api, which only re-exports it.
  ['GET', '/api/me', 'vault/urls.py:8', 'guarded', ['IsAuthenticated']],
  // SERVE_PERMISSIONS = [IsAuthenticated] in archive/settings.py.
  ['GET', '/api/schema', 'archive/urls.py:8', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/redoc', 'archive/urls.py:9', 'guarded', ['IsAuthenticated']],
  // A package's class view of unknown rules: unknown; wrapped in login_required: guarded.
  ['ANY', '/api/token', 'archive/urls.py:10', 'unknown', []],
  ['ANY', '/api/token/verify', 'archive/urls.py:11', 'guarded', ['login_required']],
];

describe('python routes: Django package class views (test/fixtures/routes/django-package-views)', () => {
  itHasPyRoutes(DIR, ROUTES, { title: 'finds exactly the expected routes' });
  it('leaves drf-spectacular views open when SERVE_PERMISSIONS keeps its default (AllowAny)', () => {
    assert.deepEqual(packageViewRoutes('SpectacularSwaggerView', undefined), { methods: ['GET'], guards: [] });
    assert.deepEqual(packageViewRoutes('TokenObtainPairView', undefined), { methods: ['POST'], guards: [] });
    assert.equal(packageViewRoutes('ObtainJSONWebToken', undefined), undefined);
    assert.deepEqual(packageViewRoutes('ConfirmEmailView', undefined), { methods: ['ANY'], guards: [] });
  });
});
