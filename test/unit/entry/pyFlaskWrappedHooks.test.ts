// A Flask before_request hook registered on several blueprints at once by stacked decorators, the
// function itself wrapped by the service's guard decorator (`@bp.before_request` above
// `@user_required`): Flask calls the wrapper before every route of those blueprints, so they are
// guarded even though the hook's own body refuses nothing. A plain hook still guards nothing. A view
// raising the service's 401 error (`AuthError`) on a test it reads guards, whatever the test reads.
// Fixture: test/fixtures/routes/flask-wrapped-hooks (privacyIDEA's api/before_after.py).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-wrapped-hooks');

describe('python routes: Flask before_request hooks wrapped by a guard decorator', () => {
  let got: EntryPoint[] = [];
  const stateOf = (id: string): string | undefined => got.find((e) => e.id === id)?.guardState;
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards every route of each blueprint the wrapped hook is registered on', () => {
    for (const id of ['GET /token', 'POST /token/init', 'GET /audit', 'DELETE /policy/:name']) assert.equal(stateOf(id), 'guarded', id);
  });

  it('leaves the blueprint whose hook is not wrapped open', () => {
    assert.equal(stateOf('GET /healthz/livez'), 'unguarded');
  });

  it('guards a view that raises the service\'s 401 error when a test fails, whatever the test reads', () => {
    assert.equal(stateOf('GET /healthz/capabilities'), 'guarded');
  });
});
