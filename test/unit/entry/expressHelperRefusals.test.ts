// Routers exported by a chained assignment (`const r = module.exports = Router()`, `exports.x = x =
// Router()`) and mounted with `app.use(require(…))`; handlers whose refusal is a call of our own
// helper handed the response (`else return errors.errorForbidden(res)`, HedgeDoc's lib/errors.js),
// followed across files and two levels down (test/fixtures/routes/express-helper-refusals).
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates } from './httpRoutes';
import { testsSetting } from '../../../src/core/entry/interp/helperRefusal';


describe('routes: chained-assignment routers and refusals through a helper given the response', () => {
  const routes = httpRoutesOf('express-helper-refusals');
  const expected: [string, EntryPoint['guardState'], string?][] = [
    ['GET /403', 'unguarded'],
    ['GET /status', 'unguarded'],
    ['GET /history', 'guarded', 'lib/web/historyRouter.js'],
    ['GET /history/all', 'guarded', 'lib/web/historyRouter.js'],
    ['DELETE /history', 'guarded', 'lib/web/historyRouter.js'],
    // The 404 helper refuses no one (not guarded); the handler reads req.user and answers either way: anonymous allowed.
    ['GET /missing', 'optional'],
    ['POST /upload', 'unguarded'],
    ['GET /items', 'unguarded'],
    ['GET /*', 'unguarded'],
  ];
  itHasStates(routes, expected, (e, [, , file]) => {
    if (!file) return;
    // At the handler's call, with the helper's refusal (lib/errors.js) as evidence.
    const g = e.guards.find((g) => !g.optional && g.file === file);
    assert.ok(g && g.line > 0 && g.evidence?.file === 'lib/errors.js' && g.evidence.line === 8, JSON.stringify(e.guards));
  }, 'finds every route, the chained exports mounted');
});

describe('routes: a refusal condition that also tests a setting', () => {
  const table: [string, boolean][] = [
    ["(uploadsEnabled === 'registered' && !req.isAuthenticated())", true],
    ["(config.mode == 'x') && !req.user", true],
    ['else of (req.isAuthenticated())', false],
    ["(req.method === 'POST') && !req.user", false],
    ['(!token || token !== req.user.deleteToken)', false],
  ];
  for (const [cond, setting] of table) {
    it(`${cond} ${setting ? 'tests' : 'does not test'} a setting`, () => assert.equal(testsSetting(cond), setting));
  }
});
