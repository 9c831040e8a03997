// A Flask view that verifies the request's credential for its effect — `device.check_challenge_response(params)`
// as a statement (privacyIDEA's container endpoints, webhooks checked by signature), in the view or a
// function of ours it calls — refuses by raising: guarded, with the call as evidence "by its name". A
// verifier whose value the view tests is a condition, not this; a view calling none stays unguarded.
// Fixture: test/fixtures/routes/flask-verifier-calls.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/flask-verifier-calls');

describe('python routes: Flask views verifying the request credential for its effect', () => {
  let got: EntryPoint[] = [];
  const entry = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards a view that calls the verifier itself', () => {
    assert.equal(entry('POST /device/synchronize')?.guardState, 'guarded');
    assert.match(entry('POST /device/synchronize')!.guards[0].reason, /check_challenge_response/);
  });

  it('guards a view that verifies through a function of ours', () => {
    assert.equal(entry('POST /device/finalize')?.guardState, 'guarded');
    assert.match(entry('POST /device/finalize')!.guards[0].reason, /through finish_enrolment/);
  });

  it('reads a verifier inside try: an except arm that ends the request keeps it, one that carries on drops it', () => {
    assert.equal(entry('POST /device/rollover')?.guardState, 'guarded');
    assert.equal(entry('GET /device/status')?.guardState, 'unguarded');
  });

  it('does not take a tested verifier for a refusal', () => {
    assert.equal(entry('POST /device/probe')?.guardState, 'unguarded');
    assert.equal(entry('GET /device/list')?.guardState, 'unguarded');
  });
});
