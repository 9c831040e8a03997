// Extract once: the map's worker pass takes each JS/TS file's entry facts from the tree it parses
// anyway (entry/jsFileEntry.ts), the map cache keeps them, and the entry-point pass uses them
// instead of reading and parsing the file again. The answer must be the one the pass gives when
// it parses every file itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { entryFactsOf } from '../../../src/core/map/mapEntryFacts';
import { clearEntryMemory, entryPointsOf } from '../../../src/core/entry/entryCache';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { wantsJsFileEntry } from '../../../src/core/entry/jsFileEntry';
import { diskFiles, entryReader, overlayFiles } from '../../../src/core/files/sourceFiles';
import type { RepoMap } from '../../../src/core/map/types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const SERVICES = ['routes/express', 'routes/express-lazy', 'routes/express-checks', 'routes/koa', 'routes/koa-mount', 'routes/fastify', 'routes/nextjs', 'routes/nitro', 'routes/medusa', 'routes/sveltekit', 'routes/astro', 'auth-service-ts'];


/** What the entry-point pass gives when it parses every file itself (no facts from the map). */
async function parsedItself(map: RepoMap, root: string): Promise<unknown> {
  return findEntryPoints({ files: map.files.map((f) => ({ path: f.path, language: f.language, symbols: f.symbols })) } as RepoMap, entryReader(diskFiles(root)));
}

function copy(dir: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-mapentry-'));
  fs.cpSync(dir, root, { recursive: true });
  return root;
}

describe('entry facts from the map: extract once, link once', () => {
  beforeEach(() => clearEntryMemory());

  for (const name of SERVICES) {
    it(`${name}: the same entry points as parsing every file, without reading the files the map extracted`, async () => {
      const root = path.join(FIXTURES, name);
      const map = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
      const lookup = entryFactsOf(map);
      assert.ok(lookup, 'the map carries its entry facts');
      const extracted = map.files.filter((f) => wantsJsFileEntry(f.language, f.path)).map((f) => f.path);
      // Astro's files are all endpoints a convention may claim: the pass reads those itself.
      if (name !== 'routes/astro') assert.ok(extracted.length > 0, 'the fixture has JS/TS files the map extracts');
      for (const p of extracted) assert.ok(lookup(p), `no entry facts for ${p}`);
      const parsed = new Set<string>();
      const fromMap = await entryPointsOf(map, diskFiles(root), { cacheDir: false, onParse: (p) => parsed.add(p) });
      assert.deepEqual(fromMap, JSON.parse(JSON.stringify(await parsedItself(map, root))));
      assert.deepEqual(extracted.filter((p) => parsed.has(p)), [], 'the pass parsed a file whose facts the map had');
    });
  }

  it('keeps the facts in the map cache: a warm map gives the same facts and the same answer', async () => {
    const root = copy(path.join(FIXTURES, 'routes', 'express-lazy'));
    const cold = await buildMap({ root, workers: 1, entryFacts: true });
    const warm = await buildMap({ root, workers: 1, entryFacts: true });
    assert.equal(warm.stats.filesParsed, 0, 'the second map came from the cache');
    for (const f of cold.files) assert.deepEqual(entryFactsOf(warm)!(f.path), entryFactsOf(cold)!(f.path), f.path);
    const a = await entryPointsOf(cold, diskFiles(root), { cacheDir: false });
    clearEntryMemory();
    const parsed: string[] = [];
    const b = await entryPointsOf(warm, diskFiles(root), { cacheDir: false, onParse: (p) => parsed.push(p) });
    assert.deepEqual(b, a);
    assert.ok(a.entries.length > 0);
    assert.deepEqual(parsed.filter((p) => wantsJsFileEntry(warm.files.find((f) => f.path === p)!.language, p)), []);
    assert.ok(warm.files.some((f) => wantsJsFileEntry(f.language, f.path)));
  });

  it('extracts them only when asked, and adds them to a cached map that lacks them', async () => {
    const root = copy(path.join(FIXTURES, 'routes', 'express-lazy'));
    const plain = await buildMap({ root, workers: 1 });
    const js = plain.files.filter((f) => wantsJsFileEntry(f.language, f.path)).map((f) => f.path);
    assert.ok(js.length > 0);
    assert.deepEqual(js.filter((p) => entryFactsOf(plain)!(p)), [], 'the map alone does not extract entry facts');
    const asked = await buildMap({ root, workers: 1, entryFacts: true });
    assert.equal(asked.stats.filesParsed, js.length, 'exactly the JS/TS files lacking entry facts are parsed again');
    for (const p of js) assert.ok(entryFactsOf(asked)!(p), p);
    const again = await buildMap({ root, workers: 1, entryFacts: true });
    assert.equal(again.stats.filesParsed, 0, 'and kept: the next map parses nothing');
    const alone = await buildMap({ root, workers: 1 });
    assert.equal(alone.stats.filesParsed, 0, 'a map alone takes entries with entry facts as they are');
  });

  it('gives identical files at two paths their own facts (a copy is not the same entry point)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-mapentry-'));
    const job = 'function tick() { console.log(1); }\nsetInterval(tick, 1000);\n';
    fs.mkdirSync(path.join(root, 'a'));
    fs.mkdirSync(path.join(root, 'b'));
    fs.writeFileSync(path.join(root, 'a', 'job.js'), job);
    fs.writeFileSync(path.join(root, 'b', 'job.js'), job);
    const map = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
    const jobs = (await entryPointsOf(map, diskFiles(root), { cacheDir: false })).entries.filter((e) => e.kind === 'job');
    assert.deepEqual(jobs.map((e) => e.file).sort(), ['a/job.js', 'b/job.js']);
  });

  it('extracts a CommonJS file under a folder a routing convention reads (server/api/) in the map: it exports nothing a convention reads', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-mapentry-'));
    fs.mkdirSync(path.join(root, 'server', 'api'), { recursive: true });
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '4.0.0' } }));
    fs.writeFileSync(path.join(root, 'server', 'app.js'), "const express = require('express');\nconst users = require('./api/users');\nconst app = express();\napp.use('/api/users', users);\nmodule.exports = app;\n");
    // `module.exports` and `exports.x` are not the statement, nor is the word in a module's name, a
    // method or a comment: no convention can claim this file.
    fs.writeFileSync(path.join(root, 'server', 'api', 'users.js'), "// the CSV export of users\nconst { exportName } = require('./utils/csv-export-filename');\nconst router = require('express').Router();\nrouter.get('/:id', function show(req, res) { res.json({}); });\nrouter.get('/export', (req, res) => res.send(usersService.export(exportName)));\nexports.unused = 1;\nmodule.exports = router;\n");
    fs.mkdirSync(path.join(root, 'server', 'api', 'utils'), { recursive: true });
    fs.writeFileSync(path.join(root, 'server', 'api', 'utils', 'csv-export-filename.js'), "exports.exportName = 'users.csv';\n");
    // After a comment's end, on the line it ends: still an export statement, left to the pass.
    fs.writeFileSync(path.join(root, 'server', 'api', 'health.js'), '/* probe */ export const GET = () => "ok";\n');
    // An ES module there may be a Nitro handler: the pass reads it itself, with the project's dependencies.
    fs.writeFileSync(path.join(root, 'server', 'api', 'ping.js'), 'export default function ping() { return "pong"; }\n');
    const map = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
    const lookup = entryFactsOf(map)!;
    assert.ok(lookup('server/api/users.js')?.facts, 'the map extracted the CommonJS file under server/api/');
    assert.equal(lookup('server/api/ping.js'), undefined, 'a file with an export statement there is left to the pass');
    const parsed = new Set<string>();
    const fromMap = await entryPointsOf(map, diskFiles(root), { cacheDir: false, onParse: (p) => parsed.add(p) });
    assert.deepEqual([...parsed].sort(), ['server/api/health.js', 'server/api/ping.js']);
    assert.deepEqual(fromMap, JSON.parse(JSON.stringify(await parsedItself(map, root))));
    assert.ok(fromMap.entries.some((e) => e.id === 'GET /api/users/:id' && e.file === 'server/api/users.js'), fromMap.entries.map((e) => e.id).join(', '));
    assert.ok(fromMap.entries.some((e) => e.id === 'GET /api/users/export'), fromMap.entries.map((e) => e.id).join(', '));
  });

  it('reads an edited buffer as it is now, not as the map extracted it', async () => {
    const root = copy(path.join(FIXTURES, 'routes', 'express'));
    const map = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
    const before = await entryPointsOf(map, diskFiles(root), { cacheDir: false });
    const file = before.entries.find((e) => e.kind === 'http')!.file;
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const edited = overlayFiles(diskFiles(root), (rel) => (rel === file ? `${text}\nsetInterval(function sweep() {}, 5000);\n` : undefined));
    const after = await entryPointsOf(map, edited, { cacheDir: false });
    assert.equal(after.entries.filter((e) => e.kind === 'job' && e.file === file).length, before.entries.filter((e) => e.kind === 'job' && e.file === file).length + 1);
  });
});
