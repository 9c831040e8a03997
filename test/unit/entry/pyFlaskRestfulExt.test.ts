// Flask-RESTful registered through the service's own layers (test/fixtures/routes/flask-restful-ext):
// an Api subclass whose method hands its urls to `self.add_resource` through a path helper
// (`urls = [tenant_rule(u) for u in urls]`), Resource classes whose class-level `decorators` come
// from a base in another module (kept, extended with `Base.decorators + […]`, or replaced), blueprint
// rules written through path helpers gated by boolean settings (default read from the settings
// module; unknown when it has none).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

const routes = httpRoutesOf('flask-restful-ext');

describe('python routes: Flask-RESTful through an Api subclass, path helpers and inherited decorators (test/fixtures/routes/flask-restful-ext)', () => {
  itHasStates(
    routes,
    [
      // add_tenant_resource: TENANTS defaults to false, so tenant_rule returns the rule as given;
      // login_required from AuthedResource.decorators (app/base.py), in another module.
      ['GET /api/notes', 'guarded', 'app/api.py', 15, ['login_required']],
      ['POST /api/notes', 'guarded', 'app/api.py', 15, ['login_required']],
      // `AuthedResource.decorators + [no_cache]` keeps the base's list.
      ['GET /api/notes/:note_id/embed', 'guarded', 'app/api.py', 17, ['login_required']],
      // `decorators = []` replaces it.
      ['GET /api/public/:slug', 'unguarded', 'app/api.py', 16, []],
      ['GET /status', 'unguarded', 'app/views.py', 8, []],
      // SHARDED defaults to true: the helper's prefix applies.
      ['GET /shard/stats', 'unguarded', 'app/views.py', 13, []],
      // REGION has no written default: the rule stays the expression, never a guess.
      ['GET /{region_rule("/where")}', 'unguarded', 'app/views.py', 18, []],
    ],
    (e, [, , file, line, guards]) => {
      assert.equal(`${e.file}:${e.line}`, `${file}:${line}`);
      assert.deepEqual(e.guards.map((g) => g.name).sort(), guards);
    },
  );
});
