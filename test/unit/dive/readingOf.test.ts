import * as assert from 'node:assert/strict';
import { markRead, readingOf } from '../../../src/core/dive/reading';
import type { DeepDive } from '../../../src/core/model/types';
import { sampleDive } from './helpers';

describe('reading records by file name', () => {
  it('reads only own records: "constructor", "__proto__" and "toString" are file names like any other', () => {
    const dive = JSON.parse(JSON.stringify(sampleDive())) as DeepDive;
    // Not read yet: nothing, never Object.prototype's members.
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) assert.equal(readingOf(dive, name), undefined, name);
    markRead(dive, '__proto__', [[1, 3]]);
    markRead(dive, 'constructor', [[2, 2]]);
    assert.deepEqual(readingOf(dive, '__proto__')?.ranges, [[1, 3]]);
    assert.deepEqual(readingOf(dive, 'constructor')?.ranges, [[2, 2]]);
    assert.equal(Object.getPrototypeOf(dive.reading), Object.prototype);
    // As the store reads it back from disk: an own "__proto__" key, still data.
    const back = JSON.parse(JSON.stringify(dive)) as DeepDive;
    assert.deepEqual(readingOf(back, '__proto__')?.ranges, [[1, 3]]);
    assert.equal(readingOf(back, 'src/a.ts')?.seconds, 30);
    assert.equal(readingOf(undefined, 'src/a.ts'), undefined);
  });
});
