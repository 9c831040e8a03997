// Several writers on one deep dive at once — the extension's code path (a long-lived model saved
// with saveDive) and the CLI's (its main, and the real bundle in separate processes) — keep every
// note and every read line they were told was saved.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LONG, assertKept, assertNoStrays, cli, diveRepo, readDive, writer } from './helpers';

async function trial(root: string, specs: string[][]): Promise<string[]> {
  const ws = specs.map((s) => writer(root, s));
  const results = await Promise.all(ws.map((w) => w.done));
  results.forEach((r, i) => assert.equal(r.code, 0, `writer ${i}: ${r.err}`));
  return ws.flatMap((w) => w.acks);
}

describe('reliability: concurrent writers lose nothing', function () {
  this.timeout(LONG ? 1_800_000 : 600_000);

  for (const n of [2, 4]) {
    it(`${n} processes on the extension's path (saveDive), 100 notes each`, async () => {
      const root = diveRepo();
      const acks = await trial(root, Array.from({ length: n }, (_, i) => ['api', '100', `api${i}`]));
      const kept = assertKept(root, acks);
      assert.equal(kept.notes, n * 100);
      assert.equal(readDive(root).notes.length, n * 100);
      assertNoStrays(root);
    });
  }

  for (const n of [2, 4]) {
    const each = LONG ? 100 : n === 2 ? 40 : 20;
    it(`${n} processes on the CLI's path (main: note add, read), ${each} notes each`, async () => {
      const root = diveRepo();
      const acks = await trial(root, Array.from({ length: n }, (_, i) => ['cli', String(each), `cli${i}`]));
      const kept = assertKept(root, acks);
      assert.equal(kept.notes, n * each);
      assert.equal(readDive(root).notes.length, n * each);
      assertNoStrays(root);
    });
  }

  it('the real CLI bundle in separate processes alongside an editor writer', async () => {
    const root = diveRepo();
    const runs = LONG ? 40 : 8;
    const editor = writer(root, ['api', String(runs * 4), 'editor']);
    const bundle = (tag: string) =>
      new Promise<string[]>((resolve, reject) => {
        const acks: string[] = [];
        let i = 0;
        const next = () => {
          if (i === runs) return resolve(acks);
          const r = cli(root, ['note', 'add', 'src/a.js:2', '--kind', 'gap', '--body', `${tag} ${i++}`, '--json']);
          if (r.code !== 0) return reject(new Error(r.err));
          acks.push(`ok ${JSON.parse(r.out).note.id}`);
          setImmediate(next);
        };
        next();
      });
    const [a, b] = await Promise.all([bundle('bundleA'), bundle('bundleB')]);
    const e = await editor.done;
    assert.equal(e.code, 0, e.err);
    const kept = assertKept(root, [...a, ...b, ...editor.acks]);
    assert.equal(kept.notes, runs * 2 + runs * 4);
    assertNoStrays(root);
  });

  it('a writer that cannot get the lock waits, then fails with a clear message and writes nothing', () => {
    const root = diveRepo();
    const file = path.join(root, '.deepdive', 'd.json');
    const before = fs.readFileSync(file);
    // Held by a live process (this one) on this host: never taken as stale.
    const lock = path.join(root, '.deepdive', 'cache', 'locks', 'd.lock');
    fs.mkdirSync(path.dirname(lock), { recursive: true });
    fs.writeFileSync(lock, JSON.stringify({ host: os.hostname(), pid: process.pid, token: 'held', since: new Date().toISOString() }));
    const r = cli(root, ['note', 'add', 'src/a.js:1', '--kind', 'risk', '--body', 'waits'], { DEEPDIVE_LOCK_TIMEOUT_MS: '300' });
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /^deepdive note: \.deepdive\/d\.json: another Deep Dive process is saving this deep dive \(held by process \d+ on .+\); waited 0 s and gave up — nothing was written, try again\n$/);
    assert.deepEqual(fs.readFileSync(file), before);
    // The holder is gone (a pid that does not run): the lock is broken and the save goes through.
    fs.writeFileSync(lock, JSON.stringify({ host: os.hostname(), pid: 2 ** 22 + 12345, token: 'dead', since: new Date().toISOString() }));
    const ok = cli(root, ['note', 'add', 'src/a.js:1', '--kind', 'risk', '--body', 'after a dead holder', '--json'], { DEEPDIVE_LOCK_TIMEOUT_MS: '300' });
    assert.equal(ok.code, 0, ok.err);
    assert.ok(readDive(root).notes.some((n) => n.body === 'after a dead holder'));
    assert.equal(fs.existsSync(lock), false);
    assertNoStrays(root);
  });
});
