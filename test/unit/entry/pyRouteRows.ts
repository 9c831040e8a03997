// The table-driven check the Python route tests make of a fixture: one test that the fixture has
// exactly the table's routes, then one per row — its place, guard state, required guards and,
// where the row gives them, the framework and the handler's location.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

export type PyRouteRow = [method: string, path: string, place: string, state: string, guards: string[], handler?: string];

/** Call in a describe block's body; the routes found are returned for the block's own tests. */
export function itHasPyRoutes(dir: string, rows: PyRouteRow[], opts: { framework?: string; title?: string } = {}): () => EntryPoint[] {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(dir)).filter((e) => e.kind === 'http');
  });
  it(opts.title ?? 'finds exactly the expected routes', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), rows.map(([m, p]) => `${m} ${p}`).sort());
  });
  for (const [method, p, place, state, guards, handler] of rows) {
    it(`${method} ${p}: ${place}, ${state} [${guards.join(', ')}]`, () => {
      const e = got.find((x) => x.id === `${method} ${p}`);
      assert.ok(e, 'route missing');
      assert.equal(`${e.file}:${e.line}`, place);
      assert.equal(e.guardState, state, e.guardReason);
      assert.deepEqual(e.guards.filter((g) => g.kind !== 'other' && !g.optional).map((g) => g.name).sort(), [...guards].sort());
      if (opts.framework) assert.equal(e.framework, opts.framework);
      if (handler !== undefined) {
        const h = e.handlerLocation;
        assert.equal(h ? `${h.file} ${h.symbol} ${h.range.start}` : '', handler);
      }
    });
  }
  return () => got;
}
