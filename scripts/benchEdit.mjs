// After a one-file edit, what does the editor's analysis worker pay to answer again? Drives the
// worker's engine (src/core/analysis/analysisEngine.ts) in plain Node on a copy of a corpus:
// the full map and every answer once (entry points, a flow, the module map's coverage, the
// ranking of unread code), then one file edited and each answer timed again. The edits: a line
// added inside the first function body of a JS/TS file and saved (a change that moves no route
// and no export); the same in a Go, Python, Java and Kotlin file (the route fixtures of
// test/fixtures/routes/ are copied into the corpus under bench-mixed/, since the 1M corpus is all
// JS/TS); and text typed into an unsaved buffer (the editor's overlay), within a line and as a new
// line. Target (issue 15): map, routes, flows and coverage each updated within 100 ms on the
// 1M-line corpus.
//   node scripts/benchEdit.mjs [--corpus DIR] [--file REL] [--runs N] [--only js,go,python,java,kotlin,buffer]
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
const { values } = parseArgs({ options: { corpus: { type: 'string' }, file: { type: 'string' }, runs: { type: 'string' }, only: { type: 'string' } } });
const scenarios = new Set((values.only ?? 'js,go,python,java,kotlin,buffer').split(','));
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
// Files of the other languages, each edited in its own scenario (a line added in a function body).
const fixtures = path.join(root, 'test', 'fixtures', 'routes');
const MIXED = {
  go: { fixture: 'go-gin', file: 'main.go', at: '\treturn func(ctx *gin.Context) {\n', line: (n) => `\t\t// bench edit ${n}\n` },
  python: { fixture: 'flask', file: 'app/api/notes.py', at: '    note = Note.query.get_or_404(note_id)\n', line: (n) => `    _bench = ${n}\n` },
  java: { fixture: 'spring-security-chains', file: 'src/main/java/com/example/web/ThingController.java', at: /\n\}\s*$/, line: (n) => `\n  // bench edit ${n}` },
  kotlin: { fixture: 'spring-kotlin', file: 'src/main/kotlin/com/example/api/BookController.kt', at: '    return bookService.save(book)\n', line: (n) => `    // bench edit ${n}\n` },
};
for (const [lang, m] of Object.entries(MIXED)) if (scenarios.has(lang)) fs.cpSync(path.join(fixtures, m.fixture), path.join(work, 'bench-mixed', m.fixture), { recursive: true });
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

/** Every answer the views ask for after a change, each timed (`overlay`: the editor's unsaved buffers). */
async function answers(entry, overlay = {}) {
  const rows = [];
  rows.push(await timed('entry points (routes)', () => ask('entries', { overlay })));
  if (entry) rows.push(await timed('a flow (flows)', () => ask('flow', { overlay, entry })));
  if (dive) {
    rows.push(await timed('module map coverage', () => ask('moduleGraph', { overlay, dive })));
    rows.push(await timed('ranked unread code (coverage)', () => ask('rank', { overlay, dive, limit: 20 })));
  }
  return rows;
}

/** The first function body of a mid-sized file that is no entry point: a line added in it. */
function pickFile(map, entryFiles) {
  if (values.file) return values.file;
  const files = map.files.filter((f) => /\.[cm]?[jt]s$/.test(f.path) && !f.path.startsWith('bench-mixed/') && !entryFiles.has(f.path) && f.lines > 200 && f.lines < 2000);
  return files[Math.floor(files.length / 2)]?.path ?? map.files[0].path;
}
/** The file's text with a line added inside its first function body. */
function inBody(text, n) {
  const at = text.search(/\)\s*\{\n/);
  const cut = at === -1 ? text.length : text.indexOf('\n', at) + 1;
  return `${text.slice(0, cut)}  void ${n}; // bench edit\n${text.slice(cut)}`;
}
function editInBody(rel, n) {
  const abs = path.join(work, rel);
  fs.writeFileSync(abs, inBody(fs.readFileSync(abs, 'utf8'), n));
}
function editMixed(m, n) {
  const abs = path.join(work, 'bench-mixed', m.fixture, m.file);
  const text = fs.readFileSync(abs, 'utf8');
  const i = typeof m.at === 'string' ? text.indexOf(m.at) + m.at.length : text.search(m.at);
  if (i < (typeof m.at === 'string' ? m.at.length : 0)) throw new Error(`bench: no place to edit in ${m.file}`);
  fs.writeFileSync(abs, `${text.slice(0, i)}${m.line(n)}${text.slice(i)}`);
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
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Runs one kind of edit `runs` times and prints a table of the medians. */
async function scenario(title, edit) {
  const rows = new Map();
  for (let i = 0; i < runs; i++) {
    for (const r of await edit(i)) {
      if (!rows.has(r.label)) rows.set(r.label, []);
      rows.get(r.label).push(r);
    }
  }
  console.log(`\n| ${title} | median of ${runs} | CPU | ≤ 100 ms |`);
  console.log('| --- | ---: | ---: | --- |');
  for (const [label, rs] of rows) {
    const ms = median(rs.map((r) => r.ms));
    console.log(`| ${label} | ${ms.toFixed(1)} ms | ${median(rs.map((r) => r.cpuMs)).toFixed(1)} ms | ${ms <= 100 ? 'met' : '**not met**'} |`);
  }
}
/** A saved edit: the map updated for the file, then every answer. */
const saved = (file, write) => async (i) => {
  write(i);
  const u = await timed('map update (one file)', () => ask('update', { paths: [file] }));
  return [u, ...(await answers(entry))];
};
if (scenarios.has('js')) await scenario(`after a one-file edit (${rel})`, saved(rel, (i) => editInBody(rel, i)));
for (const [lang, m] of Object.entries(MIXED)) {
  if (!scenarios.has(lang)) continue;
  const file = `bench-mixed/${m.fixture}/${m.file}`;
  await scenario(`after a one-file edit of ${lang} (${file})`, saved(file, (i) => editMixed(m, i)));
}
if (scenarios.has('buffer')) {
  // The editor sends its unsaved buffers with each request; the map stays the disk's.
  const text = fs.readFileSync(path.join(work, rel), 'utf8');
  // Within a line: a comment typed after the first body's `{` (the characters after it move, no line does).
  const typed = (i) => text.replace(/\)\s*\{\n/, (m) => m.replace('{', `{ /* ${'x'.repeat(i + 1)} */`));
  await scenario(`typed within a line of an unsaved buffer (${rel})`, (i) => answers(entry, { [rel]: typed(i) }));
  // New lines: one more each time, in the first body (every line below moves).
  const lines = (i) => text.replace(/\)\s*\{\n/, (m) => `${m}${'  void 0; // bench edit\n'.repeat(i + 1)}`);
  await scenario(`a line added in an unsaved buffer (${rel})`, (i) => answers(entry, { [rel]: lines(i) }));
  await answers(entry); // the buffer saved as it was on disk: back to the map's answer
}
console.log(`\nload average ${os.loadavg()[0].toFixed(1)} at the end`);
engine.dispose();
fs.rmSync(work, { recursive: true, force: true });
