// Routes an Express service registers through a helper of its own (test/fixtures/routes/
// express-route-helpers): `setupApiRoute(router, verb, path, [middlewares], controller)` taking
// its arguments as `...args` and unpacking them, the route's own middleware picked by
// `args[args.length - 2]`, a shared setting check (answered through a formatter that maps errors
// to 403) in front, a passport bearer decoder whose callback refuses no one on one route.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { httpRoutesOf } from './httpRoutes';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { suggestFlows } from '../../../src/core/callgraph/suggestFlows';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/express-route-helpers');

describe('routes: Express routes registered through a rest-arguments helper', () => {
  const { all, byId } = httpRoutesOf('express-route-helpers');

  it('each route sits where the helper is called with its path, not once inside the helper', () => {
    const got = all().map((e) => `${e.id} ${e.file}:${e.line}`).sort();
    assert.deepEqual(got, ['DELETE /api/notes/:id app.js:12', 'GET /api/notes app.js:10', 'POST /api/notes app.js:11']);
  });

  it('the middleware picked by args[args.length - 2] guards: ensureLoggedIn is a guard, not a logger', () => {
    for (const id of ['POST /api/notes', 'DELETE /api/notes/:id']) {
      const e = byId(id);
      assert.equal(e.guardState, 'guarded', `${id}: ${e.guardReason}`);
      assert.ok(e.guards.some((g) => g.name === 'ensureLoggedIn' && !g.optional), JSON.stringify(e.guards));
    }
  });

  it('passport.authenticate with a callback that refuses no one, and a formatter mapping errors to 403, guard nothing', () => {
    const e = byId('GET /api/notes');
    assert.equal(e.guardState, 'optional', e.guardReason);
    assert.ok(!e.guards.some((g) => !g.optional && g.kind !== 'other'), JSON.stringify(e.guards));
  });

  it('flows read `controller.constructor` without reaching Object.prototype', async () => {
    const map = await buildMap({ root: ROOT, cache: false, workers: 0 });
    const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8'));
    const flows = suggestFlows(map, entries.filter((e) => e.kind === 'http'));
    assert.equal(flows.length, 3);
  });
});
