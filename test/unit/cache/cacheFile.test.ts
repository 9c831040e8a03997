// Cache files under concurrent writers and in untrusted repositories (core/cache/cacheFile.ts,
// and the caches built on it): temp names never shared, a write that fails leaves nothing, links
// out of the repository are neither read nor written, a FIFO or a device where a cache file
// belongs is a miss (no hang), and the map cache's two files never mix two writes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { answerInputs, inputsUnchanged } from '../../../src/core/cache/answerCache';
import { markOwned, readCacheText, tempNameFor, writeCacheFile } from '../../../src/core/cache/cacheFile';
import { DeepDiveError } from '../../../src/core/errors';
import { loadState, saveState } from '../../../src/core/history/cache';
import type { CacheEntry } from '../../../src/core/map/mapCache';
import { MapCache } from '../../../src/core/map/mapCache';
import { walk } from '../../../src/core/walk/walker';

function tmp(prefix = 'deepdive-cachefile-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function entry(name: string): CacheEntry {
  const facts = { lines: 3, imports: [], exports: [name], symbols: [{ name, kind: 'function', path: name, line: 1, endLine: 3 }], calls: [{ callee: 'other', line: 2, caller: name }] };
  return { size: 10, mtimeMs: 1, hash: `h-${name}`, language: 'javascript', facts: facts as unknown as CacheEntry['facts'] };
}

function entries(...names: string[]): Map<string, CacheEntry> {
  return new Map(names.map((n) => [`src/${n}.js`, entry(n)]));
}

describe('cache files: concurrent writers, damaged and planted files', () => {
  it('temp names are unique per write within one process (threads share a pid)', () => {
    const names = new Set(Array.from({ length: 2000 }, () => tempNameFor('/x/files.bin')));
    assert.equal(names.size, 2000);
    for (const n of names) assert.match(n, new RegExp(`^/x/files\\.bin\\.${process.pid}\\.[0-9a-f]{12}\\.tmp$`));
  });

  it('a write that cannot land (a folder at the target) leaves no temp file; a link at the target is replaced, not written through', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'state.json'));
    assert.equal(writeCacheFile(path.join(dir, 'state.json'), 'x', dir), false);
    assert.deepEqual(fs.readdirSync(dir), ['state.json']);
    const outside = path.join(tmp(), 'victim');
    fs.writeFileSync(outside, 'mine');
    fs.symlinkSync(outside, path.join(dir, 'other.json'));
    assert.equal(writeCacheFile(path.join(dir, 'other.json'), 'cache', dir), true);
    assert.equal(fs.readFileSync(outside, 'utf8'), 'mine');
    assert.equal(fs.lstatSync(path.join(dir, 'other.json')).isFile(), true);
  });

  it('a cache folder that links out of the repository is neither read nor written, and no folder is made at its target', () => {
    const root = tmp();
    const outside = tmp();
    fs.writeFileSync(path.join(outside, 'state.json'), '{"planted":true}');
    fs.mkdirSync(path.join(root, '.deepdive'));
    fs.symlinkSync(outside, path.join(root, '.deepdive', 'cache'));
    assert.equal(readCacheText(path.join(root, '.deepdive', 'cache', 'state.json'), root), undefined);
    assert.equal(writeCacheFile(path.join(root, '.deepdive', 'cache', 'history', 'state.json'), 'x', root), false);
    assert.deepEqual(fs.readdirSync(outside), ['state.json']);
    // Without `within` (a folder the caller chose) the same file reads, once it is ours.
    markOwned(path.join(outside, 'state.json'));
    assert.equal(readCacheText(path.join(root, '.deepdive', 'cache', 'state.json')), '{"planted":true}');
  });

  it('a link, a folder, a FIFO or a device where a cache file belongs is a miss at once', () => {
    const dir = tmp();
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.json'));
    fs.mkdirSync(path.join(dir, 'folder.json'));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.json')]).status, 0);
    assert.equal(writeCacheFile(path.join(dir, 'real.json'), 'ok'), true);
    fs.symlinkSync('real.json', path.join(dir, 'link.json'));
    for (const f of ['zero.json', 'folder.json', 'fifo.json', 'link.json', 'missing.json']) assert.equal(readCacheText(path.join(dir, f), dir), undefined, f);
    assert.equal(readCacheText(path.join(dir, 'real.json'), dir), 'ok');
    // The history cache on a FIFO: a cold start, not a wait for a writer that never comes.
    fs.mkdirSync(path.join(dir, 'history'));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'history', 'state.json')]).status, 0);
    assert.equal(loadState(path.join(dir, 'history'), '', dir), undefined);
    assert.equal(saveState(path.join(dir, 'history'), { version: 0 } as never, dir), true);
  });
});

describe('map cache: a version given as a function', () => {
  it('is asked only when an index is there to read or one is written, then once', () => {
    const dir = tmp();
    let asked = 0;
    const version = () => {
      asked++;
      return 'v1';
    };
    const cold = new MapCache(dir, version);
    assert.equal(cold.load().size, 0);
    assert.equal(cold.lookup('src/alpha.js', 'h-alpha'), undefined);
    assert.equal(asked, 0, 'no index: the version (a hash of every query) is not computed');
    cold.save(entries('alpha'));
    assert.equal(asked, 1);
    const warm = new MapCache(dir, version);
    assert.deepEqual([...warm.load().keys()], ['src/alpha.js']);
    warm.load();
    assert.equal(asked, 2, 'computed once per cache object');
    assert.equal(new MapCache(dir, () => 'v2').load().size, 0, 'another version is still a miss');
  });
});

describe('map cache: two files written by several processes', () => {
  it('an index and bodies of two interleaved writes are a miss, never one write\'s heads over the other\'s bodies', () => {
    const dir = tmp();
    const a = new MapCache(dir, 'v1');
    const b = new MapCache(dir, 'v1');
    a.save(entries('alpha', 'beta'));
    const aIndex = fs.readFileSync(path.join(dir, 'files.bin'));
    b.save(entries('gamma'));
    // A's index renamed last, over B's bodies (A: bodies, B: bodies, B: index, A: index).
    fs.writeFileSync(path.join(dir, 'files.bin'), aIndex);
    markOwned(path.join(dir, 'files.bin')); // as A's own write would: what makes this a miss is the generation
    assert.equal(new MapCache(dir, 'v1').load().size, 0);
    assert.equal(new MapCache(dir, 'v1').lookup('src/alpha.js', 'h-alpha'), undefined);
    b.save(entries('gamma'));
    const loaded = new MapCache(dir, 'v1').load();
    assert.deepEqual([...loaded.keys()], ['src/gamma.js']);
    assert.equal(loaded.get('src/gamma.js')!.facts.symbols[0].name, 'gamma');
  });

  it('bodies cut short are a miss at load, not a JSON error when a symbol is read later', () => {
    const dir = tmp();
    new MapCache(dir, 'v1').save(entries('alpha', 'beta'));
    const bodies = path.join(dir, 'bodies.bin');
    fs.truncateSync(bodies, fs.statSync(bodies).size - 1);
    assert.equal(new MapCache(dir, 'v1').load().size, 0);
    assert.equal(new MapCache(dir, 'v1').lookup('src/beta.js', 'h-beta'), undefined);
  });

  it('bodies of the right generation and length that do not parse: one line naming the cache, and the cache is removed', () => {
    const dir = tmp();
    new MapCache(dir, 'v1').save(entries('alpha'));
    const bodies = path.join(dir, 'bodies.bin');
    const bytes = fs.readFileSync(bodies);
    bytes.fill(0x5d, 16);
    fs.writeFileSync(bodies, bytes);
    const loaded = new MapCache(dir, 'v1').load();
    assert.equal(loaded.size, 1);
    assert.throws(
      () => loaded.get('src/alpha.js')!.facts.symbols,
      (err: unknown) => err instanceof DeepDiveError && /the map cache was damaged \(symbols do not parse\) and was removed/.test(err.message),
    );
    assert.equal(fs.existsSync(path.join(dir, 'files.bin')), false);
    assert.equal(new MapCache(dir, 'v1').load().size, 0);
  });

  it('a map cache folder linking out of the repository is neither read nor written', () => {
    const root = tmp();
    const outside = tmp();
    new MapCache(outside, 'v1').save(entries('planted'));
    const before = fs.readdirSync(outside).sort();
    fs.mkdirSync(path.join(root, '.deepdive', 'cache'), { recursive: true });
    fs.symlinkSync(outside, path.join(root, '.deepdive', 'cache', 'map'));
    const cache = new MapCache(path.join(root, '.deepdive', 'cache', 'map'), 'v1', root);
    assert.equal(cache.load().size, 0);
    assert.equal(cache.lookup('src/planted.js', 'h-planted'), undefined);
    cache.save(entries('mine'));
    assert.deepEqual(fs.readdirSync(outside).sort(), before);
    assert.equal(new MapCache(outside, 'v1').load().has('src/planted.js'), true);
  });
});

describe('answer cache: a file edited while the command computed', () => {
  it('keeps the stamp the file had before it was read, so the next run computes again', () => {
    const root = tmp();
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src', 'app.js'), 'module.exports = 1;\n');
    fs.writeFileSync(path.join(root, 'routes.yaml'), 'a: 1\n');
    const walked = walk({ root });
    const seen = new Map([['routes.yaml', [fs.statSync(path.join(root, 'routes.yaml')).size, fs.statSync(path.join(root, 'routes.yaml')).mtimeMs] as const]]);
    // Both edited after they were read, before the answer is stamped.
    fs.writeFileSync(path.join(root, 'src', 'app.js'), 'module.exports = 22;\n');
    fs.writeFileSync(path.join(root, 'routes.yaml'), 'a: 22\n');
    const inputs = answerInputs(root, walked, { files: ['routes.yaml'], seen });
    assert.equal(inputsUnchanged(root, inputs), false);
    const byPath = new Map(inputs.files.map((f) => [f[0], f]));
    assert.equal(byPath.get('src/app.js')![1], walked.files[0].size);
    assert.equal(byPath.get('routes.yaml')![1], seen.get('routes.yaml')![0]);
    // Nothing edited since the reads: today's stamps, and the answer is good.
    const again = answerInputs(root, walk({ root }), { files: ['routes.yaml'] });
    assert.equal(inputsUnchanged(root, again), true);
  });
});

describe('caches a repository ships: read only when this machine wrote them', () => {
  /** A copy as a checkout or a tarball makes it: same bytes, same modification times, new inodes and change times. */
  function plant(from: string, to: string): void {
    assert.equal(spawnSync('cp', ['-a', from, to]).status, 0);
  }

  it('a cache file with a stamp copied beside it is a miss; the same file written here is a hit', () => {
    const a = tmp();
    assert.equal(writeCacheFile(path.join(a, 'cache', 'answer.json'), '{"routes":[]}'), true);
    assert.equal(readCacheText(path.join(a, 'cache', 'answer.json')), '{"routes":[]}');
    const b = path.join(tmp(), 'copy');
    plant(a, b);
    assert.equal(fs.readFileSync(path.join(b, 'cache', 'answer.json'), 'utf8'), '{"routes":[]}');
    assert.equal(fs.statSync(path.join(b, 'cache', 'answer.json')).mtimeMs, fs.statSync(path.join(a, 'cache', 'answer.json')).mtimeMs);
    assert.equal(readCacheText(path.join(b, 'cache', 'answer.json')), undefined);
    // A stamp made up for the planted file's visible times, without its change time, does not pass either.
    const st = fs.statSync(path.join(b, 'cache', 'answer.json'));
    fs.writeFileSync(path.join(b, 'cache', 'answer.json.own'), `${st.ino}:${st.mtimeMs}:${st.size}`);
    assert.equal(readCacheText(path.join(b, 'cache', 'answer.json')), undefined);
    // The dive's own files may come with the repository: read whoever wrote them.
    assert.equal(readCacheText(path.join(b, 'cache', 'answer.json'), undefined, 'any'), '{"routes":[]}');
    // Written here, the copy's cache is ours again.
    assert.equal(writeCacheFile(path.join(b, 'cache', 'answer.json'), '{"routes":[1]}'), true);
    assert.equal(readCacheText(path.join(b, 'cache', 'answer.json')), '{"routes":[1]}');
  });

  it('a map cache copied with its repository is a miss, then rebuilt and read', () => {
    const a = tmp();
    new MapCache(path.join(a, 'map'), 'v1').save(entries('alpha'));
    assert.equal(new MapCache(path.join(a, 'map'), 'v1').load().size, 1);
    const b = path.join(tmp(), 'copy');
    plant(a, b);
    assert.equal(new MapCache(path.join(b, 'map'), 'v1').load().size, 0);
    assert.equal(new MapCache(path.join(b, 'map'), 'v1').lookup('src/alpha.js', 'h-alpha'), undefined);
    new MapCache(path.join(b, 'map'), 'v1').save(entries('beta'));
    assert.deepEqual([...new MapCache(path.join(b, 'map'), 'v1').load().keys()], ['src/beta.js']);
  });

  it('a history state copied with its repository is not read', () => {
    const a = tmp();
    assert.equal(saveState(path.join(a, 'history'), { version: 0 } as never, a), true);
    assert.equal(readCacheText(path.join(a, 'history', 'state.json'), a), '{"version":0}');
    const b = path.join(tmp(), 'copy');
    plant(a, b);
    assert.equal(readCacheText(path.join(b, 'history', 'state.json'), b), undefined);
  });
});
