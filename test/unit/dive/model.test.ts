import * as assert from 'node:assert/strict';
import { canonicalize, serializeDive } from '../../../src/core/dive/canonical';
import { migrateRaw } from '../../../src/core/dive/migrate';
import { checkDate, daysLeft, newDive, slugify, uniqueId } from '../../../src/core/dive/ops';
import { addReadingTime, markRead, markUnread } from '../../../src/core/dive/reading';
import { TEMPLATES, templateByName } from '../../../src/core/dive/templates';
import { parseReadSpec } from '../../../src/core/dive/readTarget';
import { note, sampleDive } from './helpers';

describe('dive model', () => {
  it('serializes byte-identically whatever the key order in memory', () => {
    const a = sampleDive({ notes: [note('n1', 'x')] });
    const shuffled = JSON.parse(JSON.stringify(a, Object.keys(a).reverse()));
    const b = Object.fromEntries(Object.entries(a).reverse());
    assert.equal(serializeDive(a), serializeDive(b));
    assert.equal(serializeDive(a), serializeDive(JSON.parse(serializeDive(a))));
    assert.deepEqual(Object.keys(canonicalize(b) as object), ['schema', 'id', 'title', 'created', 'due', 'scope', 'questions', 'flows', 'notes', 'reading']);
    const n = note('n', 'b');
    const reversed = { ...sampleDive(), notes: [{ ...n, target: { anchor: (n.target as { anchor: object }).anchor, type: 'code' } }] };
    assert.deepEqual(Object.keys((canonicalize(reversed) as { notes: { target: object }[] }).notes[0].target), ['type', 'anchor']);
    assert.ok(shuffled);
  });

  it('migrates an older major step by step and refuses a newer one', () => {
    const steps = new Map([[0, (raw: Record<string, unknown>) => ({ ...raw, scope: { include: raw.include, exclude: [] }, include: undefined })]]);
    const res = migrateRaw({ schema: 'deepdive/0', include: ['src/**'], keep: 1 }, steps, 1);
    assert.ok(res.ok);
    assert.equal(res.raw.schema, 'deepdive/1');
    assert.deepEqual(res.raw.scope, { include: ['src/**'], exclude: [] });
    assert.equal(res.raw.keep, 1);
    assert.equal(res.from, 'deepdive/0');
    assert.match((migrateRaw({ schema: 'deepdive/3' }) as { message: string }).message, /newer Deep Dive/);
    assert.match((migrateRaw({ schema: 'deepdive/0' }) as { message: string }).message, /no migration from deepdive\/0/);
  });

  it('creates dives with slug ids, checked dates and template questions', () => {
    assert.equal(slugify('Auth & Session Service — Q3!'), 'auth-session-service-q3');
    assert.equal(uniqueId('auth', ['auth', 'auth-2']), 'auth-3');
    assert.throws(() => checkDate('2026-02-30'), /not a date: "2026-02-30"/);
    assert.throws(() => newDive({ title: 'x', template: 'nope' }), /unknown template "nope" \(one of: auth, http, pipeline, generic\)/);
    const d = newDive({ title: 'Billing', template: 'pipeline', due: '2026-03-31', now: new Date('2026-03-01T12:00:00Z') }, ['billing']);
    assert.equal(d.id, 'billing-2');
    assert.equal(daysLeft(d, new Date('2026-03-01T23:00:00Z')), 30);
    assert.ok(d.questions.length >= 8 && d.questions.every((q) => q.status === 'open'));
    for (const t of TEMPLATES) {
      assert.ok(t.questions.length >= 8 && t.questions.length <= 15, t.name);
      assert.equal(new Set(t.questions.map((q) => q.id)).size, t.questions.length, `${t.name}: unique ids`);
    }
    assert.equal(templateByName('data-pipeline').name, 'pipeline');
  });

  it('marks read and unread, and adds time', () => {
    const d = sampleDive({ reading: {} });
    markRead(d, 'src/a.ts', [[5, 9]]);
    markRead(d, 'src/a.ts', [[1, 4]]);
    addReadingTime(d, 'src/a.ts', 12.34);
    assert.deepEqual(d.reading['src/a.ts'].ranges, [[1, 9]]);
    assert.equal(d.reading['src/a.ts'].seconds, 12.3);
    markUnread(d, 'src/a.ts', [[3, 3]]);
    assert.deepEqual(d.reading['src/a.ts'].ranges, [[1, 2], [4, 9]]);
    markUnread(d, 'src/a.ts');
    assert.deepEqual(d.reading['src/a.ts'].ranges, []);
  });

  it('parses FILE[:START-END]', () => {
    assert.deepEqual(parseReadSpec('src/a.ts:10-40'), { file: 'src/a.ts', range: { start: 10, end: 40 } });
    assert.deepEqual(parseReadSpec('src/a.ts:7'), { file: 'src/a.ts', range: { start: 7, end: 7 } });
    assert.deepEqual(parseReadSpec('src/a.ts'), { file: 'src/a.ts' });
    assert.throws(() => parseReadSpec('src/a.ts:9-3'), /ends \(3\) before it starts \(9\)/);
    assert.throws(() => parseReadSpec('src/a.ts:0-3'), /lines start at 1/);
  });
});
