import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeHistory } from '../../../src/core/history/index';
import { ALICE, BOB, CAROL, NOW, TestRepo, lines, tempDir } from './gitFixture';

describe('history: cache by HEAD and incremental updates', () => {
  let repo: TestRepo;
  let cacheDir: string;
  beforeEach(() => {
    repo = new TestRepo();
    cacheDir = path.join(tempDir('hcache'), 'history');
    repo.commit(ALICE, 50, { 'src/a.ts': lines('alice', 40) });
    repo.commit(BOB, 40, { 'src/a.ts': lines('bob', 10) + lines('alice', 30, 11), 'lib/b.ts': lines('bob b', 5) });
  });
  afterEach(() => {
    repo.remove();
    fs.rmSync(path.dirname(cacheDir), { recursive: true, force: true });
  });

  const strip = (r: Awaited<ReturnType<typeof analyzeHistory>>) => ({ modules: r.modules, files: r.files, people: r.people, hotspots: r.hotspots });

  it('reads only the new commits after HEAD moves, and agrees with a cold run', async () => {
    const cold = await analyzeHistory(repo.dir, { trusted: true, now: NOW, cacheDir });
    assert.deepEqual([cold.stats.commitsProcessed, cold.stats.incremental], [2, false]);
    assert.ok(fs.existsSync(path.join(cacheDir, 'state.json')));

    const warm = await analyzeHistory(repo.dir, { trusted: true, now: NOW, cacheDir });
    assert.deepEqual([warm.stats.commitsProcessed, warm.stats.incremental], [0, true]);
    assert.deepEqual(strip(warm), strip(cold));

    repo.commit(CAROL, 5, { 'src/a.ts': lines('carol', 5) + lines('alice', 35, 6) });
    repo.git(['mv', 'lib/b.ts', 'lib/c.ts']);
    repo.commit(CAROL, 4, {});
    repo.commit(ALICE, 3, { 'src/new.ts': lines('new', 3) });
    const inc = await analyzeHistory(repo.dir, { trusted: true, now: NOW, cacheDir });
    assert.deepEqual([inc.stats.commitsProcessed, inc.stats.commitsTotal, inc.stats.incremental], [3, 5, true]);
    const full = await analyzeHistory(repo.dir, { trusted: true, now: NOW });
    assert.deepEqual([full.stats.commitsProcessed, full.stats.incremental], [5, false]);
    assert.deepEqual(strip(inc), strip(full));
    assert.ok(inc.files.some((f) => f.path === 'lib/c.ts' && f.owners[0].email === 'bob@example.com'));
  });

  it('starts over when history was rewritten under the cache', async () => {
    await analyzeHistory(repo.dir, { trusted: true, now: NOW, cacheDir });
    repo.git(['reset', '-q', '--hard', 'HEAD~1']);
    repo.commit(CAROL, 1, { 'src/a.ts': lines('carol', 2) });
    const after = await analyzeHistory(repo.dir, { trusted: true, now: NOW, cacheDir });
    assert.deepEqual([after.stats.commitsProcessed, after.stats.incremental, after.stats.commitsTotal], [2, false, 2]);
    assert.ok(!after.people.some((p) => p.email === 'bob@example.com'), 'the rewritten commit is gone');
  });

  it('ignores a corrupt cache and replaces it', async () => {
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(path.join(cacheDir, 'state.json'), '{"version": 2, "files": nope');
    const r = await analyzeHistory(repo.dir, { trusted: true, now: NOW, cacheDir });
    assert.deepEqual([r.available, r.stats.commitsProcessed], [true, 2]);
    assert.doesNotThrow(() => JSON.parse(fs.readFileSync(path.join(cacheDir, 'state.json'), 'utf8')));
  });
});
