// A refusal only the configuration decides is no guard (src/core/entry/interp/settingOnlyRefusal.ts,
// test/fixtures/routes/express-setting-switch): a route the install switches off answers every caller
// alike; a test of who calls — alone or beside a setting — still guards.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('handler checks: a refusal only a setting decides', () => {
  const { byId } = httpRoutesOf('express-setting-switch');
  const cases: [string, 'guarded' | 'not guarded'][] = [
    ['GET /signout', 'not guarded'],
    ['POST /signup', 'not guarded'],
    ['GET /reports', 'guarded'],
    ['GET /private', 'guarded'],
    ['GET /home', 'guarded'],
  ];
  for (const [id, want] of cases) {
    it(`${id} is ${want}`, () => {
      const r = byId(id);
      if (want === 'guarded') assert.equal(r.guardState, 'guarded', JSON.stringify(r.guards));
      else assert.ok(r.guardState === 'unguarded' || r.guardState === 'optional', `${r.guardState}: ${JSON.stringify(r.guards)}`);
    });
  }
});
