// Flask MethodView classes registered with `as_view` (directly and through a function of the service
// that walks a list of rules: `register_view(bp, routes=[…], view_func=Cls.as_view("name"))`),
// blueprints made inside a function and mounted at a prefix read from the app config
// (`app.config["USER_URL_PREFIX"]`, the config class's attribute), the class's `decorators` list
// (Flask-Login, Flask-Allows `allows.requires(Requirement)` whose requirement's name says nothing),
// a decorator of ours that only turns signed-in callers away (optional), and a before_request hook
// answering Flask-Login's `needs_refresh()`. Fixture: test/fixtures/routes/flask-method-views.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-method-views');

describe('python routes: Flask MethodViews registered through a rule-list helper', () => {
  let got: EntryPoint[] = [];
  const byId = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('registers each method of the class at each rule of the list, under the config prefix', () => {
    for (const id of ['GET /user/settings', 'POST /user/settings', 'GET /user/settings/general', 'POST /user/settings/general', 'GET /user/:username', 'GET /auth/login', 'POST /auth/login', 'GET /admin/reports', 'GET /admin/stats']) assert.ok(byId(id), `${id} in ${got.map((e) => e.id).join(', ')}`);
    assert.equal(byId('POST /user/:username'), undefined);
    assert.ok(!got.some((e) => /:route|register_view/.test(e.id)), got.map((e) => e.id).join(', '));
  });

  it('guards by the class decorators list, Flask-Allows requirements and the refresh hook', () => {
    assert.equal(byId('GET /user/settings')?.guardState, 'guarded');
    assert.equal(byId('GET /user/:username')?.guardState, 'unguarded');
    assert.equal(byId('GET /admin/reports')?.guardState, 'guarded');
    assert.ok(byId('GET /admin/reports')?.guards.some((g) => /Flask-Allows/.test(g.reason)));
    assert.equal(byId('GET /admin/stats')?.guardState, 'guarded');
  });

  it('reads a decorator of ours that only redirects signed-in callers as optional', () => {
    assert.equal(byId('GET /auth/login')?.guardState, 'optional');
  });
});
