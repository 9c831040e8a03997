// Flask decorators that check an API key header inside the arm taken when it is sent (`if header:
// try: key.is_valid(…) except: abort(401)` / `else: abort(401)`), one that hands the view to that
// decorator or to a Basic-auth one, a decorator that only tests the header is sent, and a view that
// refuses unless the session keeps a user id under a longer key. Fixture: test/fixtures/routes/flask-key-headers.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-key-headers');

describe('python routes: Flask API-key decorators', () => {
  let got: EntryPoint[] = [];
  const byId = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards a view whose decorator validates the key in a try of the arm taken when it is sent', () => {
    assert.equal(byId('GET /v1/zones')?.guardState, 'guarded');
    assert.deepEqual(byId('GET /v1/zones')?.guards.map((g) => g.name), ['key_required']);
  });

  it('guards a view whose decorator hands it to the key or the Basic-auth decorator', () => {
    assert.equal(byId('GET /v1/sync')?.guardState, 'guarded');
  });

  it('keeps a decorator that only tests the header is sent no guard', () => {
    assert.equal(byId('GET /v1/echo')?.guardState, 'unguarded');
  });

  it('reads a user id kept in the session under a longer key as the identity', () => {
    assert.equal(byId('GET /v1/enrol')?.guardState, 'guarded');
  });
});
