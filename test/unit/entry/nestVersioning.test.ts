// Nest route patterns (forRoutes, setGlobalPrefix exclude) in the path-to-regexp 8 syntax of Nest 11
// and the older wildcard forms, and the paths a versioned route is served at.
import * as assert from 'node:assert/strict';
import { nestPatternMatches, nestRoutePaths } from '../../../src/core/entry/nestVersioning';

describe('nest: route patterns and versioned paths', () => {
  it('matches optional groups, named wildcards and parameters, and nothing else', () => {
    assert.equal(nestPatternMatches('admin/queues{/*wildcard}', '/admin/queues'), true);
    assert.equal(nestPatternMatches('admin/queues{/*wildcard}', '/admin/queues/jobs/1'), true);
    assert.equal(nestPatternMatches('admin/queues{/*wildcard}', '/admin/queuesx'), false);
    assert.equal(nestPatternMatches('/de{/*wildcard}', '/assets/de/site.webmanifest'), false);
    assert.equal(nestPatternMatches('users/:id', '/users/7'), true);
    assert.equal(nestPatternMatches('users/:id', '/users/7/posts'), false);
    assert.equal(nestPatternMatches('users/(.*)', '/users/7/posts'), true);
    assert.equal(nestPatternMatches('sitemap.xml', '/sitemapxxml'), false);
  });

  it('an excluded route keeps its version; a neutral one has no segment; no versioning, no segment', () => {
    const versioning = { prefix: 'v', defaultVersion: { values: ['1'] }, file: 'main.ts', line: 1 };
    assert.deepEqual(nestRoutePaths('/health', 'GET', { globalPrefix: 'api', exclude: [{ path: 'health' }], versioning }), [{ path: '/v1/health' }]);
    assert.deepEqual(nestRoutePaths('/health', 'GET', { globalPrefix: 'api', versioning, version: { values: ['', '2'] } }), [{ path: '/api/health' }, { path: '/api/v2/health' }]);
    assert.deepEqual(nestRoutePaths('/health', 'GET', { globalPrefix: 'api', version: { values: ['2'] } }), [{ path: '/api/health' }]);
    assert.deepEqual(nestRoutePaths('/health', 'GET', { versioning: { ...versioning, prefix: '' } }), [{ path: '/1/health' }]);
  });
});
