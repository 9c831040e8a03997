// Sign-in views (test/fixtures/routes/django-sign-in-views): a class view's POST does not run its GET,
// so the GET's test of request.user does not make the POST optional; and request.user read after
// the handler signs someone in (`login(request, user)`, `auth_login(…)`) is that user, not the
// caller's identity. A sign-in page that redirects a signed-in caller stays optional.
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-sign-in-views');

const ROUTES: PyRouteRow[] = [
  ['GET', '/login', 'desk/urls.py:6', 'optional', []],
  ['POST', '/login', 'desk/urls.py:6', 'unguarded', []],
  ['ANY', '/sign-up', 'desk/urls.py:7', 'unguarded', []],
  ['ANY', '/greet', 'desk/urls.py:8', 'optional', []],
];

describe('python routes: Django sign-in views read the identity they set (test/fixtures/routes/django-sign-in-views)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'django' });
});
