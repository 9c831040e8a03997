// Shared by the reliability trials: temp repositories with real git, the real CLI bundle, writer
// processes, and the checks every trial ends with (nothing lost, nothing stray in git status).
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const cliJs = path.join(repoRoot, 'dist', 'cli.js');
export const workerJs = path.join(__dirname, 'worker.js');
/** `npm run reliability` sets this: the same trials, longer. */
export const LONG = process.env.DEEPDIVE_RELIABILITY_LONG === '1';

/** git with no user config, no hooks, a fixed identity. */
export function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** A git repository with a 40-line src/a.js, committed, and a deep dive "d" started by the CLI. */
export function diveRepo(prefix = 'deepdive-rel-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.mkdirSync(path.join(root, 'src'));
  fs.writeFileSync(path.join(root, 'src', 'a.js'), Array.from({ length: 40 }, (_, i) => `export const v${i} = ${i};`).join('\n') + '\n');
  git(root, 'init', '-q');
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'init');
  const r = cli(root, ['start', '--title', 'Reliability', '--id', 'd']);
  assert.equal(r.code, 0, r.err);
  git(root, 'add', '.');
  git(root, 'commit', '-q', '-m', 'dive');
  return root;
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** The real CLI bundle in its own process. */
export function cli(root: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [cliJs, ...args, '--root', root], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

export interface Writer {
  acks: string[];
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>;
  kill(): void;
  pid: number;
}

/** A worker process (see worker.ts); `acks` fills as it reports saved changes. */
export function writer(root: string, args: string[]): Writer {
  const child = spawn(process.execPath, [workerJs, root, 'd', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const acks: string[] = [];
  let buf = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    buf += s;
    const lines = buf.split('\n');
    buf = lines.pop()!;
    acks.push(...lines);
  });
  child.stderr.on('data', (s) => (err += s));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, err })),
  );
  return { acks, done, kill: () => child.kill('SIGKILL'), pid: child.pid! };
}

export function readDive(root: string): { notes: { id: string; body: string }[]; reading: Record<string, { ranges: [number, number][] }> } {
  return JSON.parse(fs.readFileSync(path.join(root, '.deepdive', 'd.json'), 'utf8'));
}

/** Every acknowledged note and read line is in the dive on disk. Returns the counts. */
export function assertKept(root: string, acks: string[]): { notes: number; reads: number } {
  const dive = readDive(root);
  const ids = new Set(dive.notes.map((n) => n.id));
  let notes = 0;
  let reads = 0;
  for (const a of acks) {
    const [what, value] = a.split(' ');
    if (what === 'ok') {
      assert.ok(ids.has(value), `note ${value} was acknowledged but is not in the dive`);
      notes++;
    } else if (what === 'read') {
      const [file, line] = value.split(':');
      const ranges = dive.reading[file]?.ranges ?? [];
      assert.ok(ranges.some(([s, e]) => s <= Number(line) && Number(line) <= e), `read ${value} was acknowledged but is not in the reading record`);
      reads++;
    }
  }
  return { notes, reads };
}

/** `git status` shows nothing new besides what the trial meant to change. */
export function assertNoStrays(root: string, allowed: RegExp = /^ M \.deepdive\/d\.json$/): void {
  const lines = git(root, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean);
  const strays = lines.filter((l) => !allowed.test(l));
  assert.deepEqual(strays, [], 'git status shows files a save left behind');
}
