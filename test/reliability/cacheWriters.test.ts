// Many `deepdive` processes at once on one repository, sharing `.deepdive/cache` (map, entry
// points, answers, history, code lines, layouts) and the deep-dive file, while another process
// edits the code: every run ends well (exit 0, nothing on stderr), every note a run was told was
// saved is kept, and once the edits stop every command answers what a fresh run on a clean copy
// of the repository answers — a cache written while a file changed under it must not keep giving
// the old answer. Then the same commands on caches that are damaged, read-only, or planted by the
// repository itself (links out of it, folders and FIFOs where files belong).
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LONG, cliJs, git, readDive, repoRoot } from './helpers';

const fixture = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'auth-service-ts');
const ROUTES = path.join('src', 'routes', 'index.ts');

interface Done {
  args: string[];
  code: number | null;
  out: string;
  err: string;
}

/** The real CLI in its own process, asynchronously (several at once). `wrap`: a command to run it under. */
function run(root: string, args: string[], wrap: string[] = []): Promise<Done> {
  return new Promise((resolve) => {
    const argv = [...wrap, process.execPath, cliJs, ...args, '--root', root];
    const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.on('close', (code) => resolve({ args, code, out, err }));
  });
}

/**
 * Lets other users search the folders above `dirs` (the `x` bit) until the returned function puts
 * the modes back: the commands run as nobody must reach the CLI bundle and its packages, and a
 * checkout under a private folder (a CI clone in a `mktemp -d` folder, mode 700) would hide them.
 */
function letOthersReach(dirs: string[]): () => void {
  const changed: [string, number][] = [];
  for (const dir of dirs) {
    for (let d = fs.realpathSync(dir); ; d = path.dirname(d)) {
      const mode = fs.statSync(d).mode & 0o7777;
      if (!(mode & 0o001) && !changed.some(([c]) => c === d)) {
        fs.chmodSync(d, mode | 0o001);
        changed.push([d, mode]);
      }
      if (path.dirname(d) === d) break;
    }
  }
  return () => {
    for (const [d, mode] of changed.reverse()) fs.chmodSync(d, mode);
  };
}

/** The auth service fixture in a git repository, with a deep dive "d" over all of it. */
function serviceRepo(prefix: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(fixture, root, { recursive: true });
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'init');
  const r = spawnSync(process.execPath, [cliJs, 'start', '--title', 'Writers', '--id', 'd', '--root', root], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return root;
}

/** routes/index.ts with `n` extra routes mounted: each edit changes what `routes` answers. */
function withExtraRoutes(n: number): (text: string) => string {
  return (text) => text.replace('  app.use(healthRouter);\n', `  app.use(healthRouter);\n${Array.from({ length: n }, (_, i) => `  app.get('/extra-${i}', (_req, res) => res.json({}));\n`).join('')}`);
}

/** The reading commands, each with the output compared against a clean copy. */
const READERS: string[][] = [['map', '--json'], ['routes', '--json'], ['flows', '--json'], ['status', '--json'], ['report', '--format', 'json'], ['history', '--json']];

/** A copy of the repository without `.deepdive/cache`: what a fresh run answers. */
function cleanCopy(root: string): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-clean-'));
  fs.cpSync(root, copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}.deepdive${path.sep}cache`) });
  return copy;
}

/** Output with what differs between two folders and two moments taken out (times, the root's path, timings). */
function comparable(text: string, root: string): string {
  return text
    .split(root)
    .join('<root>')
    .replace(/"(generated|generatedAt|now|ms|took|filesParsed|filesCached|[a-zA-Z]*Ms)"\s*:\s*("[^"]*"|[\d.]+)/g, '"$1":0')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
}

async function answersMatchCleanCopy(root: string): Promise<void> {
  const copy = cleanCopy(root);
  for (const args of READERS) {
    // Twice in the repository: the first may compute and store, the second reads what was stored.
    const first = await run(root, args);
    const warm = await run(root, args);
    const fresh = await run(copy, args);
    for (const r of [first, warm, fresh]) assert.equal(r.code, 0, `${r.args.join(' ')}: ${r.err}`);
    assert.equal(comparable(warm.out, root), comparable(fresh.out, copy), `${args.join(' ')}: the cached answer differs from a fresh one`);
  }
}

function assertQuiet(results: Done[]): void {
  for (const r of results) {
    assert.equal(r.code, 0, `deepdive ${r.args.join(' ')} exited ${r.code}: ${r.err}`);
    assert.equal(r.err, '', `deepdive ${r.args.join(' ')} printed on stderr`);
  }
}

describe('reliability: many deepdive processes on one .deepdive/cache', function () {
  this.timeout(LONG ? 3_600_000 : 1_200_000);

  it('every reading command twice at once, a note writer and an editor, round after round: no failure, no lost note, no stale answer', async () => {
    const root = serviceRepo('deepdive-writers-');
    const original = fs.readFileSync(path.join(root, ROUTES), 'utf8');
    const rounds = LONG ? 12 : 4;
    const notes: string[] = [];
    let extra = 0;
    for (let round = 0; round < rounds; round++) {
      const runs = [...READERS, ...READERS].map((args) => run(root, args));
      const writes = (async () => {
        const done: Done[] = [];
        for (let i = 0; i < 3; i++) {
          const body = `round ${round} note ${i}`;
          const r = await run(root, ['note', 'add', 'src/app.ts:5', '--kind', 'risk', '--body', body]);
          done.push(r);
          if (r.code === 0) notes.push(body);
        }
        return done;
      })();
      // The editor: the routes change while the commands read them.
      const edits = (async () => {
        for (let i = 0; i < 6; i++) {
          extra++;
          fs.writeFileSync(path.join(root, ROUTES), withExtraRoutes(extra % 7)(original));
          await new Promise((r) => setTimeout(r, 40 + 60 * (i % 3)));
        }
      })();
      const [results, written] = await Promise.all([Promise.all(runs), writes, edits]);
      assertQuiet(results);
      assertQuiet(written);
    }
    const kept = new Set(readDive(root).notes.map((n) => n.body));
    for (const body of notes) assert.ok(kept.has(body), `note "${body}" was saved but is gone`);
    assert.equal(notes.length, rounds * 3);
    await answersMatchCleanCopy(root);
    // No temp file of any write stays behind.
    const temps: string[] = [];
    const walkTemps = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walkTemps(path.join(d, e.name));
        else if (e.name.endsWith('.tmp')) temps.push(path.join(d, e.name));
      }
    };
    walkTemps(path.join(root, '.deepdive'));
    assert.deepEqual(temps, []);
  });

  it('caches cut short, filled with garbage, of another generation or swapped between runs: a miss, never a crash or a wrong answer', async () => {
    const root = serviceRepo('deepdive-damaged-');
    for (const args of READERS) assert.equal((await run(root, args)).code, 0);
    const cache = path.join(root, '.deepdive', 'cache');
    const files = ['map/files.bin', 'map/bodies.bin', 'entry/entries.json', 'answers/routes.json', 'answers/flows.json', 'answers/status.json', 'history/state.json', 'coverage/codeLines.json'].filter((f) => fs.existsSync(path.join(cache, f)));
    assert.ok(files.includes('map/bodies.bin') && files.includes('entry/entries.json'), files.join(' '));
    const saved = new Map(files.map((f) => [f, fs.readFileSync(path.join(cache, f))]));
    const damages: [string, (b: Buffer) => Buffer][] = [
      ['cut in half', (b) => b.subarray(0, b.length >> 1)],
      ['cut one byte short', (b) => b.subarray(0, b.length - 1)],
      ['empty', () => Buffer.alloc(0)],
      ['garbage of the same length', (b) => Buffer.alloc(b.length, 0x7b)],
      ['its middle overwritten', (b) => Buffer.concat([b.subarray(0, 16), Buffer.alloc(Math.max(0, b.length - 32), 0x5d), b.subarray(Math.max(16, b.length - 16))])],
    ];
    for (const f of files) {
      for (const [name, damage] of damages) {
        for (const [g, bytes] of saved) fs.writeFileSync(path.join(cache, g), g === f ? damage(bytes) : bytes);
        // Only the map and the routes: every damage of every file, one answer each.
        for (const args of [['routes', '--json'], ['map', '--json']]) {
          const r = await run(root, args);
          const ok = r.code === 0 || (r.code === 1 && /^deepdive \w+: \.deepdive\/cache\/map\/files\.bin: the map cache was damaged .*\n$/.test(r.err));
          assert.ok(ok, `${f} ${name}: deepdive ${args.join(' ')} exited ${r.code}: ${r.err}`);
          if (r.code === 1) assert.equal((await run(root, args)).code, 0, `${f} ${name}: the run after the message fails too`);
        }
      }
    }
    for (const [g, bytes] of saved) fs.writeFileSync(path.join(cache, g), bytes);
    await answersMatchCleanCopy(root);
  });

  it('a planted .deepdive/cache: links out of the repository are neither read nor written, folders and FIFOs stand where files belong, nothing hangs', async () => {
    const root = serviceRepo('deepdive-planted-');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-outside-'));
    const cache = path.join(root, '.deepdive', 'cache');
    // What `start` made is replaced by what the repository ships.
    for (const sub of ['map', 'answers', 'report', 'entry', 'history', 'coverage']) fs.rmSync(path.join(cache, sub), { recursive: true, force: true });
    // Folders that are links out of the repository.
    for (const sub of ['map', 'answers', 'report']) {
      fs.mkdirSync(path.join(outside, sub));
      fs.symlinkSync(path.join(outside, sub), path.join(cache, sub));
    }
    // A file that is a link out (an answer cache that would say anything), a dangling link where
    // a .gitignore is written, a folder where a cache file belongs, a FIFO and a device.
    fs.mkdirSync(path.join(cache, 'entry'));
    fs.symlinkSync(path.join(outside, 'created-by-deepdive'), path.join(cache, 'entry', '.gitignore'));
    fs.mkdirSync(path.join(cache, 'entry', 'entries.json'));
    fs.mkdirSync(path.join(cache, 'history'));
    spawnSync('mkfifo', [path.join(cache, 'history', 'state.json')]);
    fs.mkdirSync(path.join(cache, 'coverage'));
    fs.symlinkSync('/dev/zero', path.join(cache, 'coverage', 'codeLines.json'));
    const before = fs.readdirSync(outside, { recursive: true }).sort();
    const copy = cleanCopy(root);
    for (const args of [...READERS, ['report', '--format', 'html']]) {
      const r = await run(root, args);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
      const fresh = await run(copy, args);
      assert.equal(comparable(r.out, root), comparable(fresh.out, copy), `${args.join(' ')}: the answer differs from a fresh one`);
    }
    const note = await run(root, ['note', 'add', 'src/app.ts:5', '--kind', 'gap', '--body', 'kept']);
    assert.equal(note.code, 0, note.err);
    assert.ok(readDive(root).notes.some((n) => n.body === 'kept'));
    assert.deepEqual(fs.readdirSync(outside, { recursive: true }).sort(), before, 'something was written out of the repository');
  });

  it('a read-only cache folder: every command answers as a fresh run does; a save says it cannot write, in one line, and loses nothing it had', async () => {
    const root = serviceRepo('deepdive-readonly-');
    // Warm caches first, then the folder becomes read-only for the user who runs the commands.
    for (const args of READERS) assert.equal((await run(root, args)).code, 0);
    let wrap: string[] = [];
    let restore = (): void => undefined;
    if (process.getuid?.() === 0) {
      // root writes anywhere: the commands run as nobody, who may read the repository only.
      fs.chmodSync(root, 0o755);
      wrap = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];
      restore = letOthersReach([path.dirname(cliJs), path.join(repoRoot, 'node_modules')]);
    } else {
      for (const d of fs.readdirSync(path.join(root, '.deepdive', 'cache'))) fs.chmodSync(path.join(root, '.deepdive', 'cache', d), 0o555);
      fs.chmodSync(path.join(root, '.deepdive', 'cache'), 0o555);
      fs.chmodSync(path.join(root, '.deepdive'), 0o555);
    }
    // An edit the caches do not know, so that the commands compute and try to write.
    fs.writeFileSync(path.join(root, ROUTES), withExtraRoutes(2)(fs.readFileSync(path.join(root, ROUTES), 'utf8')));
    fs.chmodSync(path.join(root, ROUTES), 0o644);
    const copy = cleanCopy(root);
    fs.chmodSync(copy, 0o755);
    const dive = fs.readFileSync(path.join(root, '.deepdive', 'd.json'));
    let save: Done;
    try {
      for (const args of READERS) {
        const r = await run(root, args, wrap);
        assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
        // The same user on both sides: git answers a user who does not own the repository differently.
        const fresh = await run(copy, args, wrap);
        assert.equal(comparable(r.out, root), comparable(fresh.out, copy), `${args.join(' ')}: the answer differs from a fresh one`);
      }
      save = await run(root, ['note', 'add', 'src/app.ts:5', '--kind', 'gap', '--body', 'not writable'], wrap);
    } finally {
      restore();
    }
    assert.equal(save.code, 1, save.err);
    assert.match(save.err, /^deepdive note: [^\n]*(cannot write|permission denied|EACCES|read-only)[^\n]*\n$/i);
    assert.deepEqual(fs.readFileSync(path.join(root, '.deepdive', 'd.json')), dive);
  });
});
