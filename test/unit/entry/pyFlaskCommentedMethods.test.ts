// A `methods=[...]` list with a comment among its items (`"POST",  # deprecated`), inline or bound to a
// module-level tuple (test/fixtures/routes/flask-commented-methods): the comment is a node of the list, not
// an item, so the list is still read (it was unread, and the route fell back to GET). A methods= value not read
// at all gives ANY, not Flask's default GET.
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-commented-methods');

const ROUTES: PyRouteRow[] = [
  ['POST', '/api/prefs', 'svc/app.py:12', 'guarded', ['login_required']],
  ['PATCH', '/api/prefs', 'svc/app.py:12', 'guarded', ['login_required']],
  ['PUT', '/api/prefs/sports', 'svc/app.py:24', 'guarded', ['login_required']],
  ['PATCH', '/api/prefs/sports', 'svc/app.py:24', 'guarded', ['login_required']],
  // A methods= value not read (a call): any method, not a guessed GET.
  ['ANY', '/unread', 'svc/app.py:34', 'unguarded', []],
];

describe('python routes: Flask methods lists with comments among the items (test/fixtures/routes/flask-commented-methods)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'flask' });
});
