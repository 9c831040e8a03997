// A Flask before_request hook whose own body refuses nothing but calls a function of the service in
// another module that raises a refusal (privacyIDEA's container hook: `verify_auth_token(...)` under
// `if not is_auth_free:`, the flag set from `request.path in <local list>`): every route of the
// blueprint is guarded except the listed paths. A hook whose way past the call is not read leaves its
// routes unknown, never open; a hook calling nothing that refuses guards nothing.
// Fixture: test/fixtures/routes/flask-called-hooks.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-called-hooks');

describe('python routes: Flask before_request hooks refusing through a called function', () => {
  let got: EntryPoint[] = [];
  const stateOf = (id: string): string | undefined => got.find((e) => e.id === id)?.guardState;
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards the blueprint routes the hook does not exempt by path', () => {
    for (const id of ['GET /container/types', 'GET /container/tokentypes']) assert.equal(stateOf(id), 'guarded', id);
    assert.match(got.find((e) => e.id === 'GET /container/types')!.guards[0].reason, /verify_auth_token/);
  });

  it('leaves the paths of the exemption list open', () => {
    for (const id of ['POST /container/register/finalize', 'POST /container/challenge']) assert.equal(stateOf(id), 'unguarded', id);
  });

  it('says unknown when the way past the call is not read', () => {
    assert.equal(stateOf('GET /machine'), 'unknown');
  });

  it('guards nothing when the called functions refuse nobody', () => {
    assert.equal(stateOf('GET /misc'), 'unguarded');
  });
});
