// A Flask before_request hook that splits on the request's path (`request.path.split("/")[1] ==
// "api"`: abort 403 there, redirect to login elsewhere) and lets through the endpoints named by
// module-level lists (`request.endpoint not in _insecure_views`): a route is open only when every
// arm lets it through. Fixture: test/fixtures/routes/flask-hook-lists.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-hook-lists');

describe('python routes: Flask hook exemptions from module lists, split by path', () => {
  let got: EntryPoint[] = [];
  const stateOf = (id: string): string | undefined => got.find((e) => e.id === id)?.guardState;
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('lets through the endpoints each arm\'s module list names', () => {
    for (const id of ['GET /login', 'POST /login', 'GET /api/v1', 'POST /api/v1/token']) assert.equal(stateOf(id), 'unguarded', id);
  });

  it('guards the rest, a name exempt only in the other arm included', () => {
    for (const id of ['GET /', 'GET /download/:filesystem_id', 'GET /api/v1/sources', 'GET /api/v1/login']) assert.equal(stateOf(id), 'guarded', id);
  });
});
