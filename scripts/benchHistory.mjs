// History benchmark: builds a synthetic repository with `git fast-import` (50,000 commits by
// 25 authors over five years, 2,000 TypeScript files in 40 folders), then times
// analyzeHistory() cold (one `git log --numstat` stream), warm (cache hit on HEAD), and
// incremental after 100 more commits. It also times `git blame` on a sample of files and
// compares the cheap ownership model (numstat, deletions shared in proportion) with blame's
// exact line counts, which is why owners come from numstat and blame serves line origins only.
//
//   node scripts/benchHistory.mjs [--commits N] [--blame FILES] [--json] [--keep]     (after `npx tsc -p tsconfig.json`)
//
// The synthetic repository lives in a temp folder and is removed afterwards.
import { spawn, execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function loadCore() {
  const dir = path.join(root, 'out', 'src', 'core', 'history');
  if (!fs.existsSync(path.join(dir, 'index.js'))) throw new Error('compiled core not found in out/: run `npx tsc -p tsconfig.json` first');
  return require(path.join(dir, 'index.js'));
}

const GIT_ENV = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

function git(dir, args) {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, env: GIT_ENV, encoding: 'utf8', maxBuffer: 1 << 30 });
}

/** A small deterministic PRNG, so every run builds the same repository. */
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

/** Generates commits into fast-import's stdin; keeps every file's lines in memory to edit them. */
class Synth {
  constructor({ files = 2000, folders = 40, authors = 25, seed = 7 } = {}) {
    this.rand = rng(seed);
    this.paths = Array.from({ length: files }, (_, i) => `src/m${String(i % folders).padStart(2, '0')}/f${i}.ts`);
    this.content = new Map();
    this.authors = Array.from({ length: authors }, (_, i) => ({ name: `Dev ${i}`, email: `dev${i}@example.com` }));
    this.mark = 0;
    this.n = 0;
  }

  line(tag) {
    return this.rand() < 0.3 ? `  if (x === ${tag}) return ${tag} && y;` : `  const v${tag} = compute(${tag});`;
  }

  edit(file) {
    let lines = this.content.get(file);
    if (!lines) {
      lines = Array.from({ length: 12 + Math.floor(this.rand() * 20) }, () => this.line(this.n));
      this.content.set(file, lines);
      return;
    }
    const changes = 1 + Math.floor(this.rand() * 4);
    for (let i = 0; i < changes; i++) {
      const r = this.rand();
      const at = Math.floor(this.rand() * lines.length);
      if (r < 0.5) lines[at] = this.line(this.n);
      else if (r < 0.85 || lines.length < 8) lines.splice(at, 0, this.line(this.n));
      else lines.splice(at, 1);
    }
  }

  /** fast-import text for `count` commits starting at `time` (epoch seconds), `step` seconds apart. */
  chunk(count, time, step, parent) {
    const parts = [];
    for (let i = 0; i < count; i++) {
      this.n++;
      // A few people do most of the work, as in real teams.
      const a = this.authors[Math.floor(Math.pow(this.rand(), 2) * this.authors.length)];
      const when = Math.floor(time + i * step);
      const msg = `change ${this.n}\n`;
      parts.push(`commit refs/heads/main\nmark :${++this.mark}\nauthor ${a.name} <${a.email}> ${when} +0000\ncommitter ${a.name} <${a.email}> ${when} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}`);
      if (i === 0 && parent) parts.push(`from ${parent}\n`);
      const touched = new Set();
      const k = 1 + Math.floor(this.rand() * 3);
      // Hot files: a skewed pick, so churn concentrates like it does in real code.
      for (let j = 0; j < k; j++) touched.add(this.paths[Math.floor(Math.pow(this.rand(), 1.6) * this.paths.length)]);
      for (const f of touched) {
        this.edit(f);
        const body = `export function f(x: number, y: boolean) {\n${this.content.get(f).join('\n')}\n  return 0;\n}\n`;
        parts.push(`M 100644 inline ${f}\ndata ${Buffer.byteLength(body)}\n${body}`);
      }
      parts.push('\n');
    }
    return parts.join('');
  }
}

function fastImport(dir, produce) {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'core.hooksPath=/dev/null', 'fast-import', '--quiet', '--force'], { cwd: dir, env: GIT_ENV, stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`))));
    (async () => {
      for (const text of produce()) {
        if (!child.stdin.write(text)) await new Promise((r) => child.stdin.once('drain', r));
      }
      child.stdin.end();
    })().catch(reject);
  });
}

function* batches(synth, total, start, step, parent) {
  const size = 500;
  for (let done = 0; done < total; done += size) {
    const n = Math.min(size, total - done);
    yield synth.chunk(n, start + done * step, step, done === 0 ? parent : undefined);
  }
}

const ms = (t0) => Math.round(performance.now() - t0);

/** CPU seconds of this process and its finished children (git), from /proc: wall time on a busy machine says little. */
function cpuSeconds() {
  try {
    const f = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 here, in clock ticks.
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
  } catch {
    return NaN;
  }
}

export async function benchHistory({ commits = 50_000, extra = 100, blameSample = 40, keep = false, log = console.log } = {}) {
  const core = loadCore();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-bench-history-'));
  const cacheDir = path.join(dir, '.deepdive', 'cache', 'history');
  try {
    git(dir, ['init', '-q', '-b', 'main']);
    const synth = new Synth();
    const now = Date.UTC(2025, 0, 1) / 1000;
    const span = 5 * 365 * 86_400;
    const step = span / commits;
    let t0 = performance.now();
    await fastImport(dir, () => batches(synth, commits, now - span, step));
    git(dir, ['reset', '-q', '--hard']);
    const buildMs = ms(t0);
    log(`history bench: synthetic repository, ${commits} commits, ${synth.paths.length} files, ${synth.authors.length} authors, built in ${buildMs} ms (fast-import + checkout); ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);

    // Modules as the map would give them: one per folder.
    const modules = Object.fromEntries(synth.paths.map((p) => [p, path.posix.dirname(p)]));
    const opts = { trusted: true, cacheDir, modules, now: now * 1000 + 86_400_000, files: false };
    t0 = performance.now();
    let c0 = cpuSeconds();
    const cold = await core.analyzeHistory(dir, opts);
    const coldMs = ms(t0);
    const coldCpu = +(cpuSeconds() - c0).toFixed(2);
    log(`  cold: ${coldMs} ms wall, ${coldCpu} s CPU incl. git (${cold.stats.commitsProcessed} commits, ${cold.modules.length} modules, ${cold.hotspots.length} hotspots ranked)`);

    t0 = performance.now();
    const warm = await core.analyzeHistory(dir, opts);
    const warmMs = ms(t0);
    log(`  warm, HEAD unchanged: ${warmMs} ms (${warm.stats.commitsProcessed} commits read)`);

    t0 = performance.now();
    await fastImport(dir, () => batches(synth, extra, now, 60, 'refs/heads/main^0'));
    git(dir, ['reset', '-q', '--hard']);
    const addMs = ms(t0);
    t0 = performance.now();
    c0 = cpuSeconds();
    const inc = await core.analyzeHistory(dir, { ...opts, now: opts.now + 86_400_000 });
    const incMs = ms(t0);
    const incCpu = +(cpuSeconds() - c0).toFixed(2);
    log(`  incremental after ${extra} new commits: ${incMs} ms wall, ${incCpu} s CPU (${inc.stats.commitsProcessed} commits read, ${inc.stats.commitsTotal} in total)`);

    // Cost of the parts, for the record: the raw log stream, and what blame would cost.
    t0 = performance.now();
    git(dir, ['log', '--no-merges', '-z', '--numstat', '-M', '--no-textconv', '--no-ext-diff', '--format=%H', 'HEAD']);
    const rawLogMs = ms(t0);
    const info = await core.repoInfo(dir, true);
    const { state } = await core.updateState(dir, info, {});
    const sample = [...cold.hotspots.map((h) => h.path)].slice(0, blameSample);
    let blameMs = 0;
    let diffSum = 0;
    for (const file of sample) {
      t0 = performance.now();
      const res = await core.runGit(dir, ['blame', '--line-porcelain', '-w', '--no-textconv', 'HEAD', '--', file], { timeoutMs: 60_000 });
      blameMs += performance.now() - t0;
      const counts = new Map();
      for (const l of core.parseLinePorcelain(res.stdout)) counts.set(l.email.toLowerCase(), (counts.get(l.email.toLowerCase()) ?? 0) + 1);
      const total = [...counts.values()].reduce((s, n) => s + n, 0);
      const est = state.files[file]?.authors ?? {};
      const estTotal = Object.values(est).reduce((s, a) => s + a.lines, 0) || 1;
      const keys = new Set([...counts.keys(), ...Object.keys(est)]);
      let diff = 0;
      for (const k of keys) diff += Math.abs((counts.get(k) ?? 0) / total - (est[k]?.lines ?? 0) / estTotal);
      diffSum += diff / 2; // total variation distance between the two ownership splits
    }
    const blamePerFileMs = sample.length ? Math.round(blameMs / sample.length) : 0;
    const modelVsBlame = sample.length ? Math.round((diffSum / sample.length) * 1000) / 1000 : 0;
    log(`  raw git log --numstat: ${rawLogMs} ms; git blame: ${blamePerFileMs} ms per hot file (${sample.length} sampled; all ${synth.paths.length} files would take ~${Math.round((blamePerFileMs * synth.paths.length) / 1000)} s)`);
    log(`  ownership model vs blame: mean total-variation distance ${modelVsBlame} over ${sample.length} hot files (0 = identical split of lines among authors)`);
    return { commits, files: synth.paths.length, cores: os.cpus().length, loadAverage: os.loadavg()[0], buildMs, coldMs, coldCpuS: coldCpu, warmMs, addMs, incrementalMs: incMs, incrementalCpuS: incCpu, incrementalCommits: inc.stats.commitsProcessed, rawLogMs, blamePerFileMs, modelVsBlame };
  } finally {
    if (keep) log(`  kept the repository in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--commits');
  const commits = i >= 0 ? Number(args[i + 1]) : 50_000;
  const json = args.includes('--json');
  const b = args.indexOf('--blame');
  const blameSample = b >= 0 ? Number(args[b + 1]) : 40;
  benchHistory({ commits, blameSample, keep: args.includes('--keep'), log: json ? () => {} : console.log })
    .then((r) => json && console.log(JSON.stringify(r, null, 2)))
    .catch((err) => {
      console.error(`benchHistory: ${err.message}`);
      process.exitCode = 1;
    });
}
