// The host probe's attribution (test/hostProbe/stalls.ts): which frames ran during a stall, and
// whether Deep Dive's bundle was on their stacks.
import * as assert from 'node:assert';
import { stallsWithFrames, type Profile } from '../../hostProbe/stalls';

const OURS = 'file:///ext/deep-dive/dist/extension.js';
const BUILTIN = 'file:///vscode/extensions/json-language-features/client/dist/node/jsonClientMain.js';

const HOST = 'file:///vscode/out/vs/workbench/api/node/extensionHostProcess.js';

// root → ours.update → ours.rank (leaf); root → builtin.w (leaf); root → (garbage collector);
// root → host.dispatch → ours.reload → statSync (native, leaf); root → host.dispatch → builtin.w → host.api (leaf)
const profile = (samples: number[], deltas: number[]): Profile => ({
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 4, 5, 6] },
    { id: 2, callFrame: { functionName: 'update', url: OURS, lineNumber: 9 }, children: [3] },
    { id: 3, callFrame: { functionName: 'rank', url: OURS, lineNumber: 19 } },
    { id: 4, callFrame: { functionName: 'w', url: BUILTIN, lineNumber: 1 } },
    { id: 5, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
    { id: 6, callFrame: { functionName: 'dispatch', url: HOST, lineNumber: 99 }, children: [7, 9] },
    { id: 7, callFrame: { functionName: 'reload', url: OURS, lineNumber: 29, columnNumber: 4 }, children: [8] },
    { id: 8, callFrame: { functionName: 'statSync', url: 'node:fs', lineNumber: 0 } },
    { id: 9, callFrame: { functionName: 'w', url: BUILTIN, lineNumber: 1 }, children: [10] },
    { id: 10, callFrame: { functionName: 'api', url: HOST, lineNumber: 5 } },
  ],
  startTime: 1_000_000,
  samples,
  timeDeltas: deltas,
});

describe('host probe: frames of a stall', () => {
  const isOurs = (url: string) => url.startsWith('file:///ext/deep-dive/dist/');

  it('adds self time per frame and marks stacks that hold the extension', () => {
    // samples at 1,001,000 … 1,006,000 µs, 1 ms apart: rank ×3, w ×2, GC ×1
    const p = profile([3, 3, 3, 4, 4, 5, 5], [1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    const [s] = stallsWithFrames([{ endUs: 1_008_000, ms: 60, step: 'routes' }], p, isOurs);
    assert.strictEqual(s.step, 'routes');
    assert.strictEqual(s.oursMs, 3);
    assert.deepStrictEqual(s.top.map((f) => [f.frame, f.ms, f.ours]), [
      ['rank (dist/extension.js:20)', 3, true],
      ['w (json-language-features:node/jsonClientMain.js:2)', 2, false],
      ['(garbage collector)', 2, false],
    ]);
  });

  it('leaves samples outside the stall out, and caps a sample followed by a gap the sampler missed', () => {
    // rank at 1,001,000 then a 200 ms gap (the sampler starved), w at 1,201,000
    const p = profile([3, 4, 4], [1000, 200_000, 1000]);
    const [early, late] = stallsWithFrames([
      { endUs: 1_150_000, ms: 150, step: 'a' },
      { endUs: 1_230_000, ms: 50, step: 'b' },
    ], p, isOurs);
    assert.strictEqual(early.oursMs, 2, 'a sample stands for 2 ms at most');
    assert.strictEqual(early.sampledMs, 2);
    assert.deepStrictEqual(late.top.map((f) => f.frame), ['w (json-language-features:node/jsonClientMain.js:2)']);
    assert.strictEqual(late.oursMs, 0);
  });

  it('says whose each stall was: ours anywhere on the stack, else the innermost extension, else VS Code, else the runtime', () => {
    // reload→statSync ×3 (ours, under VS Code's dispatch), builtin→VS Code's api ×2 (the extension's), GC ×1
    const p = profile([8, 8, 8, 10, 10, 5], [1000, 1000, 1000, 1000, 1000, 1000]);
    const [s] = stallsWithFrames([{ endUs: 1_007_000, ms: 60, step: 'preview', cpuMs: 20 }], p, isOurs, 10, (url, line, column) => (url === OURS && line === 29 && column === 4 ? 'src/core/dive/store.ts:96' : undefined));
    assert.deepStrictEqual(s.owners, [
      { owner: 'Deep Dive', ms: 3 },
      { owner: 'extension:json-language-features', ms: 2 },
      { owner: 'GC', ms: 1 },
    ]);
    assert.strictEqual(s.owner, 'Deep Dive');
    assert.strictEqual(s.cpuMs, 20);
    assert.deepStrictEqual(s.oursAt, [{ frame: 'reload (src/core/dive/store.ts:96)', leaf: 'statSync (node:fs:1)', ms: 3 }]);
  });

  it('names a stall without Deep Dive on any stack after its heaviest owner, and ours nowhere', () => {
    const p = profile([10, 10, 10, 5], [1000, 1000, 1000, 1000]);
    const [s] = stallsWithFrames([{ endUs: 1_005_000, ms: 50, step: 'routes' }], p, isOurs);
    assert.strictEqual(s.owner, 'extension:json-language-features');
    assert.strictEqual(s.oursMs, 0);
    assert.deepStrictEqual(s.oursAt, []);
    assert.strictEqual(s.cpuMs, undefined);
  });
});
