// Flask decorators that hand the view to another decorator (`return must_sign_in(f)(*a, **kw)`),
// a sign-in decorator kept inside the service (an `if exempt: pass` / `elif not authed:` chain, a
// preflight-only method set, an app config switch nobody sets), settings kept in model columns
// decided by the column's default, and a route given its view by `add_url_rule(view_func=…)`
// guarded by that function's decorators. Fixture: test/fixtures/routes/flask-delegated-guards.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-delegated-guards');

describe('python routes: Flask decorators that hand the view on', () => {
  let got: EntryPoint[] = [];
  const byId = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('finds every route, the add_url_rule loop included', () => {
    assert.deepEqual(got.map((e) => `${e.id} ${e.file}:${e.line}`).sort(), [
      'GET /books library/views.py:14',
      'GET /catalog library/views.py:20',
      'GET /loans library/views.py:8',
      'GET /new/:order library/views.py:44',
      'GET /plain/:order library/views.py:51',
      'GET /preview library/views.py:26',
      'GET /rated/:order library/views.py:44',
      'GET /staff library/views.py:32',
    ]);
  });

  it('judges the service-own sign-in decorator through the decorator that hands the view to it', () => {
    const g = byId('GET /loans')?.guards.find((x) => x.name === 'member_required');
    assert.equal(byId('GET /loans')?.guardState, 'guarded');
    // The refusal is the vendored decorator's: flask-login's unauthorized().
    assert.equal(g?.evidence?.how, 'login_manager.unauthorized() (401 or redirect to login)');
    assert.equal(`${g?.evidence?.file}:${g?.evidence?.line}`, 'library/authlib/core.py:16');
    // The proxy-header way is closed under the column's default (trust_proxy_user False).
    assert.match(g?.reason ?? '', /prefs\.trust_proxy_user is false under the DEFAULT trust_proxy_user = False \(library\/models\.py:11\)/);
  });

  it('decides a guest switch by its column default: closed (0) guards, open (1) does not', () => {
    assert.equal(byId('GET /books')?.guardState, 'guarded');
    assert.match(byId('GET /books')?.guards[0]?.reason ?? '', /prefs\.guest_reading == 1 is false under the DEFAULT guest_reading = 0/);
    assert.equal(byId('GET /catalog')?.guardState, 'unguarded');
  });

  it('leaves a switch no column declares in doubt', () => {
    assert.equal(byId('GET /preview')?.guardState, 'unknown');
    assert.match(byId('GET /preview')?.guardReason ?? '', /^depends on prefs\.preview_mode: @member_unless_preview/);
  });

  it('keeps the name judgement of a decorator from outside the service it hands to', () => {
    assert.equal(byId('GET /staff')?.guardState, 'guarded');
    assert.deepEqual(byId('GET /staff')?.guards.map((g) => g.name), ['staff_area']);
  });

  it("guards an add_url_rule route by its view function's decorators", () => {
    for (const id of ['GET /new/:order', 'GET /rated/:order']) {
      assert.equal(byId(id)?.guardState, 'guarded', id);
      assert.deepEqual(byId(id)?.guards.map((g) => g.name), ['member_unless_guests'], id);
    }
    assert.equal(byId('GET /plain/:order')?.guardState, 'unguarded');
  });
});
