// What counts as read in the editor (issue 16, point 3): a flow step put a 95-line function on
// screen for 2.8 s and all 95 lines counted as read. The rule: only lines on screen, and only
// once the screenful stayed still for its dwell.
import * as assert from 'node:assert/strict';
import { countLines } from '../../../src/core/coverage/ranges';
import { creditedLines, dwellSeconds } from '../../../src/core/coverage/readingCredit';

describe('reading credit: what a screenful earns', () => {
  it('a 95-line function revealed by a flow step for 2.8 s earns nothing', () => {
    // The editor shows 40 of the function's 95 lines (lines 120-159 of 120-214).
    assert.deepEqual(creditedLines([[120, 159]], 2.8), []);
  });

  it('after the dwell, only the lines on screen count, never the rest of the function', () => {
    const visible: [number, number][] = [[120, 159]];
    assert.equal(dwellSeconds(40), 10, '40 lines at a quarter second a line');
    assert.deepEqual(creditedLines(visible, 9.9), []);
    const earned = creditedLines(visible, 10);
    assert.deepEqual(earned, [[120, 159]]);
    assert.equal(countLines(earned), 40, 'not the 95 lines of the function');
  });

  it('a short screenful still needs 3 s: paging through a file counts for nothing', () => {
    assert.equal(dwellSeconds(5), 3);
    assert.deepEqual(creditedLines([[1, 5]], 2.9), []);
    assert.deepEqual(creditedLines([[1, 5]], 3), [[1, 5]]);
  });

  it('the setting replaces the automatic dwell when positive', () => {
    assert.equal(dwellSeconds(200, 1.5), 1.5);
    assert.equal(dwellSeconds(200, 0), 50);
    assert.equal(dwellSeconds(200, Number.NaN), 50);
    assert.deepEqual(creditedLines([[1, 200]], 1.5, 1.5), [[1, 200]]);
    assert.deepEqual(creditedLines([[1, 200]], 1.4, 1.5), []);
  });

  it('folded code: the visible pieces count, the lines folded away do not', () => {
    // Lines 10-30 folded: the editor reports two visible ranges.
    const earned = creditedLines([[1, 9], [31, 45], [1, 3]], 10);
    assert.deepEqual(earned, [[1, 9], [31, 45]]);
    assert.equal(countLines(earned), 24);
  });

  it('nothing on screen, or a broken clock, earns nothing', () => {
    assert.deepEqual(creditedLines([], 100), []);
    assert.deepEqual(creditedLines([[1, 10]], Number.NaN), []);
  });
});
