// git started from a worker thread (what the extension host does) answers as git started here:
// same output, streamed chunks in order, the same bounds, and the safe configuration applied.
import * as assert from 'node:assert';
import { gitSpawnCount, runGit, setGitSpawner } from '../../../src/core/history/git';
import type { GitSpawner } from '../../../src/core/history/gitSpawner';
import { gitSpawner } from '../../../src/core/history/gitSpawner';
import { ALICE, BOB, TestRepo } from './gitFixture';

describe('history: git started from a worker thread', () => {
  let repo: TestRepo;
  let spawner: GitSpawner;
  before(() => {
    repo = new TestRepo();
    repo.commit(ALICE, 5, { 'a.ts': 'export const a = 1;\n' }, 'one');
    repo.commit(BOB, 3, { 'b.ts': 'export const b = 2;\n'.repeat(2000) }, 'two');
    spawner = gitSpawner()!;
    assert.ok(spawner, 'the worker entry is built beside git.ts');
  });
  after(async () => {
    setGitSpawner(undefined);
    await spawner.dispose();
    repo.remove();
  });
  afterEach(() => setGitSpawner(undefined));

  it('gives the output, exit code and stderr git gives when started on this thread', async () => {
    const here = await runGit(repo.dir, ['log', '--format=%an %s']);
    setGitSpawner(spawner);
    const count = gitSpawnCount();
    const there = await runGit(repo.dir, ['log', '--format=%an %s']);
    assert.strictEqual(gitSpawnCount(), count + 1, 'counted like any git run');
    assert.deepStrictEqual(there, here);
    assert.strictEqual(there.stdout, 'Bob Baker two\nAlice Archer one\n');
    const bad = await runGit(repo.dir, ['rev-parse', 'no-such-revision']);
    assert.notStrictEqual(bad.code, 0);
    assert.match(bad.stderr, /no-such-revision/);
  });

  it('streams the output in order, chunk by chunk, when the caller parses as it comes', async () => {
    const whole = (await runGit(repo.dir, ['show', 'HEAD:b.ts'])).stdout;
    setGitSpawner(spawner);
    const chunks: Buffer[] = [];
    const r = await runGit(repo.dir, ['show', 'HEAD:b.ts'], { onData: (c) => chunks.push(Buffer.from(c)) });
    assert.strictEqual(r.stdout, '');
    assert.strictEqual(Buffer.concat(chunks).toString('utf8'), whole);
    assert.strictEqual(whole.length, 'export const b = 2;\n'.length * 2000);
  });

  it('keeps the bounds: output cut at maxBytes, several calls at once each get their own answer', async () => {
    setGitSpawner(spawner);
    const cut = await runGit(repo.dir, ['show', 'HEAD:b.ts'], { maxBytes: 100 });
    assert.strictEqual(cut.truncated, true);
    assert.strictEqual(cut.code, null);
    assert.strictEqual(cut.stdout.length, 100);
    const [a, b] = await Promise.all([runGit(repo.dir, ['show', 'HEAD~1:a.ts']), runGit(repo.dir, ['log', '-1', '--format=%s'])]);
    assert.strictEqual(a.stdout, 'export const a = 1;\n');
    assert.strictEqual(b.stdout, 'two\n');
  });

  it('answers "could not start" when the worker is gone, as when git is missing', async () => {
    const gone = gitSpawner()!;
    const pending = gone({ cwd: repo.dir, argv: ['log'], env: {}, timeoutMs: 10_000, maxBytes: 1000 });
    await gone.dispose();
    const r = await pending;
    assert.strictEqual(r.code, null);
    assert.match(r.spawnError ?? '', /closed/);
  });
});
