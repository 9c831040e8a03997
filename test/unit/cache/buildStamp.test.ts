import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildStamp } from '../../../src/core/cache/buildStamp';
import { MapCache } from '../../../src/core/map/mapCache';

const dist = path.resolve(__dirname, '..', '..', '..', '..', 'dist');

describe('build stamp (the identity every cache keys by)', () => {
  it('is one id in every bundle of a build: the CLI, the extension and the workers share their caches', () => {
    // `npm test` builds dist/ first; each bundle that computes a cache key carries the id inline.
    const ids = new Map<string, string>();
    for (const f of fs.readdirSync(dist).filter((n) => n.endsWith('.js'))) {
      const m = /return stamp = "([0-9a-f]{16})"/.exec(fs.readFileSync(path.join(dist, f), 'utf8'));
      if (m) ids.set(f, m[1]);
    }
    for (const must of ['extension.js', 'cli-map.js', 'cli-routes.js']) assert.ok(ids.has(must), `${must} carries no build id: ${[...ids.keys()].join(', ')}`);
    assert.ok([...ids.keys()].some((f) => /Worker\.js$/.test(f)), `no worker carries the build id: ${[...ids.keys()].join(', ')}`);
    assert.strictEqual(new Set(ids.values()).size, 1, JSON.stringify(Object.fromEntries(ids)));
  });

  it('is part of the map cache version, so another build re-extracts instead of reading its facts', () => {
    const stamp = buildStamp();
    assert.ok(stamp.length > 0 && stamp !== 'unknown', stamp);
    assert.ok(MapCache.versionFor('queries').includes(`:${stamp}:`), MapCache.versionFor('queries'));
  });
});
