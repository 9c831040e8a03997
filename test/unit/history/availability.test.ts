import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeHistory, gitSpawnCount, lineOrigins, UNTRUSTED_REASON } from '../../../src/core/history/index';
import { ALICE, BOB, NOW, TestRepo, lines, tempDir } from './gitFixture';

describe('history: untrusted, no git, empty and shallow repositories', () => {
  it('runs no git at all in an untrusted workspace', async () => {
    const repo = new TestRepo();
    try {
      repo.commit(ALICE, 10, { 'a.ts': lines('a', 3) });
      const before = gitSpawnCount();
      const report = await analyzeHistory(repo.dir, { trusted: false, now: NOW });
      const origins = await lineOrigins(repo.dir, 'a.ts', 1, 2, { trusted: false });
      assert.equal(gitSpawnCount(), before, 'no git process was started');
      assert.equal(report.available, false);
      assert.equal(report.reason, UNTRUSTED_REASON);
      assert.deepEqual([report.modules, report.hotspots, report.people], [[], [], []]);
      assert.equal(origins.available, false);
      assert.equal(origins.reason, UNTRUSTED_REASON);
      // The same repository, trusted, does answer: the refusal above was the trust flag.
      assert.equal((await analyzeHistory(repo.dir, { trusted: true, now: NOW })).available, true);
      assert.ok(gitSpawnCount() > before);
    } finally {
      repo.remove();
    }
  });

  it('reports a folder without git as unavailable, without throwing', async () => {
    const dir = tempDir('nogit');
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), 'export const a = 1;\n');
      const report = await analyzeHistory(dir, { trusted: true, now: NOW });
      assert.equal(report.available, false);
      assert.match(report.reason ?? '', /not a git repository/);
      const origins = await lineOrigins(dir, 'a.ts', 1, 1, { trusted: true });
      assert.equal(origins.available, false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a repository without commits as unavailable', async () => {
    const repo = new TestRepo();
    try {
      const report = await analyzeHistory(repo.dir, { trusted: true, now: NOW });
      assert.equal(report.available, false);
      assert.match(report.reason ?? '', /no commits yet/);
    } finally {
      repo.remove();
    }
  });

  it('works on a shallow clone and says the figures are partial', async () => {
    const origin = new TestRepo();
    const cloneDir = tempDir('shallow');
    try {
      origin.commit(ALICE, 300, { 'src/a.ts': lines('alice', 50) }, 'alice writes a');
      origin.commit(BOB, 200, { 'src/a.ts': lines('bob', 10) + lines('alice', 40, 11) }, 'bob edits a');
      origin.commit(BOB, 100, { 'src/b.ts': lines('bob b', 5) }, 'bob adds b');
      fs.rmSync(cloneDir, { recursive: true, force: true });
      origin.git(['-c', 'protocol.file.allow=always', 'clone', '-q', '--depth', '1', `file://${origin.dir}`, cloneDir]);
      const report = await analyzeHistory(cloneDir, { trusted: true, now: NOW });
      assert.equal(report.available, true);
      assert.equal(report.partial, true);
      assert.match(report.reason ?? '', /shallow/);
      assert.equal(report.stats.commitsTotal, 1, 'only the tip commit is there');
      assert.deepEqual(report.modules.map((m) => m.id), ['src']);
      // The edge of the clone takes credit for everything: which is why the report says partial.
      assert.deepEqual(report.modules[0].owners.map((o) => o.email), ['bob@example.com']);
      const origins = await lineOrigins(cloneDir, 'src/a.ts', 1, 1, { trusted: true });
      assert.equal(origins.available, true);
      assert.equal(origins.partial, true);
      assert.equal(origins.origins[0].boundary, true);
    } finally {
      origin.remove();
      fs.rmSync(cloneDir, { recursive: true, force: true });
    }
  });
});
