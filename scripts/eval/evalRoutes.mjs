// Scores route detection on the real services of test/eval/ against their hand-written labels.
// Runs the product as a user would: `deepdive routes --json` and `deepdive flows --json` as
// processes on each fetched service. Prints per service and in total: recall, precision, full
// path right, guard state right, protected routes called unguarded, share unknown, first hop right.
// Details (misses, extras, wrong paths and states) go to test/eval/.results/<name>.json.
//
// usage: npm run eval:routes [-- NAME...] [--fetch] [--cli PATH] [--markdown]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkoutDir, fetchService, loadServices } from './fetchServices.mjs';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args.splice(i, 2)[1];
};
const cli = path.resolve(opt('--cli') ?? path.join(repoRoot, 'dist', 'cli.js'));
const markdown = args.includes('--markdown');
const doFetch = args.includes('--fetch');
const names = args.filter((a) => !a.startsWith('--'));
const resultsDir = path.join(repoRoot, 'test', 'eval', '.results');
fs.mkdirSync(resultsDir, { recursive: true });
if (!fs.existsSync(cli)) {
  console.error(`no ${path.relative(repoRoot, cli)}: run npm run build first`);
  process.exit(2);
}

/** Labels: tab-separated rows, `#` comments (see test/eval/README.md). */
export function readLabels(file) {
  const rows = [];
  for (const [i, raw] of fs.readFileSync(file, 'utf8').split('\n').entries()) {
    if (!raw.trim() || raw.startsWith('#')) continue;
    const cols = raw.split('\t');
    if (cols.length < 6) throw new Error(`${path.relative(repoRoot, file)}:${i + 1}: expected 7 tab-separated columns, got ${cols.length}`);
    const [method, p, handler, place, state, evidence, firstHop = '-'] = cols.map((c) => c.trim());
    const at = place.lastIndexOf(':');
    rows.push({ method: method.toUpperCase(), path: p, handler, file: place.slice(0, at), line: Number(place.slice(at + 1)), state, evidence, firstHop, row: i + 1 });
  }
  return rows;
}

/** Paths compared as a reader would: parameter names and spellings, trailing slashes and wildcard forms do not matter. */
export function normPath(p) {
  let s = p.trim();
  s = s.replace(/\{([A-Za-z_][\w]*)(?::[^}]*)?\}/g, ':$1').replace(/<(?:[\w]+:)?(\w+)>/g, ':$1');
  s = s.replace(/\/\{?\*\w*\}?$/, '/*').replace(/\/:\w+\*$/, '/*').replace(/\(\.\*\)$/, '*');
  s = s.replace(/:[A-Za-z_$][\w$]*(\([^)]*\))?\??/g, ':');
  s = s.replace(/\/+/g, '/');
  if (!s.startsWith('/')) s = '/' + s;
  if (s.length > 1) s = s.replace(/\/$/, '');
  return s;
}

function inScope(file, labelledFiles) {
  if (!labelledFiles) return true;
  return labelledFiles.some((p) => file === p || file.startsWith(p.endsWith('/') ? p : p + '/') || (p.endsWith('/') && file.startsWith(p)));
}

const STATE = { protected: 'guarded', open: 'unguarded', optional: 'optional' };

function run(cmd, root) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, cmd, '--root', root, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`deepdive ${cmd} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' / ')}`);
  return { json: JSON.parse(r.stdout), ms };
}

/**
 * The name a call step's callee is written with at the call site (`documentLoader` for
 * `import documentLoader from './documentLoader'` whose function is declared `loadDocument`):
 * labels name what the handler calls, the step's symbol is the declaration's own name.
 */
function calledAs(step) {
  const m = /^(?:new\s+)?(?:[\w$]+\.)*([\w$]+)$/.exec(step.callee ?? '');
  return m ? m[1] : undefined;
}

function score(svc, labels, entries, flows) {
  const found = entries.filter((e) => e.kind === 'http' && inScope(e.file, svc.labelledFiles));
  const pathKey = (e) => (e.dynamic && !/\{/.test(e.path.replace(/\{[A-Za-z_]\w*\}/g, '')) ? normPath(e.path) : e.dynamic ? `re:${e.dynamic.expression}` : normPath(e.path));
  const labelKey = (l) => (l.path.startsWith('re:') ? l.path : normPath(l.path));
  const used = new Set();
  const matches = new Map();
  const passes = [
    (l, e) => e.file === l.file && e.line === l.line && e.method === l.method && pathKey(e) === labelKey(l),
    (l, e) => e.file === l.file && e.method === l.method && pathKey(e) === labelKey(l) && Math.abs(e.line - l.line) <= 15,
    (l, e) => e.method === l.method && pathKey(e) === labelKey(l) && !labels.some((o) => o !== l && o.method === l.method && labelKey(o) === labelKey(l)),
    (l, e) => e.file === l.file && e.line === l.line && e.method === l.method,
    (l, e) => e.file === l.file && e.line === l.line && (e.method === 'ANY' || l.method === 'ANY'),
  ];
  for (const pass of passes) {
    for (const l of labels) {
      if (matches.has(l)) continue;
      const i = found.findIndex((e, j) => !used.has(j) && pass(l, e));
      if (i >= 0) {
        used.add(i);
        matches.set(l, found[i]);
      }
    }
  }
  // Two routes may share an id (Spring `params=` variants of one GET path, each its own handler):
  // a route's flow is the one whose title names its handler, not whichever came last.
  const flowsOf = new Map();
  for (const f of flows) flowsOf.set(f.entry, [...(flowsOf.get(f.entry) ?? []), f]);
  // The handler step (depth 0) sits where the route's handler is: that tells apart two inline
  // handlers of one id in different files, which have the same title.
  const at = (f, h) => h && f.steps.some((s) => s.depth === 0 && s.file === h.file && s.range?.start === h.range?.start);
  const flowOf = (e) => {
    const fs = flowsOf.get(e.id) ?? [];
    return fs.find((f) => at(f, e.handlerLocation)) ?? fs.find((f) => f.title === `${e.id} → ${e.handler}`) ?? fs[0];
  };
  const m = [...matches];
  const pathRight = m.filter(([l, e]) => pathKey(e) === labelKey(l));
  const stateRight = m.filter(([l, e]) => STATE[l.state] === e.guardState);
  const protectedUnguarded = m.filter(([l, e]) => l.state === 'protected' && e.guardState === 'unguarded');
  const unknown = found.filter((e) => e.guardState === 'unknown');
  const hopLabelled = m.filter(([l]) => l.firstHop !== '-' && l.firstHop !== 'none');
  const hopWrong = [];
  for (const [l, e] of hopLabelled) {
    const steps = (flowOf(e)?.steps ?? []).filter((s) => s.depth === 1);
    const want = l.firstHop.split('|').map((s) => s.trim());
    const ok = want.includes('store') ? steps.some((s) => s.kind === 'store') || steps.some((s) => s.kind === 'call' && want.some((w) => s.symbol === w || s.symbol.endsWith('.' + w))) : steps.some((s) => s.kind === 'call' && want.some((w) => s.symbol === w || s.symbol.endsWith('.' + w) || s.symbol.split('.').pop() === w.split('.').pop() || calledAs(s) === w.split('.').pop()));
    if (!ok) hopWrong.push({ route: `${l.method} ${l.path}`, want: l.firstHop, got: steps.map((s) => (s.kind === 'call' ? s.symbol : `${s.kind}:${s.callee}`)).slice(0, 6) });
  }
  const pct = (a, b) => (b ? (100 * a) / b : NaN);
  return {
    service: svc.name,
    labelled: labels.length,
    found: found.length,
    matched: m.length,
    recall: pct(m.length, labels.length),
    precision: pct(m.length, found.length),
    pathRight: pct(pathRight.length, m.length),
    stateRight: pct(stateRight.length, m.length),
    protectedUnguarded: protectedUnguarded.length,
    unknownShare: pct(unknown.length, found.length),
    hopRight: pct(hopLabelled.length - hopWrong.length, hopLabelled.length),
    hopLabelled: hopLabelled.length,
    counts: { pathRight: pathRight.length, stateRight: stateRight.length, unknown: unknown.length, hopRight: hopLabelled.length - hopWrong.length },
    details: {
      missed: labels.filter((l) => !matches.has(l)).map((l) => `${l.method} ${l.path}  ${l.file}:${l.line}`),
      extra: found.filter((_, j) => !used.has(j)).map((e) => `${e.id}  ${e.file}:${e.line}`),
      wrongPath: m.filter(([l, e]) => pathKey(e) !== labelKey(l)).map(([l, e]) => `${l.method} ${l.path}  got ${e.path}${e.dynamic ? ` (dynamic ${e.dynamic.expression})` : ''}  ${l.file}:${l.line}`),
      wrongState: m.filter(([l, e]) => STATE[l.state] !== e.guardState).map(([l, e]) => `${l.method} ${l.path}  label ${l.state}, got ${e.guardState}: ${e.guardReason ?? ''}  ${l.file}:${l.line}`),
      protectedUnguarded: protectedUnguarded.map(([l, e]) => `${l.method} ${l.path}  ${e.file}:${e.line}: ${e.guardReason ?? ''}`),
      hopWrong,
    },
  };
}

const f1 = (n) => (Number.isNaN(n) ? '—' : `${n.toFixed(n >= 99.95 || n === 0 ? 0 : 1)}%`);
const results = [];
for (const svc of loadServices(names)) {
  let dir = path.join(checkoutDir, svc.name);
  if (doFetch) {
    const r = fetchService(svc);
    if (r.skipped) {
      console.error(`${svc.name}: skipped — ${r.skipped}`);
      continue;
    }
    dir = r.dir;
  } else if (!fs.existsSync(path.join(dir, '.deepdive-eval-pin.json'))) {
    console.error(`${svc.name}: not fetched (node scripts/eval/fetchServices.mjs ${svc.name}, or --fetch)`);
    continue;
  }
  const root = path.join(dir, svc.root ?? '');
  const labels = readLabels(path.join(repoRoot, 'test', 'eval', 'labels', `${svc.name}.tsv`));
  try {
    const routes = run('routes', root);
    const flows = run('flows', root);
    const s = score(svc, labels, routes.json.entries, flows.json.flows);
    s.ms = { routes: Math.round(routes.ms), flows: Math.round(flows.ms) };
    s.warnings = routes.json.warnings ?? [];
    results.push(s);
    fs.writeFileSync(path.join(resultsDir, `${svc.name}.json`), JSON.stringify(s, null, 2));
  } catch (err) {
    console.error(`${svc.name}: ${err.message}`);
    results.push({ service: svc.name, error: err.message });
  }
}

const ok = results.filter((r) => !r.error);
const sum = (k) => ok.reduce((a, r) => a + r[k], 0);
const sumc = (k) => ok.reduce((a, r) => a + r.counts[k], 0);
const total = {
  service: 'total',
  labelled: sum('labelled'),
  found: sum('found'),
  matched: sum('matched'),
  recall: (100 * sum('matched')) / sum('labelled'),
  precision: (100 * sum('matched')) / sum('found'),
  pathRight: (100 * sumc('pathRight')) / sum('matched'),
  stateRight: (100 * sumc('stateRight')) / sum('matched'),
  protectedUnguarded: sum('protectedUnguarded'),
  unknownShare: (100 * sumc('unknown')) / sum('found'),
  hopRight: (100 * sumc('hopRight')) / sum('hopLabelled'),
  hopLabelled: sum('hopLabelled'),
};
const header = ['service', 'labelled', 'found', 'recall', 'precision', 'full path right', 'guard state right', 'protected called unguarded', 'unknown', 'first hop right'];
const rowOf = (r) => (r.error ? [r.service, 'error: ' + r.error] : [r.service, r.labelled, r.found, f1(r.recall), f1(r.precision), f1(r.pathRight), f1(r.stateRight), r.protectedUnguarded, f1(r.unknownShare), `${f1(r.hopRight)} (${r.hopLabelled})`]);
const rows = [...results.map(rowOf), rowOf(total)];
if (markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  console.log(header.map((h, i) => h.padEnd(widths[i])).join('  '));
  for (const r of rows) console.log(r.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  '));
  console.log(`\ndetails: ${path.relative(repoRoot, resultsDir)}/<service>.json`);
}
