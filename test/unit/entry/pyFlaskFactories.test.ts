// Flask blueprints built by factory functions and mounted from their result (`register_blueprint(
// mod.construct_blueprint(), url_prefix=…)`, a local bound to such a call, a blueprint handed to a
// function of another module whose views use it), a `@login_required` written above the route
// decorator (it guards nothing), a before_request hook's elif chain of exemptions (`'login' in
// request.endpoint`, `request.blueprint == …`, `request.path.startswith(…)`), a Resource imported by
// a name that is also a submodule, an API-key decorator behind a switch, and a nested view that returns
// the error a token helper gave back. Fixture: test/fixtures/routes/flask-factories.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-factories');

describe('python routes: Flask blueprint factories', () => {
  let got: EntryPoint[] = [];
  const byId = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('prefixes the routes of blueprints mounted from a factory call, a bound local and a handed-in parameter', () => {
    for (const id of ['GET /items/list', 'GET /items/export', 'GET /items/child', 'GET /feeds/watch/:uuid', 'GET /feeds/public']) assert.ok(byId(id), id);
  });

  it('puts the hook on the factories\' blueprints and reads its elif exemptions', () => {
    assert.equal(byId('GET /items/list')?.guardState, 'guarded');
    assert.equal(byId('GET /login')?.guardState, 'unguarded');
    assert.equal(byId('GET /feeds/public')?.guardState, 'unguarded');
    assert.equal(byId('GET /api/v1/spec')?.guardState, 'unguarded');
  });

  it('gives a decorator written above the route decorator no part in the route', () => {
    assert.deepEqual(byId('GET /items/export')?.guards.map((g) => g.name), ['check_authentication']);
  });

  it('follows a Resource imported from a package that re-exports it over its submodule, and keeps a switched key check unknown', () => {
    assert.equal(byId('GET /api/v1/item/:item_id')?.guardState, 'unknown');
  });

  it('guards a nested view that returns the error its token helper gave back', () => {
    assert.equal(byId('GET /feeds/watch/:uuid')?.guardState, 'guarded');
  });
});
