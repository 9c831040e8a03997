import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { validateDive } from '../../../src/core/dive/validate';
import { note, sampleDive } from './helpers';

const schemaPath = path.join(__dirname, '..', '..', '..', '..', 'schemas', 'deepdive.schema.json');

describe('deepdive.schema.json and the hand-written validator', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const schemaValid = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

  const flow = {
    id: 'f1',
    title: 'login',
    status: 'tracing',
    created: '2026-01-01T00:00:00Z',
    steps: [{ id: 's1', anchor: { path: 'src/a.ts', range: { start: 1, end: 2 }, text: 'x', symbolRange: { start: 1, end: 9 } }, visited: true }],
  };
  const valid: [string, unknown][] = [
    ['the sample', sampleDive()],
    ['no optional fields', { ...sampleDive(), due: undefined, reading: {} }],
    ['a flow and notes of every target', sampleDive({ flows: [flow as never], notes: [note('n1', 'a'), note('n2', 'b', { target: { type: 'module', module: 'src/store' } }), note('n3', 'c', { target: { type: 'dive' }, severity: 'high', replies: [{ id: 'r1', body: 'ok', created: 'x' }] })] })],
    ['unknown fields everywhere', { ...sampleDive(), extra: 1, scope: { include: [], exclude: [], more: true } }],
    ['a newer minor', { ...sampleDive(), schema: 'deepdive/1.3' }],
    ['a verdict, planned recommendations, a marked decision and a lead', { ...sampleDive({ notes: [note('n1', 'a', { kind: 'decision', decision: 'kept' }), note('n2', 'b', { lead: { tool: 'ESLint', rule: 'security/x', key: 'k1', state: 'open', imported: 'x' } })] }), verdict: { text: 'Sound.', updated: 'x' }, recommendations: { 'low-coverage:modules': { owner: 'Ann', due: '2026-03-01', updated: 'x' } } }],
  ];
  const invalid: [string, unknown][] = [
    ['not an object', []],
    ['no schema', { ...sampleDive(), schema: undefined }],
    ['bad schema id', { ...sampleDive(), schema: 'dd1' }],
    ['bad id', { ...sampleDive(), id: '../x' }],
    ['empty title', { ...sampleDive(), title: '  ' }],
    ['bad due date', { ...sampleDive(), due: '31/01/2026' }],
    ['scope without exclude', { ...sampleDive(), scope: { include: ['**'] } }],
    ['bad note kind', sampleDive({ notes: [{ ...note('n1', 'a'), kind: 'rumour' as never }] })],
    ['bad severity', sampleDive({ notes: [note('n1', 'a', { severity: 'urgent' as never })] })],
    ['code target without anchor', sampleDive({ notes: [note('n1', 'a', { target: { type: 'code' } as never })] })],
    ['unknown target type', sampleDive({ notes: [note('n1', 'a', { target: { type: 'repo' } as never })] })],
    ['anchor path with ..', sampleDive({ notes: [note('n1', 'a', { target: { type: 'code', anchor: { path: '../etc/passwd', range: { start: 1, end: 1 }, text: '' } } })] })],
    ['line 0', sampleDive({ reading: { 'a.ts': { ranges: [[0, 3]], seconds: 1 } } })],
    ['range triple', sampleDive({ reading: { 'a.ts': { ranges: [[1, 2, 3] as never], seconds: 1 } } })],
    ['negative seconds', sampleDive({ reading: { 'a.ts': { ranges: [], seconds: -1 } } })],
    ['absolute reading path', sampleDive({ reading: { '/etc/passwd': { ranges: [], seconds: 1 } } })],
    ['flow status', sampleDive({ flows: [{ ...flow, status: 'done' } as never] })],
    ['question without text', sampleDive({ questions: [{ id: 'q', status: 'open' } as never] })],
    ['unknown decision mark', sampleDive({ notes: [note('n1', 'a', { decision: 'maybe' as never })] })],
    ['lead without a key', sampleDive({ notes: [note('n1', 'a', { lead: { tool: 't', rule: 'r', state: 'open', imported: 'x' } as never })] })],
    ['recommendation due not a date', { ...sampleDive(), recommendations: { 'a:b': { due: 'soon', updated: 'x' } } }],
    ['verdict without text', { ...sampleDive(), verdict: { updated: 'x' } }],
  ];

  for (const [name, sample] of valid) {
    it(`both accept: ${name}`, () => {
      const clean = JSON.parse(JSON.stringify(sample));
      assert.deepEqual(validateDive(clean), []);
      assert.equal(schemaValid(clean), true, JSON.stringify(schemaValid.errors));
    });
  }
  for (const [name, sample] of invalid) {
    it(`both reject: ${name}`, () => {
      const clean = JSON.parse(JSON.stringify(sample));
      assert.notDeepEqual(validateDive(clean), []);
      assert.equal(schemaValid(clean), false);
    });
  }

  it('the validator is stricter only where JSON Schema cannot say it: end before start, duplicate ids', () => {
    const backwards = sampleDive({ reading: { 'a.ts': { ranges: [[5, 2]], seconds: 0 } } });
    assert.deepEqual(validateDive(backwards).map((i) => i.path), ['$.reading["a.ts"].ranges[0]']);
    assert.equal(schemaValid(backwards), true);
    const dup = sampleDive({ notes: [note('n1', 'a'), note('n1', 'b')] });
    assert.match(validateDive(dup)[0].message, /duplicate id "n1"/);
  });
});
