// Suggested flows on the sample services against the ground truth's flows: the expected steps
// appear in order, and the flow reaches the expected data-store calls as terminal steps.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { normalizeRoutePath } from '../../../src/core/entry/routePath';
import { suggestFlows, type Flow, type FlowStep } from '../../../src/core/callgraph/suggestFlows';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');

interface ExpectedPlace {
  file: string;
  symbol: string;
  line: number;
}

interface ExpectedFlow {
  entry: string;
  steps: ExpectedPlace[];
  touches?: ExpectedPlace[];
  dataStoreCalls?: { file: string; callee: string; line: number }[];
  externalCalls?: { file: string; callee: string; line: number }[];
}

/** The ground truth names an inline handler `<anonymous>` at its line; a flow names it by its route ("GET /x handler"). */
function isPlace(st: FlowStep, want: ExpectedPlace): boolean {
  if (st.file !== want.file || st.range.start > want.line || st.range.end < want.line) return false;
  return want.symbol === '<anonymous>' ? st.kind === 'handler' && / handler$/.test(st.symbol) : st.symbol === want.symbol;
}

let tested = 0;
after(() => assert.equal(tested, 10, 'every ground-truth flow is tested'));

for (const name of ['auth-service-ts', 'fastapi-py', 'gin-go', 'spring-java']) {
  describe(`flows: sample service ${name}`, () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected', `${name}.json`), 'utf8')) as { flows?: ExpectedFlow[] };
    let flows: Flow[] = [];
    before(async () => {
      const root = path.join(FIXTURES, name);
      const map = await buildMap({ root, cache: false, workers: 0 });
      const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
      flows = suggestFlows(map, entries);
    });
    for (const x of expected.flows ?? []) {
      const [method, p] = x.entry.split(' ');
      const id = `${method} ${normalizeRoutePath(p)}`;
      tested++;
      it(`${id}: guards first, then the handler, then the expected steps in order`, () => {
        const f = flows.find((fl) => fl.entry === id);
        assert.ok(f, `no flow for ${id}`);
        const h = f.steps.findIndex((st) => st.kind !== 'guard');
        assert.equal(f.steps[h].kind, 'handler');
        let i = 0;
        for (const want of x.steps) {
          while (i < f.steps.length && !isPlace(f.steps[i], want)) i++;
          if (i < f.steps.length) continue;
          // Code reached again is listed once, where it was first reached, with its repeats.
          i = f.steps.findIndex((st) => isPlace(st, want) && !!st.repeats);
          assert.ok(i >= 0, `step ${want.file} ${want.symbol} missing or out of order in ${JSON.stringify(f.steps.map((s) => `${s.file}#${s.symbol}`))}`);
        }
      });
      it(`${id}: touches the expected helpers on the way`, () => {
        const f = flows.find((fl) => fl.entry === id)!;
        for (const want of x.touches ?? []) {
          assert.ok(f.steps.some((st) => st.kind === 'call' && isPlace(st, want)), `touch ${want.file} ${want.symbol} missing`);
        }
      });
      it(`${id}: reaches its data-store calls as terminal steps`, () => {
        const f = flows.find((fl) => fl.entry === id)!;
        for (const s of x.dataStoreCalls ?? []) {
          assert.ok(f.steps.some((st) => st.kind === 'store' && st.file === s.file && st.range.start === s.line), `store call ${s.callee} at ${s.file}:${s.line} not found`);
        }
        for (const s of x.externalCalls ?? []) {
          assert.ok(f.steps.some((st) => st.kind === 'external' && st.file === s.file && st.range.start === s.line), `external call ${s.callee} at ${s.file}:${s.line} not found`);
        }
      });
    }
  });
}
