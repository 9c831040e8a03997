import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnalysisEngine } from '../../../src/core/analysis/analysisEngine';
import type { Ops } from '../../../src/core/analysis/protocol';
import { layoutMemo, layoutsPlaced } from '../../../src/core/report/layout';
import { defaultLayoutCacheDir } from '../../../src/core/report/layoutCache';
import { makeSample, type Sample } from '../report/fixture';

describe('analysis session: the report preview with the layouts kept on disk', function () {
  this.timeout(60_000);
  let s: Sample;
  const signal = new AbortController().signal;
  const preview = async (engine: AnalysisEngine) => {
    await engine.handle('map', { scope: s.dive.scope }, () => {}, signal);
    const args: Ops['preview']['args'] = { overlay: {}, dive: s.dive, trusted: false, generator: 'test', csp: "default-src 'none'", styleNonce: 'n' };
    return engine.handle('preview', args, () => {}, signal);
  };
  before(() => (s = makeSample()));
  after(() => {
    s.cleanup();
    layoutMemo.clear();
  });

  it('saves the layouts dagre placed, and a new session previews from them without placing any', async () => {
    layoutMemo.clear();
    const file = path.join(defaultLayoutCacheDir(s.root), 'layouts.json');
    const first = new AnalysisEngine({ root: s.root });
    const placedBefore = layoutsPlaced();
    const page = await preview(first);
    first.dispose();
    assert.ok(layoutsPlaced() > placedBefore, 'the first preview lays the module map out');
    assert.deepEqual(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8'))).sort(), [...layoutMemo.keys()].sort());

    // A new session (the editor opened again): nothing in memory, the layouts come from the disk.
    layoutMemo.clear();
    const stamp = fs.statSync(file).mtimeMs;
    const placed = layoutsPlaced();
    const second = new AnalysisEngine({ root: s.root });
    const again = await preview(second);
    second.dispose();
    assert.equal(layoutsPlaced(), placed, 'dagre did not run');
    assert.equal(fs.statSync(file).mtimeMs, stamp, 'nothing new to save');
    const body = (html: string) => html.replace(/ on \d{4}-\d\d-\d\dT[\d:.]+Z/g, '');
    assert.equal(body(again.html), body(page.html));
  });

  it('keeps nothing on disk when the session has no cache', async () => {
    const dir = defaultLayoutCacheDir(s.root);
    fs.rmSync(dir, { recursive: true, force: true });
    layoutMemo.clear();
    const engine = new AnalysisEngine({ root: s.root, cache: false });
    await preview(engine);
    engine.dispose();
    assert.ok(!fs.existsSync(dir));
  });
});
