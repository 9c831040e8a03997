import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { processIo } from '../../../src/cli/stdio';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

/** A stream that takes `room` writes, then fails every write with `code`. */
function pipe(room: number, code: string): Writable & { got: string[] } {
  const got: string[] = [];
  const w = new Writable({
    write(chunk, _enc, done) {
      if (got.length >= room) return done(Object.assign(new Error(`write ${code}`), { code }));
      got.push(String(chunk));
      done();
    },
  });
  return Object.assign(w, { got });
}

describe('deepdive standard output', () => {
  it('gathers lines into one write, and writes them before a message on standard error', () => {
    const out = pipe(10, 'EPIPE');
    const err = pipe(10, 'EPIPE');
    const io = processIo(out, err);
    io.out('one');
    io.out('two');
    io.err('oops');
    assert.deepEqual(out.got, ['one\ntwo\n']);
    assert.deepEqual(err.got, ['oops\n']);
  });

  it('drops the rest quietly once the reader has gone (EPIPE), with no exit code', async () => {
    const before = process.exitCode;
    const out = pipe(1, 'EPIPE');
    const io = processIo(out, pipe(10, 'EPIPE'));
    io.out('first');
    io.flush!();
    io.out('second');
    io.flush!();
    await new Promise((r) => setImmediate(r));
    assert.doesNotThrow(() => {
      io.out('third');
      io.flush!();
    });
    assert.deepEqual(out.got, ['first\n']);
    assert.equal(process.exitCode, before);
  });

  it('a real `deepdive note list` whose reader closes early exits 0 and says nothing', async function () {
    this.timeout(60_000);
    const bin = path.join(repo, 'dist', 'cli.js');
    assert.ok(fs.existsSync(bin), 'dist/cli.js exists: npm test builds before the unit tests');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-epipe-'));
    fs.mkdirSync(path.join(root, '.deepdive'));
    const notes = Array.from({ length: 10_000 }, (_, k) => ({ id: `n${k}`, kind: 'risk', status: 'open', body: `note ${k} on the whole dive`, target: { type: 'dive' }, created: '2026-01-01T00:00:00.000Z' }));
    const dive = { schema: 'deepdive/1', id: 'big', title: 'Big', created: '2026-01-01T00:00:00.000Z', scope: { include: [], exclude: [] }, questions: [], flows: [], notes, reading: {} };
    fs.writeFileSync(path.join(root, '.deepdive', 'big.json'), JSON.stringify(dive));
    const child = spawn(process.execPath, [bin, 'note', 'list', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Read one chunk, then go away as `head` does.
    const first = await new Promise<string>((resolve) => child.stdout.once('data', (d) => resolve(String(d))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.match(first, /^n0 {2}risk {2}open/);
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
