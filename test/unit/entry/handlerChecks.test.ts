// Checks inside handlers that real Express services write (test/fixtures/routes/express-checks):
// a 400 when the caller's password does not match, a 400 when the caller has no session, and
// controller methods that return the middleware doing the work. A 400 for a missing field is
// not a guard. A 400 when a constant-time comparison of a signed link's key fails is one.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/express-checks');

describe('routes: checks inside handlers (400 on credentials, returned middleware)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  const expected: [string, EntryPoint['guardState'], string?][] = [
    ['POST /config', 'guarded', 'src/app.js'],
    ['POST /signup', 'unguarded'],
    ['POST /session/code', 'guarded', 'src/sessions.js'],
    ['PUT /session/code', 'guarded', 'src/sessions.js'],
    ['GET /session/hello', 'unguarded'],
    ['POST /unsubscribe', 'guarded', 'src/app.js'],
  ];
  it('finds every route', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), expected.map(([id]) => id).sort());
  });
  for (const [id, state, file] of expected) {
    it(`${id} is ${state}`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, 'route missing');
      assert.equal(e.guardState, state, e.guardReason);
      if (file) assert.ok(e.guards.some((g) => !g.optional && g.file === file && g.line > 0 && g.evidence), JSON.stringify(e.guards));
    });
  }
});
