// Auth applied by wrapping at URL level, the way uMap writes umap/urls.py
// (test/fixtures/routes/django-wrapped-patterns): `urlpatterns += decorated_patterns([decorators],
// path(...), *named_list)` puts each decorator around every listed view; a wrapper of ours named
// "anonymous" that refuses anonymous callers unless a setting (False by default) allows them is a
// login requirement; one no name tells whose code refuses leaves the route unknown; a tuple added
// to urlpatterns is read like a list; a RedirectView's own get is its one ANY route; a class view
// reading request.user in a helper is optional.
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-wrapped-patterns');

const ROUTES: PyRouteRow[] = [
  ['GET', '/', 'proj/urls.py:10', 'unguarded', []],
  ['GET', '/team/:pk', 'proj/urls.py:11', 'optional', []],
  ['ANY', '/m/:pk', 'proj/urls.py:12', 'unguarded', []],
  ['POST', '/map/create', 'proj/urls.py:19', 'guarded', ['login_required_unless_anonymous_allowed']],
  ['GET', '/me', 'proj/urls.py:21', 'guarded', ['login_required']],
  ['POST', '/team/:pk/edit', 'proj/urls.py:15', 'unknown', []],
  ['ANY', '/stats', 'proj/urls.py:24', 'unguarded', []],
];

describe('python routes: Django patterns wrapped by decorated_patterns (test/fixtures/routes/django-wrapped-patterns)', () => {
  const got = itHasPyRoutes(DIR, ROUTES, { framework: 'django' });
  it('a class view that reads request.user in a helper serves anonymous callers (optional)', () => {
    const e = got().find((x) => x.id === 'GET /team/:pk');
    assert.ok(e?.guards.some((g) => g.optional && g.name === 'request.user'));
  });
});
