// The entry-point pass reads Go, Python, Java and Kotlin files' records on threads when a service
// has many (passReader.ts, passPool.ts, passWorker.ts). A record depends on the file's text and
// the repository's file list alone, so the answer must be the one the pass gives on one thread,
// and every file the threads parse is still reported as parsed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { PassReader } from '../../../src/core/entry/passReader';
import { fileRoutesContext } from '../../../src/core/entry/fileRoutes';
import { ModuleIndex } from '../../../src/core/entry/resolveModule';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';
import type { PassFileFacts } from '../../../src/core/entry/passFileFacts';

const ROUTES = path.resolve(__dirname, '../../../../test/fixtures/routes');
// Each language and the detectors that gather the most per file: Go routers, Django and Flask,
// Spring, JAX-RS, Micronaut and Ktor.
const SERVICES = ['go-own-router', 'go-wrapped-errors', 'go-chi-mounts', 'go-zero-rest', 'go-grpc-gateway', 'django-regex', 'django-class-views', 'flask-delegated-guards', 'fastapi-classes', 'falcon', 'webflux-functional', 'spring-composed-mappings', 'jaxrs-filters', 'micronaut-secured', 'ktor-service'];

async function pass(root: string, threads: number): Promise<{ answer: unknown; parsed: string[]; records: Map<string, PassFileFacts> }> {
  const map = await buildMap({ root, cache: false, workers: 0 });
  const parsed: string[] = [];
  const records = new Map<string, PassFileFacts>();
  const answer = await findEntryPoints(map, entryReader(diskFiles(root)), {
    threads: { count: threads, minFiles: 1 },
    onParse: (p) => parsed.push(p),
    onFileFacts: (p, rec) => records.set(p, rec),
  });
  return { answer: JSON.parse(JSON.stringify(answer)), parsed: parsed.sort(), records };
}

describe('entry-point records read on threads', () => {
  for (const name of SERVICES) {
    it(`${name}: the same answer, parses and records on two threads as on one`, async () => {
      const root = path.join(ROUTES, name);
      const one = await pass(root, 0);
      const two = await pass(root, 2);
      assert.ok(one.parsed.some((p) => PassReader.threadable({ path: p, language: languageOf(p) })), 'the fixture has files a thread reads');
      assert.deepEqual(two.answer, one.answer);
      assert.deepEqual(two.parsed, one.parsed);
      assert.deepEqual([...two.records.keys()].sort(), [...one.records.keys()].sort());
      for (const [p, rec] of one.records) assert.deepEqual(two.records.get(p), rec, p);
    });
  }

  it('reads a file on its own thread when the threads are gone before they answer', async () => {
    const root = path.join(ROUTES, 'go-own-router');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => p.endsWith('.go'));
    const ctx = { modules: new ModuleIndex(files), fileRoutes: fileRoutesContext(undefined), parsers: new Map() };
    const read = entryReader(diskFiles(root));
    const threaded = new PassReader(ctx, { readFile: read, threads: { count: 1, minFiles: 1 } }, files);
    const taken = await Promise.all(files.map((p) => threaded.take({ path: p, language: 'go' })));
    // Closed before the batch is sent: no thread ever answers.
    await threaded.close();
    const here = new PassReader(ctx, { readFile: read, threads: { count: 0 } }, files);
    for (const [i, p] of files.entries()) {
      const t = taken[i];
      assert.ok('later' in t, `${p} went to a thread`);
      assert.deepEqual(await t.later, await here.here({ path: p, language: 'go' }), p);
    }
    assert.ok(files.length > 1);
  });
});

function languageOf(p: string): 'go' | 'python' | 'java' | 'kotlin' | 'typescript' {
  const ext = path.extname(p);
  return ext === '.go' ? 'go' : ext === '.py' ? 'python' : ext === '.java' ? 'java' : ext === '.kt' ? 'kotlin' : 'typescript';
}
