// Plane's way of writing a DRF service (test/fixtures/routes/django-spread-perms): a package urlconf that
// spreads the lists its sibling modules export (`from .comments import urlpatterns as comment_urls`,
// `[*comment_urls, *asset_urls]`), included under a prefix; two apps each with a BaseAPIView of its own
// (a view takes the nearest one); and get_permissions choosing classes by action or by the request's method,
// by returning them or assigning (self.)permission_classes, with an else or a closing return for the rest.
// A branch on anything else (the user) decides nothing: the class's own classes stand.
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-spread-perms');
const C = 'hub/board/urls/comments.py';

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/public/boards/:anchor/comments', `${C}:6`, 'unguarded', []],
  ['POST', '/api/public/boards/:anchor/comments', `${C}:6`, 'guarded', ['IsAuthenticated']],
  ['GET', '/api/public/boards/:anchor/votes', `${C}:7`, 'guarded', ['IsAuthenticated']],
  ['POST', '/api/public/boards/:anchor/votes', `${C}:7`, 'guarded', ['IsAuthenticated']],
  ['GET', '/api/public/boards/:anchor/assets', 'hub/board/urls/assets.py:6', 'unguarded', []],
  ['POST', '/api/public/boards/:anchor/assets', 'hub/board/urls/assets.py:6', 'guarded', ['IsAuthenticated']],
  ['GET', '/api/instances', 'hub/admin_api/urls.py:6', 'unguarded', []],
  ['PATCH', '/api/instances', 'hub/admin_api/urls.py:6', 'guarded', ['InstanceAdminPermission']],
  // No permission of its own: this app's BaseAPIView, not the board's.
  ['POST', '/api/instances/email-check', 'hub/admin_api/urls.py:7', 'guarded', ['InstanceAdminPermission']],
];

describe('python routes: spread imported urlpatterns, per-app base views, get_permissions by action or method (test/fixtures/routes/django-spread-perms)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });
});
