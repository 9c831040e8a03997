// A global prefix held in a local constant, passport-local's AuthGuard as the sign-in, and a guard
// that lets anonymous callers through but hands on the caller it found (optional when the handler
// reads it) (src/core/entry/nestApps.ts prefixValue, nestGuardJudge.ts, nestCallerReads.ts) on
// test/fixtures/routes/nest-optional-identity.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('nest: prefix from a local constant, sign-in guards, optional identity', () => {
  const { all, byId: route } = httpRoutesOf('nest-optional-identity', { settled: true });

  it('setGlobalPrefix(globalPrefix) with `const globalPrefix = \'api\'` before it puts every route under /api', () => {
    assert.ok(all().length >= 6);
    assert.ok(all().every((e) => e.path.startsWith('/api/notes')), all().map((e) => e.id).join(', '));
  });

  it('AuthGuard over a passport-local strategy (named by its package\'s default) is the sign-in, not a guard', () => {
    assert.equal(route('POST /api/notes/login').guardState, 'unguarded');
    assert.match(route('POST /api/notes/login').guards.map((g) => g.reason).join(' | '), /the sign-in: strategy 'local' .* passport-local/);
    assert.equal(route('GET /api/notes').guardState, 'guarded');
    // On a route that is no sign-in the same strategy asks for a password: a guard.
    assert.equal(route('POST /api/notes/purge').guardState, 'guarded');
    assert.match(route('POST /api/notes/purge').guards.map((g) => g.reason).join(' | '), /on a route that is no sign-in/);
  });

  it('a never-throwing handleRequest that returns the user makes the route optional when the handler reads the caller', () => {
    assert.equal(route('GET /api/notes/public/:slug').guardState, 'optional');
    assert.match(route('GET /api/notes/public/:slug').guards.map((g) => g.reason).join(' | '), /optional: .*handleRequest never throws.*@CurrentUser\(\)/);
    assert.equal(route('GET /api/notes/public/:slug/req').guardState, 'optional');
  });

  it('open when the handler does not read the caller, or the guard hands on nobody', () => {
    assert.equal(route('GET /api/notes/public/:slug/raw').guardState, 'unguarded');
    assert.equal(route('GET /api/notes/public/:slug/nobody').guardState, 'unguarded');
    // Over a strategy passed in (an OAuth callback's mixin): the user signing in, not a caller.
    assert.equal(route('GET /api/notes/oauth/callback').guardState, 'unguarded');
  });
});
