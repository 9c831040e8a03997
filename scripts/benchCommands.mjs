// Part of `npm run bench` (scripts/bench.mjs): every CLI command a user runs, cold and warm, as a
// whole process (start to exit, peak memory), beside universal-ctags, dependency-cruiser and
// `git log --numstat` on the same files, for a real service and for the 1M-line corpus. One
// table, one run: the ratios only mean something when every figure shares the machine's load.
//
//   node scripts/benchCommands.mjs [--corpus service,million,go] [--commands map,routes,...] [--timeout SECONDS]
//
// `go` (not in the default run) is a Go service, the evaluation's vikunja: fetched from git, so not from the registries.
//
// Each corpus is copied to bench/.corpus/work/<name>/ (git-ignored) and given a git history (an
// import commit, then synthetic commits by a dozen authors over two years, each appending a line
// to a few files) and a small deep dive (5 files read, 5 notes), so that history, status and the
// report have real work to do. "cold" runs with .deepdive/cache removed; "warm" runs right after.
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { corpusDir, fetchGoService, fetchMillion, fetchService, GO_SERVICE, PACKAGES, root, SERVICE } from './lib/benchCorpus.mjs';

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { corpus: { type: 'string' }, commands: { type: 'string' }, timeout: { type: 'string' } } });
const CORPORA = (values.corpus ?? 'service,million').split(',');
const COMMANDS = (values.commands ?? 'map,routes,flows,history,status,report').split(',');
const TIMEOUT_MS = Number(values.timeout ?? 900) * 1000;
const cli = path.join(root, 'dist', 'cli.js');
const GIT_ENV = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const STAMP = 'bench-workspace-v1';

if (!fs.existsSync(cli) || !fs.existsSync(path.join(root, 'out', 'src', 'core', 'walk', 'walker.js'))) {
  console.error('bench: build first (`npx tsc -p tsconfig.json && node scripts/build.mjs`; npm run bench does both)');
  process.exit(1);
}
const { walk } = require(path.join(root, 'out', 'src', 'core', 'walk', 'walker.js'));

function git(dir, args, input) {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 30, input });
}

/** A small deterministic PRNG, so every run builds the same history. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The files the map parses, root-relative: every tool is given exactly this list. */
function mappedFiles(dir) {
  return walk({ root: dir }).files.map((f) => f.path);
}

/** Copy, git history, deep dive: rebuilt only when the source or this recipe changes. */
function prepare(name, src, commits) {
  const work = path.join(corpusDir, 'work', name);
  const stampFile = path.join(work, '.git', 'deepdive-bench');
  const stamp = `${STAMP} ${src} ${commits}`;
  // The dive file too: a job that removed the corpus's .deepdive left status and report with no dive to read.
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp && fs.existsSync(path.join(work, '.deepdive', 'bench.json'))) return work;
  console.error(`preparing ${work} …`);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(work), { recursive: true });
  fs.cpSync(src, work, { recursive: true, verbatimSymlinks: true, filter: (p) => !p.includes(`${path.sep}.deepdive`) && !p.endsWith('.deepdive-eval-pin.json') });
  git(work, ['init', '-q', '-b', 'main']);
  git(work, ['add', '-A']);
  const t0 = Date.UTC(2024, 0, 1) / 1000;
  git(work, ['-c', 'user.name=Importer', '-c', 'user.email=import@example.com', 'commit', '-q', '--date', `${t0} +0000`, '-m', 'import'], undefined);
  // Synthetic commits on top through fast-import: each appends a line to one to three files.
  const files = mappedFiles(work);
  const rand = rng(11);
  const authors = Array.from({ length: 12 }, (_, i) => `Dev ${i} <dev${i}@example.com>`);
  const content = new Map();
  let stream = '';
  for (let i = 0; i < commits; i++) {
    const when = t0 + Math.floor(((i + 1) / commits) * 730 * 86400);
    const author = authors[Math.floor(rand() ** 2 * authors.length)];
    const msg = `change ${i}`;
    stream += `commit refs/heads/main\nauthor ${author} ${when} +0000\ncommitter ${author} ${when} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}\n`;
    if (i === 0) stream += 'from refs/heads/main^0\n';
    const n = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < n; k++) {
      const f = files[Math.floor(rand() * files.length)];
      const text = (content.get(f) ?? fs.readFileSync(path.join(work, f), 'utf8')) + `${f.endsWith('.py') ? '#' : '//'} bench change ${i}\n`;
      content.set(f, text);
      stream += `M 100644 inline ${f}\ndata ${Buffer.byteLength(text)}\n${text}\n`;
    }
  }
  execFileSync('git', ['fast-import', '--quiet', '--force'], { cwd: work, env: GIT_ENV, input: stream, maxBuffer: 1 << 30 });
  git(work, ['reset', '-q', '--hard', 'main']);
  // A small deep dive: 5 files read, 5 notes, spread over the mapped files.
  const dd = (...args) => execFileSync(process.execPath, [cli, ...args, '--root', work], { encoding: 'utf8', maxBuffer: 1 << 28 });
  dd('start', '--title', 'Bench dive', '--template', 'http', '--id', 'bench');
  const picks = [1, 2, 3, 4, 5].map((k) => files[Math.floor((k * files.length) / 6)]);
  dd('read', ...picks);
  for (const [i, f] of picks.entries()) dd('note', 'add', `${f}:1`, '--kind', i % 2 ? 'risk' : 'question', '--body', `bench note ${i}`);
  fs.writeFileSync(stampFile, stamp);
  return work;
}

/** Wall time, CPU time and peak memory of one process, through GNU time. */
function time(cmd, args, cwd) {
  const devnull = fs.openSync('/dev/null', 'w');
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'DDTIME %U %S %M', cmd, ...args], { cwd, env: GIT_ENV, stdio: ['ignore', devnull, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28, timeout: TIMEOUT_MS });
  const ms = performance.now() - t;
  fs.closeSync(devnull);
  const m = /DDTIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  const failed = r.error ? (r.error.code === 'ETIMEDOUT' ? `timeout ${TIMEOUT_MS / 1000} s` : r.error.message) : r.status !== 0 ? `exit ${r.status}: ${(r.stderr ?? '').split('\n').find((l) => l.trim() && !l.startsWith('DDTIME')) ?? ''}` : undefined;
  return { ms, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : undefined, peakMb: m ? Math.round(Number(m[3]) / 1024) : undefined, failed };
}

const ARGS = {
  map: ['map'],
  routes: ['routes'],
  flows: ['flows'],
  history: ['history'],
  status: ['status'],
  report: ['report', '--format', 'html', '--out', '@OUT'],
};

function measure(name, work) {
  const files = mappedFiles(work);
  const listFile = path.join(work, '.git', 'bench-files.txt');
  fs.writeFileSync(listFile, files.join('\n') + '\n');
  const lines = files.reduce((n, f) => n + fs.readFileSync(path.join(work, f), 'utf8').split('\n').length - 1, 0);
  const rows = new Map();
  const dd = (cmd) => time(process.execPath, [cli, ...ARGS[cmd].map((a) => (a === '@OUT' ? path.join(work, '.git', 'bench-report.html') : a)), '--root', work], work);
  for (const cmd of COMMANDS) {
    fs.rmSync(path.join(work, '.deepdive', 'cache'), { recursive: true, force: true });
    const cold = dd(cmd);
    const warm = cold.failed ? undefined : dd(cmd);
    rows.set(cmd, { cold, warm });
    console.error(`${name} ${cmd}: cold ${fmt(cold)}, warm ${warm ? fmt(warm) : '-'}`);
  }
  const ctags = time('ctags', ['-f', path.join(work, '.git', 'bench-tags'), '-L', listFile, '--fields=+n'], work);
  console.error(`${name} ctags: ${fmt(ctags)}`);
  const bin = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  // Same files, no rules, JSON out: the cheapest dependency-cruiser run there is.
  const cruise = time(process.execPath, [bin, '--no-config', '--output-type', 'json', '--output-to', path.join(work, '.git', 'bench-cruise.json'), ...files], work);
  console.error(`${name} dependency-cruiser: ${fmt(cruise)}`);
  const gitLog = time('git', ['-c', 'core.hooksPath=/dev/null', 'log', '--numstat', '--no-renames', '--format=%H%x00%an%x00%ae%x00%at'], work);
  console.error(`${name} git log --numstat: ${fmt(gitLog)}`);
  return { files: files.length, lines, rows, ctags, cruise, gitLog };
}

function fmt(r) {
  if (!r) return '-';
  if (r.failed) return r.failed;
  return `${(r.ms / 1000).toFixed(2)} s${r.cpuMs !== undefined ? ` (${(r.cpuMs / 1000).toFixed(2)} CPU)` : ''}`;
}
const mb = (r) => (r?.peakMb !== undefined && !r.failed ? `${r.peakMb} MB` : '-');
// Wall against wall, and CPU against CPU: on a shared machine CPU time is the steadier figure.
const ratio = (r, base) => (r && !r.failed && base && !base.failed ? `${(r.ms / base.ms).toFixed(2)}x${r.cpuMs && base.cpuMs ? ` (${(r.cpuMs / base.cpuMs).toFixed(2)}x CPU)` : ''}` : '-');

const load0 = os.loadavg();
const results = [];
for (const c of CORPORA) {
  if (c === 'service') results.push({ title: `${SERVICE} (npm tarball)`, ...measure('service', prepare('service', fetchService(), 500)) });
  else if (c === 'million') results.push({ title: `1M-line corpus (${PACKAGES.length} npm packages)`, ...measure('million', prepare('million', fetchMillion(), 500)) });
  else if (c === 'go') results.push({ title: `${GO_SERVICE.name}@${GO_SERVICE.commit.slice(0, 8)} (Go, git)`, ...measure('go', prepare('go', fetchGoService(), 500)) });
  else throw new Error(`unknown corpus ${c} (service, million, go)`);
}

const head = ['command'];
const sep = ['---'];
for (const r of results) {
  head.push(`${r.title}: cold`, 'warm', 'peak (warm)', 'warm ÷ ctags');
  sep.push('---:', '---:', '---:', '---:');
}
const out = [`| ${head.join(' | ')} |`, `| ${sep.join(' | ')} |`];
for (const cmd of COMMANDS) {
  const cells = [`\`deepdive ${ARGS[cmd].filter((a) => a !== '--out' && a !== '@OUT').join(' ')}\``];
  for (const r of results) {
    const { cold, warm } = r.rows.get(cmd);
    cells.push(`${fmt(cold)}, ${mb(cold)}`, fmt(warm), mb(warm), ratio(warm, r.ctags));
  }
  out.push(`| ${cells.join(' | ')} |`);
}
for (const [label, key] of [['universal-ctags (same files)', 'ctags'], ['dependency-cruiser 17.4 (same files, no rules)', 'cruise'], ['`git log --numstat` (the history floor)', 'gitLog']]) {
  const cells = [label];
  for (const r of results) cells.push(`${fmt(r[key])}, ${mb(r[key])}`, '', '', ratio(r[key], r.ctags));
  out.push(`| ${cells.join(' | ')} |`);
}
console.log(out.join('\n'));
console.log('');
for (const r of results) {
  const map = r.rows.get('map');
  const extra = map && !map.cold.failed && !r.cruise.failed ? `; dependency-cruiser ÷ deepdive map (cold): ${(r.cruise.ms / map.cold.ms).toFixed(2)}x` : '';
  console.log(`- ${r.title}: ${r.files.toLocaleString('en-US')} files, ${r.lines.toLocaleString('en-US')} lines mapped; git history of 501 commits; a dive with 5 files read and 5 notes${extra}.`);
}
console.log(`- machine: ${os.availableParallelism?.() ?? os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; load average ${load0[0].toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end.`);
console.log('- wall time of each whole process, start to exit, with its CPU time (user + system) in brackets; peak = maximum resident set (GNU time). cold = no .deepdive/cache; warm = the same command again.');
console.log('- command: `npm run bench -- --only commands`');
