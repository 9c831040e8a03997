// A repository that bootstraps several Nest applications (test/fixtures/routes/nest-two-apps: a
// public API and a back office, each its own process, and a status page): each app serves the controllers its root module
// reaches through `imports` (forwardRef included), under the global prefix and with the global
// guards set up in its own bootstrap (useGlobalGuards) or by an APP_GUARD of one of its modules. A
// controller both apps reach is served by each, under each prefix, with that app's guards. A
// @Public() mark in an app without guards has nothing to skip: the route is open, the mark its evidence.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('nest: several applications in one repository (test/fixtures/routes/nest-two-apps)', () => {
  const routes = httpRoutesOf('nest-two-apps');
  const route = routes.byId;
  const guardNames = (id: string) => route(id).guards.map((g) => g.name).sort();

  it("each app's controllers are under its own global prefix, a shared module's under both", () => {
    assert.deepEqual(routes.all().map((e) => e.id).sort(), ['DELETE /admin-api/users/:id', 'GET /admin-api/health', 'GET /admin-api/users', 'GET /api/articles', 'GET /api/health', 'GET /status/version']);
  });

  it("an app's useGlobalGuards guards its routes only", () => {
    assert.equal(route('GET /api/articles').guardState, 'guarded');
    assert.deepEqual(guardNames('GET /api/articles'), ['new TokenGuard()']);
    assert.deepEqual(guardNames('GET /api/health'), ['new TokenGuard()']);
  });

  it("an APP_GUARD provider guards the routes of the app whose modules include it, not the other app's", () => {
    for (const id of ['GET /admin-api/users', 'DELETE /admin-api/users/:id', 'GET /admin-api/health']) {
      assert.equal(route(id).guardState, 'guarded', id);
      assert.deepEqual(guardNames(id), ['StaffGuard'], id);
    }
  });

  it('a @Public() mark with no guard to skip leaves the route open (not "anonymous allowed"), public on purpose by the mark', () => {
    const e = route('GET /status/version');
    assert.equal(e.guardState, 'unguarded');
    assert.deepEqual(e.guards, []);
    assert.equal(e.publicOnPurpose, 'marked @Public() at apps/status/src/status.controller.ts:8');
  });
});
