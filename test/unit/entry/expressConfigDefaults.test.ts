// Routes from settings a fresh install runs with (test/fixtures/routes/express-config-defaults):
// layered configuration (nconf) read from the defaults file of the repository, an adapter class
// chosen by it and loaded by a computed `require`, the user's settings file read if it exists
// (it does not) else the bundled default YAML (named by a folder from the configuration and a
// file-name constant), a zod schema's `.transform`, one instance per entry of `Object.entries`,
// one assignment per key under `if (key === …)`. A method nothing calls runs on the one configured
// instance (no route of unknown path), and a route under a setting's fallback stays.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: settings of the default configuration, through config, adapter and bundled file', () => {
  const { all, byId } = httpRoutesOf('express-config-defaults');

  it('mounts one section per entry of the bundled default settings, each under its permalink', () => {
    assert.equal(byId('GET /docs/:slug').line, 13);
    assert.equal(byId('GET /news/:slug').line, 13);
  });

  it('keeps each key under its own test', () => {
    assert.equal(byId('GET /docs/:slug/feed').line, 30);
    assert.equal(byId('GET /news/:slug/feed').line, 31);
  });

  it('keeps a route under a setting that falls back to a default', () => {
    byId('GET /feature');
  });

  it('evaluates every path: nothing dynamic, nothing else', () => {
    assert.deepEqual(all().filter((e) => e.dynamic).map((e) => e.id), []);
    assert.deepEqual(all().map((e) => e.id).sort(), ['GET /docs/:slug', 'GET /docs/:slug/feed', 'GET /feature', 'GET /news/:slug', 'GET /news/:slug/feed']);
  });
});
