// Nest guards that apply only where a route carries their metadata (`if (!options) return true`,
// `if (!roles || roles.length === 0) return true`: nestMetadataSkip.ts `unless`), and a guard that
// hands the request's credential to a call of another class we do not read (nestGuardCode.ts:
// unknown, not passing) on test/fixtures/routes/nest-optin-metadata.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('nest: guards that apply only to routes carrying their metadata', () => {
  const { byId: route } = httpRoutesOf('nest-optin-metadata', { settled: true });

  it('a global guard that returns true without @Authenticated() skips the unmarked routes', () => {
    assert.equal(route('GET /api/albums/server-info').guardState, 'unguarded');
    assert.match(route('GET /api/albums/server-info').guards.find((g) => g.name === 'AuthGuard')?.reason ?? '', /returns true for routes not marked AuthRoute/);
  });

  it('on a marked route, a credential handed to a call we do not read leaves it unknown, never open', () => {
    assert.equal(route('GET /api/albums').guardState, 'unknown');
    assert.equal(route('POST /api/albums').guardState, 'unknown');
    assert.match(route('GET /api/albums').guards.find((g) => g.name === 'AuthGuard')?.reason ?? '', /this\.authService\.authenticate\(\) .*not read here/);
  });

  it('a roles guard checks the routes @Roles() marks and lets the others through', () => {
    assert.equal(route('GET /api/reports/admin').guardState, 'guarded');
    assert.equal(route('GET /api/reports/summary').guardState, 'unguarded');
  });

  it('a credential call whose failure the catch swallows lets the request on', () => {
    assert.equal(route('GET /api/reports/teaser').guardState, 'unguarded');
  });
});
