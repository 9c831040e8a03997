// Nest routes a guard lets through on their metadata, handler checks of a carried credential, a
// guard that cannot see the caller, routes on the adapter's instance and controllers mounted only
// under an environment test (src/core/entry/nestMetadataSkip.ts, nestHandlerChecks.ts,
// nestGuardCode.ts, nestAppMounts.ts, nestRouterModule.ts) on test/fixtures/routes/nest-metadata-skip.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('nest: route metadata a guard skips, handler credential checks, adapter routes', () => {
  const { all, byId: route } = httpRoutesOf('nest-metadata-skip', { settled: true });

  it('a guard whose canActivate returns true on IS_PUBLIC_KEY lets @Public() routes through, the others not', () => {
    assert.equal(route('GET /api/docs').guardState, 'guarded');
    assert.equal(route('GET /api/docs/shared').guardState, 'unguarded');
    const g = route('GET /api/docs/shared').guards.find((x) => x.name === 'JwtAuthGuard');
    assert.match(g?.reason ?? '', /not a guard on this route: JwtAuthGuard .* returns true for routes marked IS_PUBLIC_KEY .*@Public/);
  });

  it('the key matched by the string its constant holds; a factory setting it false marks nothing', () => {
    assert.equal(route('GET /api/docs/written').guardState, 'unguarded');
    assert.equal(route('GET /api/docs/closed').guardState, 'guarded');
  });

  it('a guard reading the handler\'s metadata only is not skipped by a mark on the class', () => {
    assert.equal(route('GET /api/keys').guardState, 'guarded');
    assert.equal(route('GET /api/keys/open').guardState, 'unguarded');
  });

  it('a handler that checks a credential from the query and ends the request when it fails guards itself', () => {
    assert.equal(route('GET /api/docs/files/:id').guardState, 'guarded');
    assert.match(route('GET /api/docs/files/:id').guards.map((x) => x.reason).join(' | '), /this\.tokens\.verify\(\) checks 'jwtToken', a credential the request carries \(@Query\('jwt'\)\)/);
    assert.equal(route('GET /api/docs/feed').guardState, 'guarded');
    // A reset link's token is the way in.
    assert.equal(route('GET /api/docs/password-reset').guardState, 'unguarded');
  });

  it('a canActivate() without an ExecutionContext refuses on state, not on the caller', () => {
    assert.equal(route('POST /api/docs/setup').guardState, 'unguarded');
    assert.match(route('POST /api/docs/setup').guards.find((x) => x.name === 'SetupGuard')?.reason ?? '', /takes no ExecutionContext/);
  });

  it('a get() on the adapter\'s instance is a route outside the global prefix', () => {
    assert.equal(route('GET /*').guardState, 'unguarded');
  });

  it('a controller listed only under an environment test that fails while unset is not mounted', () => {
    assert.ok(!all().some((e) => e.id === 'GET /api/stats'));
    assert.equal(route('GET /api/debug').guardState, 'unguarded');
  });
});
