import * as assert from 'node:assert/strict';
import { buildMap } from '../../../src/core/map/buildMap';
import { batches, EarlyPool } from '../../../src/core/map/workerPool';
import type { LanguageId } from '../../../src/core/parse/languages';
import { makeRepo } from './helpers';

const task = (p: string, size: number) => ({ path: p, abs: `/r/${p}`, language: 'javascript' as LanguageId, size });

describe('map worker pool', () => {
  it('cuts batches of about 256 KB but never splits a run of equal-size files', () => {
    // 300 files of 4 KB: a plain cut would fall after 64 files.
    const tasks = [task('big.js', 300_000), ...Array.from({ length: 300 }, (_, i) => task(`same${i}.js`, 4000)), task('small.js', 100)];
    const out = batches(tasks);
    assert.deepEqual(out[0].map((t) => t.path), ['big.js'], 'a file over the budget is a batch of its own');
    const holding = out.filter((b) => b.some((t) => t.path.startsWith('same')));
    // Equal sizes stay together up to 256 files, then the run may be cut.
    assert.equal(holding[0].filter((t) => t.path.startsWith('same')).length, 256);
    assert.equal(out.flat().length, tasks.length);
    const mixed = batches(Array.from({ length: 200 }, (_, i) => task(`f${i}.js`, 5000 - i)));
    assert.ok(mixed.every((b) => b.length <= 64), 'distinct sizes are cut at 64 files');
  });

  it('starts threads during the walk only once the files found are worth them', async () => {
    const early = new EarlyPool(1, 1000);
    // Read through a function: an assertion on the getter would narrow its type for good.
    const poolOf = () => early.pool;
    try {
      early.onFile({ size: 600, language: 'javascript' });
      assert.equal(poolOf(), undefined, 'a small repository stays on the calling thread');
      early.onFile({ size: 600, language: 'python' });
      assert.equal(poolOf()?.size, 1);
      const pool = poolOf();
      early.onFile({ size: 600, language: 'go' });
      assert.equal(poolOf(), pool, 'one pool per walk');
    } finally {
      await early.close();
    }
  });

  it('parses identical copies once per batch on the threads, and every copy gets the right facts', async () => {
    const service = 'export class Repo {\n  find(id) { return db.get(id); }\n}\nexport function open() { return new Repo(); }\n';
    // Same bytes as TypeScript: the grammar differs, so the facts must not be shared.
    const typed = 'interface Row { id: string }\nexport function load(r: Row) { return fetch(r.id); }\n';
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`pkg${i}/lib/service.js`] = service;
    for (let i = 0; i < 40; i++) files[`pkg${i}/lib/typed.js`] = typed;
    for (let i = 0; i < 40; i++) files[`pkg${i}/src/typed.ts`] = typed;
    // Same size as service.js, other bytes.
    files['other/twin.js'] = service.replace('find', 'seek');
    const root = makeRepo(files);
    const threaded = await buildMap({ root, cache: false, workers: 2 });
    const inProcess = await buildMap({ root, cache: false, workers: 0 });
    assert.deepEqual(threaded.files, inProcess.files);
    const twin = threaded.files.find((f) => f.path === 'other/twin.js')!;
    assert.deepEqual(twin.symbols.map((s) => s.path), ['Repo', 'Repo.seek', 'open']);
    const ts = threaded.files.find((f) => f.path === 'pkg7/src/typed.ts')!;
    assert.ok(ts.symbols.some((s) => s.name === 'Row' && s.kind === 'interface'), 'TypeScript copies keep TypeScript facts');
    assert.equal(threaded.stats.filesParsed, 121);
  });
});
