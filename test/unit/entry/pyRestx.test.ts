// Flask-RESTX and Flask-RESTful (test/fixtures/routes/flask-restx): an Api on a blueprint and one
// on the app, Namespaces added with and without a path (and by `api.namespace`), Resource classes
// routed with `@ns.route` and with `add_resource` (one from another module), one route per HTTP
// method the class defines or inherits, guarded by the method's decorators, the class's
// `method_decorators`/`decorators` and the Namespace's `decorators=`; `@ns.doc(…)` is no guard.
// Beside them, a helper that registers a Flask rule from its parameters (a plugin's asset directory).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-restx');

const ROUTES: PyRouteRow[] = [
  // The spec the RESTX Api serves itself; doc=False: no Swagger UI.
  ['GET', '/api/v1/swagger.json', 'app/api/__init__.py:8', 'unguarded', [], ''],
  // add_namespace(users_ns, "/people") replaces the namespace's own "/users"; two paths in one route.
  ['GET', '/api/v1/people', 'app/api/users.py:8', 'guarded', ['admin_required'], 'app/api/users.py UserList.get 12'],
  // "(admin only)" in a @users_ns.doc description is documentation, not a guard.
  ['POST', '/api/v1/people', 'app/api/users.py:8', 'unguarded', [], 'app/api/users.py UserList.post 16'],
  ['GET', '/api/v1/people/all', 'app/api/users.py:8', 'guarded', ['admin_required'], 'app/api/users.py UserList.get 12'],
  ['POST', '/api/v1/people/all', 'app/api/users.py:8', 'unguarded', [], 'app/api/users.py UserList.post 16'],
  // method_decorators = [login_required]: every method.
  ['GET', '/api/v1/people/:user_id', 'app/api/users.py:20', 'guarded', ['login_required'], 'app/api/users.py User.get 24'],
  ['PATCH', '/api/v1/people/:user_id', 'app/api/users.py:20', 'guarded', ['login_required'], 'app/api/users.py User.patch 27'],
  // add_namespace(items_ns): its own "/items"; Namespace decorators=; GET inherited from ItemBase;
  // method_decorators by method guard PUT only; the path is a module constant.
  ['GET', '/api/v1/items/:item_id', 'app/api/items.py:15', 'guarded', ['auth_token_required'], 'app/api/items.py ItemBase.get 11'],
  ['PUT', '/api/v1/items/:item_id', 'app/api/items.py:15', 'guarded', ['admin_required', 'auth_token_required'], 'app/api/items.py Item.put 19'],
  // ns = api.namespace("health"): added already, under "/health".
  ['GET', '/api/v1/health/ping', 'app/api/__init__.py:16', 'unguarded', [], 'app/api/__init__.py Ping.get 18'],
  // Flask-RESTful: Api(app, prefix="/legacy"), add_resource of classes from other modules.
  ['GET', '/legacy/todos/:todo_id', 'app/__init__.py:16', 'unguarded', [], 'app/legacy.py Todo.get 7'],
  ['DELETE', '/legacy/todos/:todo_id', 'app/__init__.py:16', 'guarded', ['login_required'], 'app/legacy.py Todo.delete 11'],
  ['GET', '/legacy/todo/:todo_id', 'app/__init__.py:16', 'unguarded', [], 'app/legacy.py Todo.get 7'],
  ['DELETE', '/legacy/todo/:todo_id', 'app/__init__.py:16', 'guarded', ['login_required'], 'app/legacy.py Todo.delete 11'],
  // decorators = [login_required] on every method, method_decorators = {"post": [...]} on POST.
  ['GET', '/legacy/things', 'app/__init__.py:17', 'guarded', ['login_required'], 'app/resources.py Thing.get 10'],
  ['POST', '/legacy/things', 'app/__init__.py:17', 'guarded', ['admin_required', 'login_required'], 'app/resources.py Thing.post 13'],
  // A function that registers a route from its parameters, evaluated at each call (router, path
  // with a parameter stripped of its slashes), its handler the function defined inside it.
  ['GET', '/plugins/charts/assets/:path', 'app/__init__.py:18', 'unguarded', [], 'app/plugins.py register_assets.assets_handler 8'],
  ['GET', '/extras/:path', 'app/__init__.py:19', 'unguarded', [], 'app/plugins.py register_assets.assets_handler 8'],
  // `name.upper()` of a parameter: the path stays the expression, at the registration.
  ['GET', '/{"/" + name.upper()}', 'app/plugins.py:20', 'unguarded', [], 'app/plugins.py register_page.page 16'],
];

describe('python routes: Flask-RESTX and Flask-RESTful resources (test/fixtures/routes/flask-restx)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'flask', title: 'finds exactly the expected routes (a non-HTTP method of a Resource is none)' });
  it('keeps the expression of a path made from a changed parameter', () => {
    assert.equal(found().find((e) => e.id === 'GET /{"/" + name.upper()}')?.dynamic?.expression, '"/" + name.upper()');
  });
});
