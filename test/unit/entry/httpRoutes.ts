// The HTTP routes of a fixture service under test/fixtures/routes, read once per describe block
// (call it in the block's body), one route by id with a failure that lists what was found, and
// the table-driven check most guard tests make of them.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { settleGuardStates } from '../../../src/core/entry/guardState';

export interface FixtureRoutes {
  all: () => EntryPoint[];
  byId: (id: string) => EntryPoint;
}

/** `settled`: guard states settled as the editor and the CLI settle them (guardState.ts), for the NestJS readers that finish there. */
export function httpRoutesOf(fixture: string, opts: { settled?: boolean } = {}): FixtureRoutes {
  const root = path.resolve(__dirname, '../../../../test/fixtures/routes', fixture);
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(root)).filter((e) => e.kind === 'http');
    if (opts.settled) await settleGuardStates(got, () => '');
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

/** A route's guard reason and every guard's, in one line: what a failure shows and a row's pattern matches. */
export function reasonsOf(e: EntryPoint): string {
  return [e.guardReason, ...e.guards.map((g) => `${g.name}: ${g.reason}`)].join(' | ');
}

type StateRow = [id: string, state: EntryPoint['guardState'], ...columns: unknown[]];

/**
 * One test that the fixture has exactly the table's routes, then one per row: the route's guard
 * state, `public` agreeing with it (the contract: known to have no required guard), and what
 * `check` asserts of that row's extra columns.
 */
export function itHasStates<R extends StateRow>(routes: FixtureRoutes, rows: R[], check?: (e: EntryPoint, row: R) => void, title = 'finds every route'): void {
  it(title, () => {
    assert.deepEqual(routes.all().map((e) => e.id).sort(), rows.map(([id]) => id).sort());
  });
  for (const row of rows) {
    const [id, state] = row;
    it(`${id} is ${state}`, () => {
      const e = routes.byId(id);
      assert.equal(e.guardState, state, reasonsOf(e));
      assert.equal(e.public, state === 'unguarded' || state === 'optional', 'public: known to have no required guard');
      check?.(e, row);
    });
  }
}
