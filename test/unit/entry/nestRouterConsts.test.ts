// Nest RouterModule trees whose paths name a string constant of their file, controllers of one class
// name in two folders each under its own module's prefix, a global CSRF guard that is no identity check,
// and a handler that hands its optional caller to an access check we do not read
// (src/core/entry/nestRouterModule.ts, nestGuardJudge.ts, nestHandlerChecks.ts) on
// test/fixtures/routes/nest-router-consts.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('nest: RouterModule paths from constants, same-named controllers, CSRF guards', () => {
  const { all, byId: route } = httpRoutesOf('nest-router-consts', { settled: true });

  it('a module path that names a constant of the tree\'s file takes its string', () => {
    assert.equal(route('GET /api/v2/status').dynamic, undefined);
    assert.ok(!all().some((e) => e.id.includes('PREFIX')), all().map((e) => e.id).join(', '));
  });

  it('two controllers of one name: each under the prefix of the module that imports it from its file', () => {
    assert.equal(route('GET /api/private/notes/:alias').dynamic, undefined);
    assert.equal(route('POST /api/v2/notes').dynamic, undefined);
    assert.deepEqual(all().map((e) => e.id).filter((id) => id.includes('/notes')).sort(), ['GET /api/private/notes/:alias', 'POST /api/v2/notes']);
  });

  it('a global CSRF guard refuses on a token, not on who calls: no guard; the session guard still is', () => {
    assert.equal(route('GET /api/v2/status').guardState, 'unguarded');
    assert.equal(route('POST /api/v2/status/ping').guardState, 'unguarded');
    assert.match(route('POST /api/v2/status/ping').guards.map((g) => g.reason).join(' | '), /not a guard: CsrfGuard .* not who calls/);
    assert.equal(route('POST /api/v2/notes').guardState, 'guarded');
  });

  it('an optional caller handed to an access check whose failure ends the request: unknown, never open', () => {
    assert.equal(route('GET /api/v2/status/files/:uuid').guardState, 'unknown');
    assert.match(route('GET /api/v2/status/files/:uuid').guards.map((g) => g.reason).join(' | '), /canUserAccessFile\(\) grants 'userId'/);
  });
});
