import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisClient } from '../../../src/core/analysis/analysisClient';
import { checkApiSpec } from '../../../src/core/apispec/checkRepo';
import { entryRefsOf } from '../../../src/core/coverage/nextUnread';
import { slimFile } from '../../../src/core/analysis/mapDelta';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';
import { buildMap } from '../../../src/core/map/buildMap';
import { newDive } from '../../../src/core/dive/ops';
import { layoutModuleView } from '../../../src/core/report/moduleGraph';
import { copyFixture, FIXTURES } from '../map/helpers';

const LOGIN = 'POST /api/auth/login';

describe('analysis worker (map, entry points, flows, module coverage, report off the editor thread)', () => {
  let root: string;
  let client: AnalysisClient;
  before(() => {
    root = copyFixture('auth-service-ts');
    client = new AnalysisClient({ root, cache: false });
  });
  after(async () => {
    await client.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('runs on a worker thread and gives the map the core builds, without calls or import details', async () => {
    assert.ok(client.threaded, 'out/src/core/analysis/analysisWorker.js is there after tsc');
    const direct = await buildMap({ root, cache: false, workers: 0 });
    const map = await client.map(undefined);
    assert.equal(client.lastDeltaFiles, direct.files.length, 'the first copy is the whole map');
    assert.deepEqual(map.files, direct.files.map(slimFile));
    assert.deepEqual(map.modules, direct.modules);
    assert.deepEqual(map.edges, direct.edges);
    assert.ok(map.files.every((f) => f.calls.length === 0));
    assert.ok(direct.files.some((f) => f.calls.length > 0));
  });

  it('finds the entry points the core finds, and the suggested flow of one of them', async () => {
    const direct = await findEntryPoints(await buildMap({ root, cache: false, workers: 0 }), entryReader(diskFiles(root)));
    const r = await client.entries({});
    assert.deepEqual(r.entries.map((e) => e.id), direct.entries.map((e) => e.id));
    const flow = await client.flow({}, LOGIN);
    assert.ok(flow && flow.steps.length > 1, JSON.stringify(flow));
    assert.equal(flow.entry, LOGIN);
    assert.equal(await client.flow({}, 'GET /nowhere'), undefined);
  });

  it('gives hundreds of entry points whole, pulled in chunks', async () => {
    const big = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-many-routes-'));
    const many = new AnalysisClient({ root: big, cache: false });
    try {
      // 5 routers of 60 routes each: 300 entry points, three chunks and a part.
      fs.mkdirSync(path.join(big, 'src'), { recursive: true });
      for (let d = 0; d < 5; d++) {
        const lines = [`import { Router } from 'express';`, `export const r${d} = Router();`];
        for (let i = 0; i < 60; i++) lines.push(`r${d}.get('/d${d}/item${i}/:id', (req, res) => { res.json({ id: req.params.id }); });`);
        fs.writeFileSync(path.join(big, 'src', `routes${d}.ts`), lines.join('\n') + '\n');
      }
      await many.map(undefined);
      const asked: string[] = [];
      const request = many.request.bind(many);
      many.request = ((op: never, args: never) => (asked.push(op), request(op, args))) as typeof many.request;
      const r = await many.entries({});
      const direct = await findEntryPoints(await buildMap({ root: big, cache: false, workers: 0 }), entryReader(diskFiles(big)));
      assert.ok(r.entries.length > 200, `${r.entries.length} entry points`);
      assert.deepEqual(r.entries, direct.entries);
      assert.equal(asked.filter((op) => op === 'entryChunk').length, Math.ceil(r.entries.length / 100));
    } finally {
      await many.dispose();
      fs.rmSync(big, { recursive: true, force: true });
    }
  });

  it('reads unsaved buffers it is given instead of the disk', async () => {
    const rel = 'src/routes/admin.ts';
    const text = fs.readFileSync(path.join(root, rel), 'utf8') + `\nadminRouter.get('/only-in-the-buffer', async (_req, res) => { res.json({}); });\n`;
    const withBuffer = await client.entries({ [rel]: text });
    assert.ok(withBuffer.entries.some((e) => e.id.endsWith('/only-in-the-buffer')), withBuffer.entries.map((e) => e.id).join(', '));
    const disk = await client.entries({});
    assert.ok(!disk.entries.some((e) => e.id.endsWith('/only-in-the-buffer')));
  });

  it('sends only the changed file after an edit, and the new facts with it', async () => {
    const rel = 'src/config.ts';
    // A map to update even when this test runs alone (--grep): the worker keeps the last one.
    await client.map(undefined);
    fs.appendFileSync(path.join(root, rel), '\nexport function addedLater() { return 1; }\n');
    const map = await client.update([rel]);
    assert.equal(client.lastDeltaFiles, 1);
    assert.ok(map.files.find((f) => f.path === rel)!.symbols.some((s) => s.name === 'addedLater'));
    assert.equal(map.files.length, (await buildMap({ root, cache: false, workers: 0 })).files.length);
  });

  it('computes the module map\'s coverage and the report from the map it keeps', async () => {
    const dive = newDive({ title: 'Worker', include: ['src/**'] });
    dive.reading['src/config.ts'] = { ranges: [[1, 3]], seconds: 10 };
    const modules = await client.moduleGraph({}, dive);
    assert.ok(modules.some((m) => m.percent > 0), JSON.stringify(modules.map((m) => [m.id, m.percent])));
    assert.ok(modules.some((m) => m.entries > 0));
    const view = { filter: '', expand: [], room: { width: 800, height: 600 } };
    assert.deepEqual(await client.moduleLayout({ modules, view }), layoutModuleView(modules, (await buildMap({ root, cache: false, workers: 0 })).edges, view));
    const steps: string[] = [];
    const report = await client.report({ overlay: {}, dive, trusted: false, generator: 'test' }, (s) => steps.push(s));
    assert.equal(report.dive.title, 'Worker');
    assert.ok(steps.includes('coverage'), steps.join(', '));
  });

  it('ranks unread code near the entry points it found itself, and checks the API description there', async () => {
    const dive = newDive({ title: 'Rank', include: ['src/**'] });
    const found = await client.entries({});
    const own = await client.rank({ overlay: {}, dive, limit: 5 });
    const given = await client.rank({ overlay: {}, dive, entries: entryRefsOf(found.entries), limit: 5 });
    assert.deepEqual(own, given);
    assert.ok(own.some((p) => p.reasons.some((r) => /entry point/.test(r))), JSON.stringify(own.map((p) => p.reasons)));
    assert.equal(await client.apiSpec({}), undefined, 'no OpenAPI document in the fixture');
    fs.copyFileSync(path.join(FIXTURES, 'openapi', 'openapi.yaml'), path.join(root, 'openapi.yaml'));
    try {
      // The document is not a source file: the same generation keeps the answer it had, a new
      // one (a refresh the user asked for) looks again and finds it.
      assert.equal(await client.apiSpec({}), undefined, 'kept until asked to look again');
      const check = await client.apiSpec({}, 1);
      assert.deepEqual(check, checkApiSpec(root, (await client.entries({})).entries));
      assert.ok(check && check.documents.length === 1, JSON.stringify(check?.documents));
    } finally {
      fs.rmSync(path.join(root, 'openapi.yaml'));
    }
    assert.equal(await client.apiSpec({}, 2), undefined, 'gone once the document is gone and the user refreshes');
  });

  it('parses a text for its code lines and symbols (the editor never loads a grammar)', async () => {
    const r = await client.analyze('src/edited.ts', 'const a = 1;\n// a comment\n\nexport function f(): void {}\n', true);
    assert.deepEqual(r.codeLines, [[1, 1], [4, 4]]);
    assert.deepEqual(r.symbols?.map((s) => s.name), ['a', 'f'].filter((n) => r.symbols!.some((s) => s.name === n)));
    assert.ok(r.symbols?.some((s) => s.name === 'f' && s.kind === 'function'));
    assert.equal((await client.analyze('src/edited.ts', 'x\n', false)).symbols, undefined);
  });

  it('the report of a scoped deep dive gives its routes the full paths the whole repository gives them', async () => {
    const scope = { include: ['src/routes/auth*', 'src/routes/users*', 'src/middleware/**', 'src/services/**', 'src/store/**', 'src/lib/**'], exclude: [] };
    const own = new AnalysisClient({ root, cache: false });
    try {
      await own.map(scope);
      // The scope leaves out src/routes/index.ts, which mounts the routers at /api/….
      const dive = { ...newDive({ title: 'Scoped', include: scope.include }), flows: [] };
      const report = await own.report({ overlay: {}, dive, trusted: false, generator: 'test' }, () => undefined);
      assert.ok(report.entries.some((e) => e.id === 'POST /api/auth/login'), report.entries.map((e) => e.id).join(', '));
      assert.ok(report.entries.every((e) => e.file === 'src/routes/auth.ts' || e.file === 'src/routes/users.ts'), report.entries.map((e) => e.file).join(', '));
    } finally {
      await own.dispose();
    }
  });

  it('the entry points and flows of a scoped session keep the prefixes of mounts outside the scope (the Entry Points view)', async () => {
    const scope = { include: ['src/routes/auth*', 'src/routes/users*', 'src/middleware/**', 'src/services/**', 'src/store/**', 'src/lib/**'], exclude: [] };
    const own = new AnalysisClient({ root, cache: false });
    try {
      await own.map(scope);
      const r = await own.entries({});
      const http = r.entries.filter((e) => e.kind === 'http');
      assert.ok(http.some((e) => e.id === LOGIN), http.map((e) => e.id).join(', '));
      assert.ok(http.every((e) => e.path.startsWith('/api/')), http.map((e) => e.id).join(', '));
      assert.ok(r.entries.every((e) => e.file.startsWith('src/routes/auth') || e.file.startsWith('src/routes/users') || scope.include.some((g) => e.file.startsWith(g.replace('/**', '/')))), r.entries.map((e) => e.file).join(', '));
      const flow = await own.flow({}, LOGIN);
      assert.equal(flow?.entry, LOGIN);
      assert.ok(flow && flow.steps.length > 1);
    } finally {
      await own.dispose();
    }
  });

  it('gives a one-line error of the worker back as an error of the same kind', async () => {
    const fresh = new AnalysisClient({ root, cache: false });
    try {
      await assert.rejects(fresh.entries({}), /no map yet/);
    } finally {
      await fresh.dispose();
    }
  });
});
