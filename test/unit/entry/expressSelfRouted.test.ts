// Middleware packages that answer their own paths when used without a prefix
// (test/fixtures/routes/express-self-routed): a metrics exporter, a status page. Each path is a
// route at its documented default or where its options move it; an option turning it off means
// no route; options we cannot read leave the path dynamic, never a guessed default.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: middleware that answers paths of its own', () => {
  const { all, byId } = httpRoutesOf('express-self-routed');

  it('finds the paths each package answers, at its default or its option', () => {
    const got = all().map((e) => `${e.id} ${e.handler}`).sort();
    assert.deepEqual(got.filter((g) => !g.startsWith('ANY /{')), [
      'ANY /internal/prom Prometheus metrics (express-prom-bundle)',
      'ANY /metrics Prometheus metrics (prometheus-api-metrics)',
      'ANY /metrics.json Prometheus metrics (prometheus-api-metrics)',
      'GET /fixed <inline>',
    ]);
    assert.equal(byId('ANY /metrics').line, 9);
  });

  it('keeps a path whose options it cannot read dynamic, with what it depends on', () => {
    const dyn = all().filter((e) => e.id.startsWith('ANY /{'));
    assert.equal(dyn.length, 1, JSON.stringify(all().map((e) => e.id)));
    assert.match(dyn[0].id, /path of express-status-monitor/);
  });

  it('guards a path by the middleware that runs before the package', () => {
    assert.equal(byId('ANY /metrics').guardState, 'unguarded');
    assert.equal(all().find((e) => e.id.startsWith('ANY /{'))?.guardState, 'guarded');
  });
});
