// Part of `npm run bench` (scripts/bench.mjs, --only dive): a large deep dive — 20,000 notes and
// 5,000 read ranges (and 100,000 notes) on 200 files — and the commands a leader runs on it every
// day, each as a whole process: status, note list, report, note add, read, after one `report` that
// warms the repository's caches. Figures, not pass/fail; the budget (issue 14) is 1 s each at
// 20,000 notes and 5 s at 100,000.
//
//   node scripts/benchDive.mjs [--notes 20000,100000] [--commands status,note-list,report,note-add,read] [--keep]
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { values } = parseArgs({ options: { notes: { type: 'string' }, commands: { type: 'string' }, keep: { type: 'boolean' } } });
const SIZES = (values.notes ?? '20000,100000').split(',').map(Number);
const COMMANDS = (values.commands ?? 'status,note-list,report,note-add,read').split(',');
const cli = path.join(root, 'dist', 'cli.js');
const FILES = 200;
const LINES = 300;

function repo(notes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `deepdive-bench-dive-${notes}-`));
  fs.mkdirSync(path.join(dir, 'src'));
  for (let f = 0; f < FILES; f++) {
    const body = Array.from({ length: LINES }, (_, i) => (i % 10 === 0 ? `export function f${f}_${i}(a) {` : i % 10 === 9 ? '}' : `  const v${i} = a + ${i}; // ${f}`)).join('\n');
    fs.writeFileSync(path.join(dir, 'src', `m${f}.js`), body + '\n');
  }
  const git = (...a) => execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...a], { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x' } });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'init');
  const kinds = ['decision', 'gap', 'risk', 'question', 'insight'];
  const dive = {
    schema: 'deepdive/1',
    id: 'big',
    title: 'Big',
    created: '2026-01-01T00:00:00.000Z',
    scope: { include: ['**'], exclude: [] },
    questions: [],
    flows: [],
    notes: [],
    reading: {},
  };
  for (let n = 0; n < notes; n++) {
    const f = n % FILES;
    const line = 1 + ((n * 7) % (LINES - 1));
    const text = line % 10 === 1 ? `export function f${f}_${line - 1}(a) {` : line % 10 === 0 ? '}' : `  const v${line - 1} = a + ${line - 1}; // ${f}`;
    dive.notes.push({ id: `n-${n.toString(36).padStart(6, '0')}`, kind: kinds[n % 5], status: 'open', body: `note ${n} about the code here`, target: { type: 'code', anchor: { path: `src/m${f}.js`, range: { start: line, end: line }, text } }, created: '2026-01-02T00:00:00.000Z' });
  }
  // 5,000 read ranges: 25 per file.
  for (let f = 0; f < FILES; f++) {
    const ranges = [];
    for (let r = 0; r < 25; r++) ranges.push([1 + r * 12, 1 + r * 12 + 5]);
    dive.reading[`src/m${f}.js`] = { ranges, seconds: 60 };
  }
  fs.mkdirSync(path.join(dir, '.deepdive'));
  fs.writeFileSync(path.join(dir, '.deepdive', 'big.json'), JSON.stringify(dive, null, 2) + '\n');
  return dir;
}

const ARGS = {
  status: ['status'],
  'note-list': ['note', 'list'],
  report: ['report', '--format', 'md'],
  'note-add': ['note', 'add', 'src/m1.js:5', '--kind', 'risk', '--body', 'one more'],
  read: ['read', 'src/m2.js:1-50'],
};

console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg()[0].toFixed(1)} at the start`);
console.log('wall time of each whole process (CPU time, user + system, in brackets: the steadier figure on a shared machine), peak resident memory');
console.log('');
console.log(`| notes | ${COMMANDS.join(' | ')} |`);
console.log(`| ---: | ${COMMANDS.map(() => '---:').join(' | ')} |`);
for (const notes of SIZES) {
  const dir = repo(notes);
  // Warm the repository's caches once (map, code lines per file, entry points), as a leader's
  // second command of the day finds them: the figures are then the dive's own cost, not the
  // repository's first parse (that is the commands benchmark's cold column).
  spawnSync(process.execPath, [cli, 'report', '--format', 'md', '--root', dir], { stdio: 'ignore' });
  const cells = [];
  for (const c of COMMANDS) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, cli, ...ARGS[c], '--root', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const [user, sys, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
    cells.push(r.status === 0 ? `${s.toFixed(2)} s (${(user + sys).toFixed(2)} s), ${Math.round(kb / 1024)} MB` : `exit ${r.status}: ${r.stderr.split('\n')[0]}`);
  }
  console.log(`| ${notes.toLocaleString('en-US')} | ${cells.join(' | ')} |`);
  if (values.keep) console.log(`(kept ${dir})`);
  else fs.rmSync(dir, { recursive: true, force: true });
}
