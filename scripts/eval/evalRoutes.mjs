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
import { readLabels, score } from './scoreRoutes.mjs';

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

function run(cmd, root) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, cmd, '--root', root, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`deepdive ${cmd} failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' / ')}`);
  return { json: JSON.parse(r.stdout), ms };
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
  } else if (fs.readFileSync(path.join(dir, '.deepdive-eval-pin.json'), 'utf8') !== JSON.stringify(svc.sources)) {
    // Its sources changed since the fetch (a new pin, or a layout with more of the repository): scored as fetched, it would mislead.
    console.error(`${svc.name}: fetched from other sources than services/${svc.name}.json now names (node scripts/eval/fetchServices.mjs ${svc.name}, or --fetch)`);
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
