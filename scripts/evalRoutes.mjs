// Route recall/precision and guard recall of `findEntryPoints` on real services, against
// hand-checked labels (test/fixtures/routes/realworld-labels/<name>.json).
// usage: node scripts/evalRoutes.mjs LABELS.json ROOT   (after `npx tsc -p tsconfig.json`)
// Optional label fields: firstHop (a symbol, a list of equivalent ones, 'store', or null),
// file/line (registration place), dynamic (a regular-expression path), labelledFiles (top level).
// Labels: { "routes": [{ "id": "GET /api/x/:id", "protected": true }] } — protected means a
// required authentication/authorization guard applies in the source.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = process.env.DEEPDIVE_OUT ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'out', 'src', 'core');
const { buildMap } = require(path.join(out, 'map', 'buildMap.js'));
const { findEntryPoints } = require(path.join(out, 'entry', 'findEntryPoints.js'));
const { suggestFlows } = require(path.join(out, 'callgraph', 'suggestFlows.js'));

const [labelsFile, root] = process.argv.slice(2);
if (!labelsFile || !root) {
  console.error('usage: node scripts/evalRoutes.mjs LABELS.json ROOT');
  process.exit(2);
}
const labels = JSON.parse(fs.readFileSync(labelsFile, 'utf8'));
const map = await buildMap({ root, cache: false, workers: 0 });
const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
const http = entries.filter((e) => e.kind === 'http');
// A path that is a regular expression is labelled by its expression, method and place:
// { "dynamic": "/^\\/x/", "method": "GET", "file": ..., "line": ... }; it matches the entry that
// reports that expression there, under the label's own id.
for (const r of labels.routes.filter((x) => x.dynamic)) {
  const e = http.find((x) => x.dynamic?.expression === r.dynamic && x.method === r.method && x.file === r.file && x.line === r.line);
  r.id = `${r.method} {${r.dynamic}}`;
  if (e) e.id = r.id;
}
// labelledFiles: only routes registered in these files count against precision (the rest of the
// service is not labelled).
const scope = labels.labelledFiles ? new Set(labels.labelledFiles) : undefined;
const got = new Map(http.filter((e) => !scope || scope.has(e.file)).map((e) => [e.id, e]));
const want = new Map(labels.routes.map((r) => [r.id, r]));
const hits = [...want.keys()].filter((k) => got.has(k));
const protectedRoutes = labels.routes.filter((r) => r.protected);
const guarded = protectedRoutes.filter((r) => got.get(r.id) && got.get(r.id).public === false);
const falseGuards = labels.routes.filter((r) => !r.protected && got.get(r.id) && got.get(r.id).public === false);
// Registration place, for routes found: the label's file:line when it has one.
const placed = labels.routes.filter((r) => r.file && got.has(r.id));
const placeRight = placed.filter((r) => got.get(r.id).file === r.file && got.get(r.id).line === r.line);
// First hop: the labelled repository function (or 'store' for an ORM/database call) among the
// flow's depth-1 steps. Routes labelled null (framework dispatch) are not counted. A list names
// equivalent symbols: an interface method as called and its one implementation.
const hopLabelled = labels.routes.filter((r) => (typeof r.firstHop === 'string' || Array.isArray(r.firstHop)) && got.has(r.id));
const flows = new Map(suggestFlows(map, [...got.values()]).map((f) => [f.entry, f]));
const hopMisses = [];
for (const r of hopLabelled) {
  const first = (flows.get(r.id)?.steps ?? []).filter((s) => s.depth === 1);
  const want = [r.firstHop].flat();
  const ok = want.includes('store') ? first.some((s) => s.kind === 'store') : first.some((s) => s.kind === 'call' && want.some((w) => s.symbol === w || s.symbol.endsWith('.' + w)));
  if (!ok) hopMisses.push(`${r.id} (want ${want.join(' or ')}, first steps: ${first.map((s) => s.kind === 'call' ? s.symbol : s.kind + ' ' + s.callee).join(', ') || 'none'})`);
}
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : 'n/a');
const result = {
  service: labels.service,
  labelled: want.size,
  found: got.size,
  recall: pct(hits.length, want.size),
  precision: pct(hits.length, got.size),
  guardRecall: pct(guarded.length, protectedRoutes.length),
  protectedLabelled: protectedRoutes.length,
  registrationPlaceRight: pct(placeRight.length, placed.length),
  firstHopAccuracy: pct(hopLabelled.length - hopMisses.length, hopLabelled.length),
  firstHopLabelled: hopLabelled.length,
  firstHopMisses: hopMisses,
  misplaced: placed.filter((r) => !placeRight.includes(r)).map((r) => `${r.id}: ${got.get(r.id).file}:${got.get(r.id).line}, label ${r.file}:${r.line}`),
  unprotectedMarkedGuarded: falseGuards.map((r) => r.id),
  missed: [...want.keys()].filter((k) => !got.has(k)),
  extra: [...got.keys()].filter((k) => !want.has(k)),
};
console.log(JSON.stringify(result, null, 2));
