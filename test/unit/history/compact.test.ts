import * as assert from 'node:assert/strict';
import { applyCommit, compact, emptyState } from '../../../src/core/history/state';

/** A state of two commits: one adds three files, the next deletes lines from one of them. */
function sample() {
  const s = emptyState('');
  applyCommit(s, { hash: 'a'.repeat(40), time: 1000, name: 'Ann', email: 'ann@example.com', changes: [
    { path: 'src/a.ts', added: 3, deleted: 0 },
    { path: 'src/gone.ts', added: 5, deleted: 0 },
    { path: 'src/b.ts', added: 1, deleted: 0 },
  ] });
  applyCommit(s, { hash: 'b'.repeat(40), time: 2000, name: 'Bob', email: 'bob@example.com', changes: [{ path: 'src/a.ts', added: 2, deleted: 1 }] });
  return s;
}

describe('history: compact', () => {
  it('drops the files HEAD no longer has and rounds the rest in the same pass', () => {
    const s = sample();
    compact(s, new Set(['src/a.ts', 'src/b.ts']));
    assert.deepEqual(Object.keys(s.files), ['src/a.ts', 'src/b.ts']);
    // Ann held 3 lines, a third deleted: 2 left (rounded to two places); Bob added 2.
    assert.equal(s.files['src/a.ts'].authors['ann@example.com'].lines, 2);
    assert.equal(s.files['src/a.ts'].authors['bob@example.com'].lines, 2);
    assert.equal(s.files['src/a.ts'].lines, 4);
  });

  it('without HEAD\'s files (ls-tree failed) keeps every file', () => {
    const s = sample();
    compact(s);
    assert.deepEqual(Object.keys(s.files), ['src/a.ts', 'src/gone.ts', 'src/b.ts']);
  });

  it('rounds the estimated lines to two places', () => {
    const s = emptyState('');
    const commit = (hash: string, time: number, name: string, added: number, deleted: number) =>
      applyCommit(s, { hash: hash.repeat(40), time, name, email: `${name}@example.com`, changes: [{ path: 'x.ts', added, deleted }] });
    commit('a', 1000, 'ann', 3, 0);
    commit('b', 2000, 'bob', 6, 0);
    // 2 of 9 lines deleted: each author keeps 7/9 of theirs (2.333… and 4.666…).
    commit('c', 3000, 'cy', 0, 2);
    compact(s, new Set(['x.ts']));
    assert.equal(s.files['x.ts'].authors['ann@example.com'].lines, 2.33);
    assert.equal(s.files['x.ts'].authors['bob@example.com'].lines, 4.67);
    assert.equal(s.files['x.ts'].lines, 7);
    // Cy wrote no line that is left but made a commit: still listed.
    assert.equal(s.files['x.ts'].authors['cy@example.com'].lines, 0);
  });
});
