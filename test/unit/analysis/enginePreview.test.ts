// The analysis session's report preview reuses what the session already has (its entry points, the
// flow memo's call graph and flows, shared with flow traces): what it shows must be exactly the
// report made from scratch, as `deepdive report` makes it. Real fixture, real grammars.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisEngine } from '../../../src/core/analysis/analysisEngine';
import type { Ops } from '../../../src/core/analysis/protocol';
import { suggestFlows } from '../../../src/core/callgraph/suggestFlows';
import { buildMap } from '../../../src/core/map/buildMap';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderReport } from '../../../src/core/report/render';
import { makeSample, type Sample } from '../report/fixture';

describe('analysis session: the report preview from what the session keeps', function () {
  this.timeout(60_000);
  let s: Sample;
  const signal = new AbortController().signal;
  const csp = "default-src 'none'";
  const body = (html: string) => html.replace(/ on \d{4}-\d\d-\d\dT[\d:.]+Z/g, '');
  before(() => {
    s = makeSample();
    // An API description beside the code: the preview's check must read it as the CLI's does.
    fs.copyFileSync(path.resolve(__dirname, '../../../../test/fixtures/openapi/openapi.yaml'), path.join(s.root, 'openapi.yaml'));
  });
  after(() => s.cleanup());

  it('a scoped dive: flows traced, then two previews, each the report from scratch', async () => {
    const engine = new AnalysisEngine({ root: s.root, cache: false });
    try {
      await engine.handle('map', { scope: s.dive.scope }, () => {}, signal);
      const { entries } = await engine.entries({});
      assert.ok(entries.length > 1, 'the sample has routes');
      // A trace walks on the session's flow memo: the same flow a graph of its own gives.
      const whole = await buildMap({ root: s.root, cache: false, entryFacts: true });
      for (const e of entries.slice(0, 3)) {
        const traced = await engine.handle('flow', { overlay: {}, entry: e.id }, () => {}, signal);
        assert.deepEqual(traced, suggestFlows(whole, [e], { entry: e.id })[0]);
      }
      const args: Ops['preview']['args'] = { overlay: {}, dive: s.dive, trusted: false, generator: 'test', csp, styleNonce: 'n' };
      const first = await engine.handle('preview', args, () => {}, signal);
      const second = await engine.handle('preview', args, () => {}, signal);
      const scratch = await renderReport(await buildReport(s.root, s.dive, { trusted: false, noCache: true, generator: 'test' }), 'html', { csp, styleNonce: 'n' });
      assert.ok(/Suggested/i.test(scratch), 'the report shows suggested flows');
      assert.ok(scratch.includes('openapi.yaml'), 'and the API description check');
      assert.equal(body(first.html), body(scratch));
      assert.equal(body(second.html), body(scratch));
    } finally {
      engine.dispose();
    }
  });
});
