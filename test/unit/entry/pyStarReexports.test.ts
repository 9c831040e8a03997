// Blueprints re-exported by packages with `from .x import *` and reached through a module alias
// (`import app.controller as api; apiv1.register_blueprint(api.auth, url_prefix="/auth")`), nested
// blueprints among them (KitchenOwl's register_controller.py). Fixture:
// test/fixtures/routes/flask-star-reexports.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-star-reexports');

describe('python routes: blueprints re-exported through star imports', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  const cases: [id: string, state: string][] = [
    // Two packages down: app/controller/__init__.py `from .auth import *`, auth/__init__.py `from .auth_controller import auth`.
    ['POST /api/auth', 'unguarded'],
    ['POST /api/auth/llt', 'guarded'],
    ['GET /api/household/:household_id', 'guarded'],
    // A blueprint registered on another re-exported blueprint, both named through the alias.
    ['GET /api/household/:household_id/category', 'guarded'],
    ['GET /api/category/:id', 'guarded'],
    // One package down: `from .settings_controller import *`.
    ['GET /api/settings', 'unguarded'],
  ];
  for (const [id, state] of cases) {
    it(`${id} carries every prefix (${state})`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, `${id} missing; got ${got.map((x) => x.id).join(', ')}`);
      assert.equal(e.guardState, state);
    });
  }

  it('leaves no route without its mount prefixes', () => {
    assert.deepEqual(got.filter((e) => !e.path.startsWith('/api/')).map((e) => e.id), []);
  });
});
