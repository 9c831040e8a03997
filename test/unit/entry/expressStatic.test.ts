// Routes of Express patterns that are not verb calls with a string path
// (test/fixtures/routes/express-static): static files mounted under a prefix are a route of their
// own (`ANY /assets/*`), a path-less static middleware is none, and a route written as a regular
// expression is matched by its pattern, without the literal's slashes and flags.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/express-static');

describe('routes: static mounts and regular-expression paths', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  const byId = (id: string): EntryPoint => {
    const e = got.find((x) => x.id === id);
    assert.ok(e, `${id} missing; found ${got.map((x) => x.id).join(', ')}`);
    return e;
  };

  it('finds the static mounts under a prefix and no route for the path-less one', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ['ANY /assets/*', 'ANY /downloads/*', 'GET /health', 'GET /{^\\/favicon\\.(ico|png)$}']);
    assert.equal(byId('ANY /assets/*').line, 13);
  });

  const states: [string, EntryPoint['guardState']][] = [
    ['ANY /assets/*', 'unguarded'],
    ['ANY /downloads/*', 'guarded'],
  ];
  for (const [id, state] of states) {
    it(`${id} is ${state}: what runs before the static files guards them`, () => {
      assert.equal(byId(id).guardState, state, byId(id).guardReason);
    });
  }

  it('writes a regular-expression route as its pattern', () => {
    const e = got.find((x) => x.method === 'GET' && x.dynamic);
    assert.ok(e, 'regex route missing');
    assert.equal(e.dynamic?.expression, '^\\/favicon\\.(ico|png)$');
  });
});
