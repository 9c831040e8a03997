// Express middleware of a service's own that refuses in forms the extractor did not read before:
// next() only when a name bound to a credential check holds (else `next(new HttpError(401))`), a
// `jwt.verify` in a try whose catch ends the request with the error, the response handed to a
// helper answering 401, a helper choosing its status by a ternary. None of them is a token decoder
// whose identity goes unused ("unguarded"); one whose refusal is only words is unknown; a real
// decoder stays optional. Fixture: test/fixtures/routes/express-unread-refusals.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/express-unread-refusals');

describe('js routes: Express middleware refusing in unread forms', () => {
  let got: EntryPoint[] = [];
  const entry = (id: string): EntryPoint | undefined => got.find((e) => e.id === id);
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards next() taken only when a checked credential holds, else an error made with 401', () => {
    assert.equal(entry('GET /gated')?.guardState, 'guarded');
  });

  it('guards a credential check in a try whose catch ends the request with the error', () => {
    assert.equal(entry('GET /tried')?.guardState, 'guarded');
    assert.match(entry('GET /tried')?.guards[0]?.reason ?? '', /jwt\.verify/);
  });

  it('guards a middleware that hands the response to a helper of ours answering 401', () => {
    assert.equal(entry('GET /handed')?.guardState, 'guarded');
    assert.match(entry('GET /handed')?.guards[0]?.reason ?? '', /UNAUTHORIZED/);
  });

  it('guards next() gated on a check whose other way answers through a helper', () => {
    assert.equal(entry('GET /ternary')?.guardState, 'guarded');
  });

  it('leaves unknown a middleware whose only refusal is in words it did not read', () => {
    assert.equal(entry('POST /unread')?.guardState, 'unknown');
    assert.match(entry('POST /unread')?.guardReason ?? '', /sendProblem/);
  });

  it('keeps a catch of decodeURIComponent, which checks no credential, no refusal', () => {
    assert.equal(entry('GET /uri')?.guardState, 'unguarded');
  });

  it('keeps a decoder that lets requests without credentials through optional', () => {
    assert.equal(entry('GET /decoded')?.guardState, 'optional');
  });
});
