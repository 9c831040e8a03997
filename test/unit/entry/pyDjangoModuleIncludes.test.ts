// Django urlconfs included as modules imported by name, the way Kiwi TCMS writes tcms/urls.py
// (test/fixtures/routes/django-module-includes): `from app import urls as app_urls` then
// `include(app_urls)`, a package's submodule `include(pkg_urls.case_urls)`, and a third-party
// app's conf imported the same way (`from captcha import urls as captcha_urls`): one row, unknown;
// and django.views.i18n's JavaScriptCatalog, known to answer GET to anyone.
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-module-includes');

const ROUTES: PyRouteRow[] = [
  ['ANY', '/captcha/*', 'site/urls.py:10', 'unknown', []],
  ['GET', '/plan/:pk/edit', 'site/plans/urls.py:6', 'guarded', ['permission_required("plans.change_plan"']],
  ['POST', '/plan/:pk/edit', 'site/plans/urls.py:6', 'guarded', ['permission_required("plans.change_plan"']],
  ['GET', '/case/:pk', 'site/cases/urls/case_urls.py:6', 'guarded', ['login_required']],
  // Django's own translation catalog view: GET, no sign-in.
  ['GET', '/jsi18n', 'site/urls.py:13', 'unguarded', []],
];

describe('python routes: Django urlconfs included as imported modules (test/fixtures/routes/django-module-includes)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });
});
