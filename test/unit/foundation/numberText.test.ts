// groupDigits writes numbers as toLocaleString('en-US') does, without loading ICU's number data.
import * as assert from 'node:assert/strict';
import { groupDigits } from '../../../src/core/numberText';

describe('groupDigits', () => {
  it("matches toLocaleString('en-US') for integers of every width, signs included", () => {
    const samples = [0, 1, 12, 999, 1000, 1001, 12345, 999999, 1000000, 1234567, 987654321, 1234567890123, -1, -1234, -1234567];
    for (const n of samples) assert.equal(groupDigits(n), n.toLocaleString('en-US'), String(n));
  });

  it('keeps a fraction as written and leaves NaN and infinities alone', () => {
    assert.equal(groupDigits(1234.5), '1,234.5');
    assert.equal(groupDigits(NaN), 'NaN');
    assert.equal(groupDigits(Infinity), 'Infinity');
  });
});
