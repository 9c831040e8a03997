// Settings kept in the process-wide nconf store (test/fixtures/routes/express-config-module):
// `require('nconf')` is one provider per program, so what one file gives it (`defaults`) another
// reads. A mount path set only when the operator configures a public URL (`if (url) set(…)`) is
// unset in a fresh install: the code's own fallback (`mountPath || '/'`) answers, and the route
// says which setting its path depends on instead of coming out dynamic.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: the nconf module is one configuration store for the whole program', () => {
  const { all, byId } = httpRoutesOf('express-config-module');

  it('reads a default another file gave the module', () => {
    assert.equal(byId('GET /api/v2/items').line, 9);
  });

  it('mounts at the fallback of a setting a fresh install leaves unset, and says so', () => {
    const r = byId('GET /status');
    assert.equal(r.dynamic, undefined);
    assert.equal(r.pathDependsOn, 'mount_path: not set by default (src/routes/index.js:11)');
  });

  it('finds every route, none dynamic', () => {
    assert.deepEqual(all().map((e) => e.id).sort(), ['GET /api/v2/items', 'GET /status']);
    assert.deepEqual(all().filter((e) => e.dynamic).map((e) => e.id), []);
  });
});
