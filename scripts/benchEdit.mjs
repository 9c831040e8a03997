// After a one-file edit, what does the editor's analysis worker pay to answer again? Drives the
// worker's engine (src/core/analysis/analysisEngine.ts) in plain Node on a copy of a corpus:
// the full map and every answer once (entry points, a flow, the module map's coverage, the
// ranking of unread code), then one file edited on disk (a line added inside its first function
// body, a change that moves no route and no export) and each answer timed again. Target (issue
// 15): map, routes, flows and coverage each updated within 100 ms on the 1M-line corpus.
//   node scripts/benchEdit.mjs [--corpus DIR] [--file REL] [--runs N]
// Default corpus: bench/.corpus/work/million (built by `node scripts/benchCommands.mjs`). Uses
// the tsc build in out/ (`npm run compile-tests`). The corpus is copied; the copy is removed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { corpus: { type: 'string' }, file: { type: 'string' }, runs: { type: 'string' } } });
const corpus = path.resolve(values.corpus ?? path.join(root, 'bench', '.corpus', 'work', 'million'));
const runs = Number(values.runs ?? 3);
const out = path.join(root, 'out', 'src', 'core');
if (!fs.existsSync(path.join(out, 'analysis', 'analysisEngine.js'))) {
  console.error('bench: run `npm run compile-tests` first (the benchmark uses the tsc build in out/)');
  process.exit(1);
}
if (!fs.existsSync(corpus)) {
  console.error(`bench: no corpus at ${corpus} (run \`node scripts/benchCommands.mjs\` to build it)`);
  process.exit(1);
}
const { AnalysisEngine } = require(path.join(out, 'analysis', 'analysisEngine.js'));
const { decodeDive } = require(path.join(out, 'dive', 'decode.js'));

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-bench-edit-'));
fs.cpSync(corpus, work, { recursive: true, filter: (src) => !src.includes(`${path.sep}.deepdive${path.sep}cache`) });
const diveFile = fs.existsSync(path.join(work, '.deepdive')) ? fs.readdirSync(path.join(work, '.deepdive')).find((f) => f.endsWith('.json')) : undefined;
const dive = diveFile ? decodeDive(fs.readFileSync(path.join(work, '.deepdive', diveFile), 'utf8'), diveFile).dive : undefined;

const engine = new AnalysisEngine({ root: work });
const never = new AbortController().signal;
const ask = (op, args) => engine.handle(op, args, () => undefined, never);
async function timed(label, fn) {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = await fn();
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(c);
  return { label, ms, cpuMs: (cpu.user + cpu.system) / 1000, r };
}

/** Every answer the views ask for after a change, each timed. */
async function answers(entry) {
  const rows = [];
  rows.push(await timed('entry points (routes)', () => ask('entries', { overlay: {} })));
  if (entry) rows.push(await timed('a flow (flows)', () => ask('flow', { overlay: {}, entry })));
  if (dive) {
    rows.push(await timed('module map coverage', () => ask('moduleGraph', { overlay: {}, dive })));
    rows.push(await timed('ranked unread code (coverage)', () => ask('rank', { overlay: {}, dive, limit: 20 })));
  }
  return rows;
}

/** The first function body of a mid-sized file that is no entry point: a line added in it. */
function pickFile(map, entryFiles) {
  if (values.file) return values.file;
  const files = map.files.filter((f) => /\.[cm]?[jt]s$/.test(f.path) && !entryFiles.has(f.path) && f.lines > 200 && f.lines < 2000);
  return files[Math.floor(files.length / 2)]?.path ?? map.files[0].path;
}
function editInBody(rel, n) {
  const abs = path.join(work, rel);
  const text = fs.readFileSync(abs, 'utf8');
  const at = text.search(/\)\s*\{\n/);
  const cut = at === -1 ? text.length : text.indexOf('\n', at) + 1;
  fs.writeFileSync(abs, `${text.slice(0, cut)}  void ${n}; // bench edit\n${text.slice(cut)}`);
}

const fmt = (r) => `${r.ms.toFixed(1)} ms (${r.cpuMs.toFixed(1)} CPU)`;
console.error(`machine: ${os.availableParallelism?.() ?? os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at start; corpus ${corpus}`);
const map = await timed('map, cold', () => ask('map', {}));
console.error(`map cold: ${fmt(map)}`);
const first = await answers(undefined);
const all = (await engine.entries({})).entries;
const entry = all[0]?.id;
if (entry) first.push(await timed('a flow (flows)', () => ask('flow', { overlay: {}, entry })));
for (const r of first) console.error(`first ${r.label}: ${fmt(r)}`);
const entryFiles = new Set(all.map((e) => e.file));
const rel = pickFile(engine.map, entryFiles); // the engine's current map (a plain field at run time)
console.error(`edited file: ${rel}; ${all.length} entry points`);
const rows = new Map();
for (let i = 0; i < runs; i++) {
  editInBody(rel, i);
  const u = await timed('map update (one file)', () => ask('update', { paths: [rel] }));
  for (const r of [u, ...(await answers(entry))]) {
    if (!rows.has(r.label)) rows.set(r.label, []);
    rows.get(r.label).push(r);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\n| after a one-file edit (${rel}) | median of ${runs} | CPU | ≤ 100 ms |`);
console.log('| --- | ---: | ---: | --- |');
for (const [label, rs] of rows) {
  const ms = median(rs.map((r) => r.ms));
  console.log(`| ${label} | ${ms.toFixed(1)} ms | ${median(rs.map((r) => r.cpuMs)).toFixed(1)} ms | ${ms <= 100 ? 'met' : '**not met**'} |`);
}
console.log(`\nload average ${os.loadavg()[0].toFixed(1)} at the end`);
engine.dispose();
fs.rmSync(work, { recursive: true, force: true });
