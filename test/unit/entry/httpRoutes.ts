// The HTTP routes of a fixture service under test/fixtures/routes, read once per describe block
// (call it in the block's body), and one route by id with a failure that lists what was found.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

export function httpRoutesOf(fixture: string): { all: () => EntryPoint[]; byId: (id: string) => EntryPoint } {
  const root = path.resolve(__dirname, '../../../../test/fixtures/routes', fixture);
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(root)).filter((e) => e.kind === 'http');
  });
  return {
    all: () => got,
    byId: (id) => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, `${id} missing; found ${got.map((x) => x.id).join(', ')}`);
      return e;
    },
  };
}
