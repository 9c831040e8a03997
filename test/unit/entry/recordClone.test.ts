import * as assert from 'node:assert/strict';
import { forJson, markForClone, restoreAfterClone, restoredCopy } from '../../../src/core/entry/recordClone';

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

describe('records through JSON (the map cache) keep what the detectors read', () => {
  const trip = <T>(v: T): T => restoredCopy<T>(JSON.parse(JSON.stringify(forJson(v))));

  it('gives back prototype-less objects, Sets, Maps and a name like __proto__ as data', () => {
    const names = Object.assign(Object.create(null) as Record<string, string>, { constructor: 'handler.go' });
    names['__proto__'] = 'x';
    const back = trip({ list: [names], byFile: new Map([['a.go', { inner: names }]]), set: new Set(['GET /x']), plain: { kept: 1 } });
    assert.equal(Object.getPrototypeOf(back.list[0]), null);
    assert.deepEqual(Object.keys(back.list[0]), ['constructor', '__proto__']);
    assert.ok(back.byFile instanceof Map && back.set instanceof Set);
    assert.equal(Object.getPrototypeOf(back.byFile.get('a.go')!.inner), null);
    assert.deepEqual([...back.set], ['GET /x']);
    assert.equal(Object.getPrototypeOf(back.plain), Object.prototype);
    const hostile = trip(JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>);
    assert.equal(Object.getPrototypeOf(hostile), Object.prototype, 'a member named __proto__ is not a prototype');
    assert.deepEqual(Object.keys(hostile), ['__proto__']);
  });

  it('keeps a value held in two places one value (the rules of one filter chain share it)', () => {
    const chain = { name: 'api' };
    const back = trip({ rules: [{ chain }, { chain }], other: { name: 'api' } });
    assert.equal(back.rules[0].chain, back.rules[1].chain, 'shared, as structured clone keeps it');
    assert.notEqual(back.rules[0].chain, back.other, 'an equal value elsewhere stays its own');
  });

  it('leaves the kept value as it was: each copy is fresh', () => {
    const kept = forJson({ routes: [{ path: '/a' }] });
    const a = restoredCopy<{ routes: { path: string }[] }>(kept);
    a.routes[0].path = '/changed';
    assert.equal(restoredCopy<{ routes: { path: string }[] }>(kept).routes[0].path, '/a');
  });

  it('refuses what JSON cannot give back, and drops members holding undefined', () => {
    assert.equal(forJson({ f: () => 1 }), undefined);
    assert.equal(forJson({ list: [1, undefined] }), undefined);
    assert.equal(forJson({ when: new Date(0) }), undefined);
    assert.equal(forJson({ n: Number.NaN }), undefined);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(forJson(cyclic), undefined);
    assert.deepEqual(trip({ a: 1, b: undefined }), { a: 1 });
  });
});
