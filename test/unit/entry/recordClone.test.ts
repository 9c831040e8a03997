import * as assert from 'node:assert/strict';
import { markForClone, restoreAfterClone } from '../../../src/core/entry/recordClone';

describe('records across threads keep their prototype-less objects', () => {
  it('a prototype-less object under arrays, Maps and Sets comes back prototype-less, unmarked, with a name like constructor as data', () => {
    const names = Object.assign(Object.create(null) as Record<string, string>, { constructor: 'handler.go', __proto__x: 'y' });
    const plain = { kept: 1 };
    const record = { list: [names], byFile: new Map([['a.go', { inner: names }]]), set: new Set([plain]), plain };
    const copy = restoreAfterClone(structuredClone(markForClone(record)));
    const back = copy.list[0];
    assert.equal(Object.getPrototypeOf(back), null);
    assert.deepEqual(Object.keys(back), ['constructor', '__proto__x']);
    assert.equal(back.constructor, 'handler.go');
    assert.equal(Object.getPrototypeOf(copy.byFile.get('a.go')!.inner), null);
    assert.equal(Object.getPrototypeOf(copy.plain), Object.prototype, 'a plain object stays plain');
    assert.deepEqual([...copy.set][0], { kept: 1 });
  });

  it('without the marks the clone would hand the detectors Object.prototype (what the marks are for)', () => {
    const names = Object.create(null) as Record<string, string>;
    assert.equal(Object.getPrototypeOf(structuredClone(names)), Object.prototype);
  });
});
