import * as assert from 'node:assert/strict';
import { fileHistories } from '../../../src/core/history/index';
import { emptyState } from '../../../src/core/history/state';
import type { HistoryState } from '../../../src/core/history/state';

const DAY = 86_400;
const HALF_LIFE_DAYS = 365;

/**
 * Two people with the same knowledge of a file: Ann wrote 2 lines, Ben 1 line exactly one
 * half-life later. Their weights are equal for every "now"; their computed shares are not always
 * equal in the last bit.
 */
function tiedState(): HistoryState {
  const s = emptyState('');
  const t0 = 1_600_000_000;
  const t1 = t0 + HALF_LIFE_DAYS * DAY;
  s.files['a.ts'] = {
    lines: 3,
    authors: { 'ann@x': { lines: 2, last: t0, commits: 1 }, 'ben@x': { lines: 1, last: t1, commits: 1 } },
    commits: 2,
    first: t0,
    last: t1,
    days: [Math.floor(t0 / DAY), Math.floor(t1 / DAY)],
    changed: [2, 1],
    seqs: [0, 1],
  };
  s.people['ann@x'] = { name: 'Ann', email: 'ann@x', commits: 1, first: t0, last: t0 };
  s.people['ben@x'] = { name: 'Ben', email: 'ben@x', commits: 1, first: t1, last: t1 };
  return s;
}

describe('history: equal knowledge ranks the same whatever the clock says', () => {
  it('gives one owner order and one bus factor for every second of a day', () => {
    const state = tiedState();
    const moduleOf = new Map([['a.ts', 'root']]);
    const seen = new Set<string>();
    const start = (1_600_000_000 + 2 * HALF_LIFE_DAYS * DAY) * 1000;
    for (let i = 0; i < 2000; i++) {
      const [f] = fileHistories(state, moduleOf, { now: start + i * 43_201 + (i % 7) * 13, halfLifeDays: HALF_LIFE_DAYS });
      seen.add(`${f.owners.map((o) => `${o.email}:${o.share}`).join(',')} bf=${f.busFactor}`);
    }
    // Equal shares: the lines written break the tie (Ann), and half is not more than half.
    assert.deepEqual([...seen], ['ann@x:0.5,ben@x:0.5 bf=2']);
  });
});
