// Django class views and DRF routers as a service of its own writes them
// (test/fixtures/routes/django-class-views): a router class of the repository that extends
// DefaultRouter, a staff-only mixin whose dispatch refuses, `http_method_names`, Django's auth
// views routed straight from `django.contrib.auth.views`, a CSRF decorator that guards nobody, and
// URL confs the frameworks ship.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-class-views');

const ROUTES: PyRouteRow[] = [
  // ShedApi(routers.DefaultRouter), defined in lending/routing.py: a DRF router, API root included;
  // every API view falls under DEFAULT_PERMISSION_CLASSES (a DjangoModelPermissions subclass).
  ['GET', '/api', 'lending/api_urls.py:6', 'guarded', ['ToolModelPermissions']],
  ['GET', '/api/tools', 'lending/api_urls.py:7', 'guarded', ['ToolModelPermissions']],
  ['POST', '/api/tools', 'lending/api_urls.py:7', 'guarded', ['ToolModelPermissions']],
  ['GET', '/api/tools/:tag', 'lending/api_urls.py:7', 'guarded', ['ToolModelPermissions']],
  ['PUT', '/api/tools/:tag', 'lending/api_urls.py:7', 'guarded', ['ToolModelPermissions']],
  ['PATCH', '/api/tools/:tag', 'lending/api_urls.py:7', 'guarded', ['ToolModelPermissions']],
  ['DELETE', '/api/tools/:tag', 'lending/api_urls.py:7', 'guarded', ['ToolModelPermissions']],
  ['POST', '/api/tools/:tag/lend', 'lending/api_urls.py:7', 'guarded', ['ToolModelPermissions']],
  // (SignalRouter is named like a router but extends none: its register() makes no route.)
  // KeeperOnlyMixin.dispatch refuses non-staff callers (anonymous ones included); FilterView answers GET.
  ['GET', '/ledger', 'lending/urls.py:6', 'guarded', ['if not request.user.is_staff']],
  // A RedirectView narrowed to POST by http_method_names.
  ['POST', '/loans/:pk/renew', 'lending/urls.py:7', 'guarded', ['LoginRequiredMixin']],
  // BaseDetailView answers GET; the class adds POST.
  ['GET', '/loans/:pk/receipt', 'lending/urls.py:8', 'guarded', ['LoginRequiredMixin']],
  ['POST', '/loans/:pk/receipt', 'lending/urls.py:8', 'guarded', ['LoginRequiredMixin']],
  // csrf_protect checks the form's token, not who is calling: the sign-out stays open.
  ['POST', '/signout', 'lending/urls.py:9', 'unguarded', []],
  // A list view on a generic base re-exported by a package, whose mixin follows Django's protocol:
  // `if not self.has_permission(): return self.handle_no_permission()` (an anonymous caller holds no permission).
  ['GET', '/tools', 'lending/urls.py:10', 'guarded', ['if not self.has_permission()']],
  // Refusals gated on a setting: LOGIN_REQUIRED defaults to True (getattr on the configuration module),
  // KIOSK_LOCKED to False; NIGHT_MODE is in no settings module, so whether the view refuses is not known.
  ['GET', '/catalogue', 'lending/urls.py:11', 'guarded', ['if settings.LOGIN_REQUIRED and not request.user.is_authenticated']],
  ['GET', '/kiosk', 'lending/urls.py:12', 'unguarded', []],
  ['GET', '/night', 'lending/urls.py:13', 'unknown', []],
  // Django's own auth views, straight from django.contrib.auth.views: the methods they answer.
  ['GET', '/signin', 'toolshed/urls.py:7', 'unguarded', []],
  ['POST', '/signin', 'toolshed/urls.py:7', 'unguarded', []],
  ['GET', '/forgot', 'toolshed/urls.py:8', 'unguarded', []],
  ['POST', '/forgot', 'toolshed/urls.py:8', 'unguarded', []],
  ['GET', '/forgot/sent', 'toolshed/urls.py:9', 'unguarded', []],
  // Confs Django and DRF ship: Django joins "lang" and "setlang/" as written; DRF's sign-in pages are one route.
  ['ANY', '/langsetlang', 'toolshed/urls.py:10', 'unguarded', []],
  ['ANY', '/api/auth/*', 'toolshed/urls.py:11', 'unguarded', []],
];

describe('python routes: Django class views and a router class of the repository (test/fixtures/routes/django-class-views)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { title: 'finds exactly the expected routes' });
  it('says where the mixin refuses', () => {
    const g = found().find((e) => e.id === 'GET /ledger')?.guards.find((x) => x.name === 'if not request.user.is_staff');
    assert.equal(g?.kind, 'authorization');
    assert.equal(`${g?.evidence?.file}:${g?.evidence?.line}`, 'lending/access.py:14');
  });
  it('names the setting a gated refusal hangs on, its default and where it is set, or why it stays unknown', () => {
    const g = found().find((e) => e.id === 'GET /catalogue')?.guards[0];
    assert.match(g?.reason ?? '', /ConditionalLoginMixin\.dispatch refuses the caller first \(lending\/access\.py:\d+\), while LOGIN_REQUIRED is True \(toolshed\/settings\.py:15\)/);
    assert.match(found().find((e) => e.id === 'GET /night')?.guardReason ?? '', /refuses the caller only while settings\.NIGHT_MODE .*a setting whose value was not read/);
  });
});
