import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { progressFor, terminalProgress } from '../../../src/cli/progress';

const repo = path.resolve(__dirname, '..', '..', '..', '..');
const ERASE = '\r\u001b[K';

/** A terminal that keeps what was written, on a clock the test moves. */
function terminal(columns = 80) {
  const writes: string[] = [];
  let t = 1000;
  return {
    stream: { isTTY: true, columns, write: (s: string) => writes.push(s) },
    writes,
    now: () => t,
    at: (ms: number) => (t = 1000 + ms),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('progress on the terminal (src/cli/progress.ts)', () => {
  it('a command that answers before the delay writes nothing, not even later', async () => {
    const term = terminal();
    const p = terminalProgress(term.stream, { delayMs: 30, now: term.now });
    p.count('mapping', 10, 100);
    p.phase('finding entry points');
    term.at(20);
    p.stop();
    await sleep(60);
    assert.deepStrictEqual(term.writes, []);
  });

  it('after the delay it draws one line in place, and erases it when the output comes', () => {
    const term = terminal();
    const p = terminalProgress(term.stream, { delayMs: 400, now: term.now });
    term.at(500);
    p.count('mapping', 1234, 4797);
    assert.deepStrictEqual(term.writes, [`${ERASE}deepdive: mapping 1,234 / 4,797 files`]);
    p.phase('finding entry points and their guards');
    assert.strictEqual(term.writes[1], `${ERASE}deepdive: finding entry points and their guards …`);
    p.stop();
    assert.strictEqual(term.writes.at(-1), ERASE);
    p.count('mapping', 4797, 4797);
    assert.strictEqual(term.writes.length, 3, 'nothing is drawn after stop');
  });

  it('counts are drawn at most every 100 ms; a new step is drawn at once', async () => {
    const term = terminal();
    const p = terminalProgress(term.stream, { delayMs: 0, now: term.now });
    p.count('mapping', 64, 4797);
    term.at(10);
    p.count('mapping', 128, 4797);
    assert.strictEqual(term.writes.length, 1, 'the second count waits for its tick');
    p.phase('finding entry points');
    assert.strictEqual(term.writes.length, 2);
    assert.match(term.writes[1], /finding entry points/);
    p.stop();
    await sleep(120);
    assert.strictEqual(term.writes.length, 3, 'the pending count was dropped at stop');
  });

  it('never wraps: a line longer than the terminal is cut to its width', () => {
    const term = terminal(30);
    const p = terminalProgress(term.stream, { delayMs: 0, now: term.now });
    p.phase('building the report: entry points, flows, coverage, history');
    const line = term.writes[0].slice(ERASE.length);
    assert.ok(line.length <= 29, line);
    assert.ok(line.endsWith('…'));
    // A terminal that does not say its width (a pty with no size reports 0) counts as 80 wide.
    const unsized = terminal(0);
    terminalProgress(unsized.stream, { delayMs: 0, now: unsized.now }).count('mapping', 1234, 4797);
    assert.strictEqual(unsized.writes[0], `${ERASE}deepdive: mapping 1,234 / 4,797 files`);
  });

  it('a message on standard error erases the line; the next step draws it again', () => {
    const term = terminal();
    const p = terminalProgress(term.stream, { delayMs: 0, now: term.now });
    p.phase('mapping');
    p.clear();
    assert.strictEqual(term.writes.at(-1), ERASE);
    p.phase('finding entry points');
    assert.match(term.writes.at(-1)!, /finding entry points/);
  });

  it('is drawn only on a terminal, unless DEEPDIVE_PROGRESS says otherwise', () => {
    const drawn = (isTTY: boolean, env: Record<string, string>) => {
      const writes: string[] = [];
      const p = progressFor({ isTTY, write: (s: string) => writes.push(s) }, env);
      p.phase('mapping');
      p.stop();
      return writes.length > 0;
    };
    assert.strictEqual(drawn(false, {}), false, 'a pipe or a file gets no progress');
    assert.strictEqual(drawn(true, { DEEPDIVE_PROGRESS: 'never' }), false);
    assert.strictEqual(drawn(false, { DEEPDIVE_PROGRESS: 'always' }), true);
  });

  it('the bundled bin draws it on standard error and leaves the output as it is', () => {
    const bin = path.join(repo, 'dist', 'cli.js');
    const root = path.join(repo, 'test', 'fixtures', 'auth-service-ts');
    const run = (env: Record<string, string>) => spawnSync(process.execPath, [bin, 'map', '--root', root, '--no-cache'], { encoding: 'utf8', env: { ...process.env, ...env } });
    const quiet = run({ DEEPDIVE_PROGRESS: 'never' });
    const shown = run({ DEEPDIVE_PROGRESS: 'always' });
    assert.strictEqual(shown.status, 0, shown.stderr);
    // The same output, but for its own timing line.
    const untimed = (s: string) => s.replace(/^time: .*$/m, 'time: …');
    assert.strictEqual(untimed(shown.stdout), untimed(quiet.stdout), 'the output holds no progress');
    assert.doesNotMatch(shown.stdout, /\u001b/);
    assert.strictEqual(quiet.stderr, '');
    assert.match(shown.stderr, /^\r\u001b\[Kdeepdive: mapping \d+ \/ \d+ files/);
    assert.ok(shown.stderr.endsWith(ERASE), 'the line is erased before the output');
  });
});
