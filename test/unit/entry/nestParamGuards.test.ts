// Nest guards that read of the request only its path parameters decide on what is asked for, not on
// who asks (src/core/entry/nestParamGuards.ts) on test/fixtures/routes/nest-param-guards; a path
// parameter named like a credential, a read of the caller or the request handed on keeps the guard.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('nest: guards that read only the path parameters', () => {
  const { byId: route } = httpRoutesOf('nest-param-guards', { settled: true });

  it('a provider switch or a resource check read from request.params refuses no caller for being anonymous', () => {
    assert.equal(route('GET /oauth/auth/:provider').guardState, 'unguarded');
    assert.match(route('GET /oauth/auth/:provider').guards.find((g) => g.name === 'ProviderGuard')?.reason ?? '', /not a guard: .*only its path parameters/);
    assert.equal(route('GET /oauth/shares/:id').guardState, 'unguarded');
  });

  it('a credential in the path, the caller read beside it, or the request handed to a helper: still a guard', () => {
    assert.equal(route('GET /oauth/links/:token').guardState, 'guarded');
    assert.equal(route('GET /oauth/teams/:team').guardState, 'guarded');
    assert.equal(route('GET /oauth/helper/:provider').guardState, 'guarded');
  });
});
