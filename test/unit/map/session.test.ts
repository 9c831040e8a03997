import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { MapSession } from '../../../src/core/map/mapSession';
import { main } from '../../../src/cli/main';
import { copyFixture, FIXTURES } from './helpers';

describe('map session, cache and CLI', () => {
  it('parses on worker threads and gives the same map as in-process parsing', async () => {
    const root = path.join(FIXTURES, 'auth-service-ts');
    const inProcess = await buildMap({ root, cache: false, workers: 0 });
    const threaded = await buildMap({ root, cache: false, workers: 2 });
    assert.deepEqual(threaded.files, inProcess.files);
    assert.deepEqual(threaded.edges, inProcess.edges);
  });

  it('reuses the content-hash cache on a warm run and re-parses only what changed', async () => {
    const root = copyFixture('auth-service-ts');
    const cold = await buildMap({ root, workers: 0 });
    assert.equal(cold.stats.filesCached, 0);
    assert.ok(fs.existsSync(path.join(root, '.deepdive', 'cache', 'map', 'files.bin')));
    const warm = await buildMap({ root, workers: 0 });
    assert.equal(warm.stats.filesParsed, 0);
    assert.equal(warm.stats.filesCached, cold.files.length);
    assert.deepEqual(warm.files, cold.files);
    // Touched but unchanged: the hash says so, nothing is parsed.
    const cfg = path.join(root, 'src', 'config.ts');
    fs.utimesSync(cfg, new Date(), new Date(Date.now() + 5000));
    const touched = await buildMap({ root, workers: 0 });
    assert.equal(touched.stats.filesParsed, 0);
    fs.appendFileSync(cfg, '\nexport function addedLater() { return 1; }\n');
    const changed = await buildMap({ root, workers: 0 });
    assert.equal(changed.stats.filesParsed, 1);
    assert.ok(changed.files.find((f) => f.path === 'src/config.ts')!.symbols.some((s) => s.name === 'addedLater'));
    const noCache = await buildMap({ root, workers: 0, cache: false });
    assert.equal(noCache.stats.filesCached, 0);
  });

  it('updates incrementally: a changed, a new and a deleted file', async () => {
    const root = copyFixture('auth-service-ts');
    const session = new MapSession({ root, cache: false, workers: 0 });
    const first = await session.build();
    const db = path.join(root, 'src', 'store', 'db.ts');
    fs.appendFileSync(db, '\nexport function ping() { return query("select 1"); }\n');
    fs.writeFileSync(path.join(root, 'src', 'lib', 'fresh.ts'), "import { ping } from '../store/db.js';\nexport const fresh = () => ping();\n");
    fs.rmSync(path.join(root, 'src', 'jobs', 'sessionCleanup.ts'));
    const next = await session.update([db, 'src/lib/fresh.ts', 'src/jobs/sessionCleanup.ts']);
    assert.equal(next.stats.filesParsed, 2);
    assert.equal(next.files.length, first.files.length);
    assert.ok(next.files.find((f) => f.path === 'src/store/db.ts')!.symbols.some((s) => s.name === 'ping'));
    assert.deepEqual(next.files.find((f) => f.path === 'src/lib/fresh.ts')!.imports, ['src/store/db.ts']);
    assert.ok(!next.files.some((f) => f.path === 'src/jobs/sessionCleanup.ts'));
    assert.ok(!next.modules.some((m) => m.id === 'src/jobs'));
    // The server's import of the deleted job is now unresolved …
    assert.equal(next.imports.unresolved, 1);
    // … and resolves again when the file comes back.
    fs.writeFileSync(path.join(root, 'src', 'jobs', 'sessionCleanup.ts'), 'export function startSessionCleanup() {}\n');
    const back = await session.update(['src/jobs/sessionCleanup.ts']);
    assert.equal(back.imports.unresolved, 0);
    session.dispose();
  });

  it('deepdive map --json has the documented shape, and bad input gets a one-line reason', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (s: string) => out.push(s) > 0,
      err: (s: string) => err.push(s) > 0,
    };
    const code = await main(['map', '--root', path.join(FIXTURES, 'gin-go'), '--json', '--no-cache', '--workers', '0'], io);
    assert.equal(code, 0, err.join('\n'));
    const json = JSON.parse(out.join('\n'));
    const f = json.files.find((x: { path: string }) => x.path === 'cmd/server/main.go');
    assert.deepEqual(Object.keys(f).filter((k) => ['path', 'language', 'lines', 'module', 'imports'].includes(k)).sort(), ['imports', 'language', 'lines', 'module', 'path']);
    assert.equal(f.module, 'cmd/server');
    for (const k of ['id', 'path', 'files', 'lines', 'symbols']) assert.ok(k in json.modules[0], k);
    assert.ok(json.edges.every((e: object) => 'from' in e && 'to' in e && 'count' in e));
    assert.deepEqual(Object.keys(json.imports).sort(), ['external', 'resolved', 'total', 'unresolved']);
    assert.equal(typeof json.skipped, 'object');
    assert.ok(json.stats.ms >= 0 && json.stats.filesParsed === json.files.length);

    err.length = 0;
    assert.notEqual(await main(['map', '--root', '/nonexistent/deepdive/root'], io), 0);
    assert.equal(err.length, 1);
    assert.ok(!err[0].includes('\n'));
    err.length = 0;
    assert.equal(await main(['map', '--root', path.join(FIXTURES, 'gin-go'), '--scope', '../outside'], io), 1);
    assert.match(err[0], /outside|inside/);
  });
});
