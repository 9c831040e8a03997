// Blueprints registered in a loop over a function's parameter (test/fixtures/routes/flask-blueprint-loops):
// `factory.create_app(blueprints=SERVICE_BLUEPRINTS)` hands a module-level tuple of imported blueprints
// to an app factory in another module, which adds its own `DEFAULT_BLUEPRINTS` and passes the list on
// to `configure_blueprints`, whose loop registers each with `url_prefix=f"/api/{API_VERSION}"` (an
// integer constant). Every blueprint's routes get the prefix, the factory's own ones too; a loop
// without url_prefix (given a list positionally) leaves each blueprint its own prefix; a list written
// inline at the call is read as a named one.
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-blueprint-loops');

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/2/users', 'svc/users.py:7', 'guarded', ['login_required']],
  ['GET', '/api/2/items/:item_id', 'svc/items.py:7', 'guarded', ['login_required']],
  ['DELETE', '/api/2/items/:item_id', 'svc/items.py:7', 'guarded', ['login_required']],
  ['GET', '/api/2/items/public', 'svc/items.py:13', 'unguarded', []],
  ['GET', '/api/2/healthcheck', 'svc/health.py:6', 'unguarded', []],
  // The list written inline at the call (create_app(blueprints=[reports_bp])).
  ['GET', '/api/2/reports', 'svc/reports.py:6', 'unguarded', []],
  // A loop without url_prefix: the blueprint keeps its own (Blueprint(url_prefix="/admin")).
  ['GET', '/admin/stats', 'svc/admin.py:7', 'guarded', ['login_required']],
];

describe('python routes: Flask blueprints registered in a loop over a list handed through app factories (test/fixtures/routes/flask-blueprint-loops)', () => {
  itHasPyRoutes(DIR, ROUTES, { framework: 'flask' });
});
