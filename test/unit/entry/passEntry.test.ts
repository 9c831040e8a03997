// Extract once for Go, Java and Kotlin: the map's workers take each file's pass record from the
// tree they parse for the map (entry/passEntry.ts), the map cache keeps it, and the entry-point
// pass uses it instead of reading and parsing the file again, unless a Go import of it now resolves
// elsewhere. The answer must be the one the pass gives when it parses every file itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { passEntriesOf } from '../../../src/core/map/mapEntryFacts';
import { clearEntryMemory, entryPointsOf } from '../../../src/core/entry/entryCache';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { passRecordFrom, wantsPassEntry } from '../../../src/core/entry/passEntry';
import { ModuleIndex } from '../../../src/core/entry/resolveModule';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';
import { passFileFacts } from '../../../src/core/entry/passFileFacts';
import { fileRoutesContext } from '../../../src/core/entry/fileRoutes';
import type { RepoMap } from '../../../src/core/map/types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures');
const SERVICES = [
  ...['routes/go-gin', 'routes/go-server', 'routes/go-huma', 'routes/go-beego-app', 'routes/go-start-settings', 'routes/go-restful', 'routes/go-config-refusals', 'routes/go-grpc-gateway', 'gin-go'],
  ...['spring-java', 'routes/jaxrs', 'routes/micronaut-secured', 'routes/javalin-java', 'routes/shiro-filter-chains', 'routes/spring-k8s-rbac', 'routes/vertx-web', 'routes/quarkus-http-permissions', 'routes/webflux-functional', 'routes/dropwizard-auth', 'routes/spring-annotation-permits', 'routes/spark-java'],
  ...['routes/javalin-kotlin', 'routes/ktor-service', 'routes/spring-kotlin', 'routes/kotlin-route-dsl', 'routes/micronaut-modules'],
];

/** What the entry-point pass gives when it parses every file itself (no records from the map). */
async function parsedItself(map: RepoMap, root: string): Promise<unknown> {
  const files = diskFiles(root);
  return findEntryPoints({ files: map.files.map((f) => ({ path: f.path, language: f.language, symbols: f.symbols })) } as RepoMap, entryReader(files), { listDir: (rel) => files.list!(rel) });
}

/**
 * `value` without its keys whose value is undefined, prototypes kept: what a record is after JSON
 * (the map cache), where such a key is absent. The detectors read an absent key and an undefined one alike.
 */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) value.forEach(withoutUndefined);
  else if (value && typeof value === 'object')
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) delete (value as Record<string, unknown>)[k];
      else withoutUndefined(v);
    }
  return value;
}

function copy(dir: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-goentry-'));
  fs.cpSync(dir, root, { recursive: true });
  return root;
}

function recorded(map: RepoMap): string[] {
  return map.files.filter((f) => wantsPassEntry(f.language, f.path)).map((f) => f.path);
}

describe('Go, Java and Kotlin records from the map: extract once, link once', () => {
  beforeEach(() => clearEntryMemory());

  for (const name of SERVICES) {
    for (const workers of [0, 1]) {
      it(`${name} (${workers ? 'a worker thread' : 'in process'}): the same entry points as parsing every file, without reading its Go, Java or Kotlin files again`, async () => {
        const root = path.join(FIXTURES, name);
        const map = await buildMap({ root, cache: false, workers, entryFacts: true });
        const lookup = passEntriesOf(map);
        assert.ok(lookup, 'the map carries the records');
        const go = recorded(map);
        assert.ok(go.length > 0, 'the fixture has Go, Java or Kotlin files');
        for (const p of go) assert.ok(lookup(p), `no record for ${p}`);
        const parsed = new Set<string>();
        const fromMap = await entryPointsOf(map, diskFiles(root), { cacheDir: false, onParse: (p) => parsed.add(p) });
        assert.deepEqual(fromMap, JSON.parse(JSON.stringify(await parsedItself(map, root))));
        assert.deepEqual(go.filter((p) => parsed.has(p)), [], 'the pass parsed a file whose record the map had');
      });
    }
  }

  it('gives back the record the pass makes, prototype-less objects and all, after the trip through the cache', async () => {
    const root = copy(path.join(FIXTURES, 'routes', 'go-gin'));
    const cold = await buildMap({ root, workers: 0, entryFacts: true });
    const warm = await buildMap({ root, workers: 0, entryFacts: true });
    assert.equal(warm.stats.filesParsed, 0, 'the second map came from the cache');
    const modules = new ModuleIndex(warm.files.map((f) => f.path));
    const ctx = { modules, fileRoutes: fileRoutesContext(undefined), parsers: new Map() };
    for (const f of warm.files.filter((x) => wantsPassEntry(x.language, x.path))) {
      const p = f.path;
      const fromCache = passRecordFrom(passEntriesOf(warm)!(p), modules);
      assert.ok(fromCache, p);
      const own = await passFileFacts(f, fs.readFileSync(path.join(root, p), 'utf8'), ctx);
      // deepStrictEqual compares prototypes too: a record's names are kept in prototype-less objects.
      assert.deepStrictEqual(fromCache, withoutUndefined(own), p);
      assert.deepStrictEqual(withoutUndefined(passRecordFrom(passEntriesOf(cold)!(p), modules)), fromCache, `${p}: the cold map's record is the same`);
      assert.equal(Object.getPrototypeOf(fromCache.go!.imports), null);
    }
  });

  it('reads a file itself when one of its imports now resolves to another folder', async () => {
    const root = copy(path.join(FIXTURES, 'gin-go'));
    const map = await buildMap({ root, cache: false, workers: 0, entryFacts: true });
    const lookup = passEntriesOf(map)!;
    const withOwnImport = recorded(map).find((p) => Object.values(passRecordFrom(lookup(p), new ModuleIndex(map.files.map((f) => f.path)))?.go?.imports ?? {}).some((i) => i.dir !== undefined));
    assert.ok(withOwnImport, 'the fixture has a Go file importing a package of its own');
    // Without the folders its imports resolved to, the record is not taken.
    assert.equal(passRecordFrom(lookup(withOwnImport), new ModuleIndex([withOwnImport])), undefined);
    assert.equal(passRecordFrom({ v: 'pass0.0', rec: {} }, new ModuleIndex([])), undefined, 'nor one of another version');
  });

  it('extracts them only when asked, and adds them to a cached map that lacks them', async () => {
    const root = copy(path.join(FIXTURES, 'routes', 'go-server'));
    const plain = await buildMap({ root, workers: 0 });
    const go = recorded(plain);
    assert.ok(go.length > 0);
    assert.deepEqual(go.filter((p) => passEntriesOf(plain)?.(p)), [], 'the map alone takes no records');
    const asked = await buildMap({ root, workers: 0, entryFacts: true });
    assert.equal(asked.stats.filesParsed, go.length, 'exactly the files lacking records are parsed again');
    const again = await buildMap({ root, workers: 0, entryFacts: true });
    assert.equal(again.stats.filesParsed, 0, 'and kept: the next map parses nothing');
  });
});
