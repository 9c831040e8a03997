import * as assert from 'node:assert/strict';
import { countLines, intersectRanges, normalizeRanges, shiftRanges, subtractRanges, unionRanges } from '../../../src/core/coverage/ranges';
import { fileCoverage, percentOf, summarize } from '../../../src/core/coverage/coverage';

describe('coverage: range arithmetic', () => {
  it('normalizes: sorts, merges overlapping and adjacent, drops invalid', () => {
    assert.deepEqual(normalizeRanges([[10, 12], [1, 3], [4, 5], [7, 6], [0, 0], [11, 20]]), [[1, 5], [10, 20]]);
  });
  it('unions, intersects and subtracts inclusively', () => {
    assert.deepEqual(unionRanges([[1, 3]], [[5, 6]], [[4, 4]]), [[1, 6]]);
    assert.deepEqual(intersectRanges([[1, 10], [20, 30]], [[5, 25]]), [[5, 10], [20, 25]]);
    assert.deepEqual(subtractRanges([[1, 10]], [[3, 4], [10, 12]]), [[1, 2], [5, 9]]);
    assert.deepEqual(subtractRanges([[1, 10]], [[1, 10]]), []);
    assert.equal(countLines([[1, 10], [5, 12], [20, 20]]), 13);
    assert.deepEqual(shiftRanges([[1, 3], [8, 9]], 5, 1, 12), [[6, 8]]);
  });
  it('counts only code lines, per file, module and dive', () => {
    const a = fileCoverage({ path: 'src/a.ts', module: 'src', codeLines: [[1, 4], [6, 10]], reading: { ranges: [[3, 7]], seconds: 5 } });
    assert.equal(a.lines, 9);
    assert.equal(a.read, 4); // 3, 4, 6, 7 — line 5 is blank
    assert.deepEqual(a.unreadRanges, [[1, 2], [8, 10]]);
    const b = fileCoverage({ path: 'lib/b.ts', module: 'lib', codeLines: [[1, 3]] });
    const empty = fileCoverage({ path: 'src/c.ts', module: 'src', codeLines: [] });
    assert.equal(empty.percent, 100);
    const all = summarize([a, b, empty]);
    assert.deepEqual([all.lines, all.read, all.percent], [12, 4, 33.3]);
    assert.deepEqual(all.modules.map((m) => [m.id, m.lines, m.read, m.percent, m.files]), [['lib', 3, 0, 0, 1], ['src', 9, 4, 44.4, 2]]);
    assert.equal(percentOf(2, 3), 66.6);
  });
});
