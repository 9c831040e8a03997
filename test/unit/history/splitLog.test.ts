import * as assert from 'node:assert/strict';
import { NO_EXTERNAL_DIFF, runGit } from '../../../src/core/history/git';
import { LOG_FORMAT, LogParser } from '../../../src/core/history/logParse';
import type { CommitRecord } from '../../../src/core/history/logParse';
import { splitLog } from '../../../src/core/history/splitLog';
import { ALICE, BOB, CAROL, TestRepo, lines } from './gitFixture';

/** The records of the one `git log` a cold history ran before the split, in its order. */
async function singleLog(dir: string): Promise<CommitRecord[]> {
  const out: CommitRecord[] = [];
  const parser = new LogParser((c) => out.push(c));
  const r = await runGit(dir, ['log', '--reverse', '--no-merges', '-z', '--numstat', '-M', ...NO_EXTERNAL_DIFF, LOG_FORMAT, 'HEAD'], { onData: (b) => parser.push(b) });
  assert.equal(r.code, 0);
  parser.end();
  return out;
}

async function split(dir: string): Promise<CommitRecord[]> {
  const out: CommitRecord[] = [];
  const head = (await runGit(dir, ['rev-parse', 'HEAD'])).stdout.trim();
  const run = splitLog(dir, head, (c) => out.push(c), { timeoutMs: 30_000, maxBytes: 1 << 20 });
  const [rest, roots] = await Promise.all([run.rest, run.roots]);
  assert.deepEqual([rest.code, roots?.code], [0, 0]);
  return out;
}

describe('history: a cold log as two gits (root diffs apart)', () => {
  let repo: TestRepo;
  afterEach(() => repo.remove());

  it('hands on the same commits, in the same order, with the root commits\' changes', async () => {
    repo = new TestRepo();
    // An import commit, then renames, deletions and a binary file on top of it.
    repo.commit(ALICE, 60, { 'src/a.ts': lines('a', 30), 'src/b.ts': lines('b', 12), 'README.md': 'hello\n' });
    repo.commit(BOB, 50, { 'src/a.ts': lines('bob', 5) + lines('a', 25, 6), 'logo.bin': '\u0000\u0001\u0002' });
    repo.write('lib/.keep', '');
    repo.git(['mv', 'src/b.ts', 'lib/b.ts']);
    repo.commit(BOB, 45, { 'README.md': null });
    // A second root (an unrelated history merged in): its place in the log is kept too.
    repo.git(['checkout', '-q', '--orphan', 'other']);
    repo.git(['rm', '-q', '-r', '--cached', '.']);
    repo.commit(CAROL, 40, { 'tools/c.ts': lines('c', 8) });
    repo.git(['checkout', '-q', '-f', 'main']);
    repo.git(['merge', '-q', '--allow-unrelated-histories', '-m', 'merge other', 'other'], {
      GIT_AUTHOR_NAME: CAROL.name,
      GIT_AUTHOR_EMAIL: CAROL.email,
      GIT_COMMITTER_NAME: CAROL.name,
      GIT_COMMITTER_EMAIL: CAROL.email,
    });
    repo.commit(ALICE, 30, { 'tools/c.ts': lines('alice', 2) + lines('c', 8) });

    const expected = await singleLog(repo.dir);
    assert.equal(expected.length, 5, 'four commits of main and the second root; the merge is left out as before');
    const roots = expected.filter((c) => c.changes.some((ch) => ch.path === 'src/a.ts' && ch.added === 30) || c.changes.some((ch) => ch.path === 'tools/c.ts' && ch.added === 8 && ch.deleted === 0));
    assert.equal(roots.length, 2, 'both roots carry their whole tree as added lines');
    assert.deepEqual(await split(repo.dir), expected);
  });

  it('agrees with the single log where the repository turns root diffs off', async () => {
    repo = new TestRepo();
    repo.commit(ALICE, 10, { 'a.ts': lines('a', 4) });
    repo.commit(BOB, 5, { 'a.ts': lines('b', 2) + lines('a', 4) });
    repo.git(['config', 'log.showRoot', 'false']);
    const expected = await singleLog(repo.dir);
    assert.deepEqual(expected[0].changes, [], 'git prints the root without its diff');
    assert.deepEqual(await split(repo.dir), expected);
  });
});
