// Flask decorators whose refusal is not `abort(401)`: a status handed to a helper (`fail(401, …)`),
// `make_response(body, HTTPStatus.UNAUTHORIZED)`, the service's own `AuthError`, a helper answering
// 401 (`return deny()`), a status taken from a table. Every way to the view needs the credentials
// checked, so the view is never "refuses nothing": guarded where the refusal (or its words) is read,
// unknown where only the way out is. Fixture: test/fixtures/routes/flask-unread-refusals.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-unread-refusals');

describe('python routes: Flask decorators refusing in unread forms', () => {
  let got: EntryPoint[] = [];
  const state = (id: string): string | undefined => got.find((e) => e.id === id)?.guardState;
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('reads a refusing status handed to a response maker as a refusal', () => {
    assert.equal(state('GET /api/p1'), 'guarded'); // return fail(401, "no")
    assert.equal(state('GET /api/p4'), 'guarded'); // make_response(…, HTTPStatus.UNAUTHORIZED)
  });

  it("reads the service's own AuthError raised as a refusal", () => {
    assert.equal(state('GET /api/p2'), 'guarded');
  });

  it('guards a view reached only past a credential check whose way out speaks of refusing', () => {
    const e = got.find((x) => x.id === 'GET /api/p5');
    assert.equal(e?.guardState, 'guarded'); // else: return deny()
    assert.match(e?.guards.map((g) => g.reason).join(' ') ?? '', /deny\(\)/);
  });

  it('leaves unknown a view reached only past a credential check whose way out is not read', () => {
    assert.equal(state('GET /api/p3'), 'unknown'); // return jsonify(message=msg), code
  });

  it('keeps a decorator that refuses nothing no guard', () => {
    assert.equal(state('GET /api/open'), 'unguarded');
  });
});
