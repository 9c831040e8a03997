// Part of `npm run bench` (scripts/bench.mjs): maps a large real code base from the npm registry cold, warm and after one
// changed file, and times universal-ctags and dependency-cruiser on the same files.
// Corpus: the published source of a few big packages, fetched with `npm pack` into
// bench/.corpus/ (git-ignored). Needs `npm run compile-tests` (tsc → out/) first.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { PACKAGES, corpusDir, fetchMillion, root } from './lib/benchCorpus.mjs';

const srcDir = fetchMillion();
const cacheDir = path.join(corpusDir, 'cache');
const args = process.argv.slice(2);
const skipOthers = args.includes('--map-only');

function runPhase(mode, workers) {
  const r = spawnSync(process.execPath, [path.join(root, 'bench', 'runMap.mjs'), srcDir, mode, cacheDir, ...(workers !== undefined ? [String(workers)] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`map ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Wall time, CPU time and peak memory of an external command through GNU time, if present. */
function timeCommand(cmd, cmdArgs, opts = {}) {
  const useTime = fs.existsSync('/usr/bin/time');
  const t = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'DDTIME %U %S %M', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, ...opts })
    : spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, ...opts });
  const ms = performance.now() - t;
  const m = /DDTIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return { ms: Math.round(ms), status: r.status, cpuMs: m ? Math.round((Number(m[1]) + Number(m[2])) * 1000) : undefined, maxRssMb: m ? Math.round(Number(m[3]) / 1024) : undefined, stderr: (r.stderr ?? '').slice(0, 2000) };
}

function listFiles() {
  // The files the map parses: ask the walker so every tool gets exactly the same list.
  const { walk } = require(path.join(root, 'out', 'src', 'core', 'walk', 'walker.js'));
  return walk({ root: srcDir }).files.map((f) => f.path);
}

import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

if (!fs.existsSync(path.join(root, 'out', 'src', 'core', 'map', 'buildMap.js'))) {
  console.error('bench: run `npm run compile-tests` first (the benchmark uses the tsc build in out/)');
  process.exit(1);
}
const load = os.loadavg()[0];
const cores = os.availableParallelism?.() ?? os.cpus().length;
console.error(`machine: ${cores} cores, ${os.cpus()[0]?.model ?? 'cpu'}, load average ${load.toFixed(1)} at start`);

const cold = runPhase('cold');
console.error(`cold: ${cold.ms} ms, ${cold.files} files, ${cold.lines} lines`);
const warm = runPhase('warm');
console.error(`warm: ${warm.ms} ms`);
const update = runPhase('update');
console.error(`one changed file: ${update.ms} ms (${update.file})`);

const floor = runPhase('floor');
console.error(`floor: parse ${floor.parseMs} ms, query ${floor.queryMs} ms on one thread`);
// The whole command as a user runs it, measured like the other tools: a process, start to exit.
const cli = path.join(root, 'dist', 'cli.js');
const mapProcess = fs.existsSync(cli) ? timeCommand(process.execPath, [cli, 'map', '--root', srcDir, '--no-cache'], { cwd: root }) : undefined;
const mapProcessJson = fs.existsSync(cli) ? timeCommand('/bin/sh', ['-c', `"${process.execPath}" "${cli}" map --root "${srcDir}" --no-cache --json > "${path.join(corpusDir, 'map.json')}"`], { cwd: root }) : undefined;
if (mapProcess) console.error(`deepdive map process: ${mapProcess.ms} ms, with --json: ${mapProcessJson.ms} ms`);

let ctags;
let cruise;
if (!skipOthers) {
  const files = listFiles();
  const listFile = path.join(corpusDir, 'files.txt');
  fs.writeFileSync(listFile, files.join('\n') + '\n');
  ctags = timeCommand('ctags', ['-f', path.join(corpusDir, 'tags'), '-L', listFile, '--fields=+n'], { cwd: srcDir });
  console.error(`ctags: ${ctags.ms} ms (status ${ctags.status})`);
  const bin = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  if (fs.existsSync(bin)) {
    // Same files, no rules, JSON out: the cheapest dependency-cruiser run there is.
    cruise = timeCommand(process.execPath, [bin, '--no-config', '--output-type', 'json', '--output-to', path.join(corpusDir, 'cruise.json'), ...files], { cwd: srcDir, timeout: 30 * 60 * 1000 });
    console.error(`dependency-cruiser: ${cruise.ms} ms (status ${cruise.status})`);
  }
}

const pct = (a, b) => (b ? ((100 * a) / b).toFixed(2) : 'n/a');
const sec = (ms) => (ms / 1000).toFixed(2) + ' s';
const rows = [
  ['corpus', `${PACKAGES.join(', ')}: ${cold.files} JS/TS files, ${cold.lines.toLocaleString('en-US')} lines`],
  ['machine', `${cores} cores (${os.cpus()[0]?.model ?? '?'}), node ${process.version}, load average ${load.toFixed(1)}`],
  ['map, cold: buildMap() in-process (2 workers)', `${sec(cold.ms)} wall, ${sec(cold.cpuMs)} CPU, peak ${cold.maxRssMb} MB`],
  ['map, warm (cache)', `${sec(warm.ms)} wall, ${sec(warm.cpuMs)} CPU, peak ${warm.maxRssMb} MB`],
  ['map, one changed file', `${update.ms} ms wall, ${update.updateCpuMs} ms CPU (medians of 11 saves of ${update.file})`],
];
if (mapProcess) rows.push(['`deepdive map --no-cache` (whole process)', `${sec(mapProcess.ms)} wall, ${sec(mapProcess.cpuMs ?? 0)} CPU, peak ${mapProcess.maxRssMb} MB; with \`--json\` into a file (${Math.round(fs.statSync(path.join(corpusDir, 'map.json')).size / 1e6)} MB): ${sec(mapProcessJson.ms)} wall`]);
rows.push(['tree-sitter alone, one thread (the floor)', `parse ${sec(floor.parseMs)} + the map's query ${sec(floor.queryMs)} CPU for ${floor.mb} MB of distinct files`]);
// Tool against tool: processes timed the same way, start to exit. On a shared machine wall
// time follows the load; CPU time is the steadier comparison.
const ours = mapProcess ?? { ms: cold.ms, cpuMs: cold.cpuMs };
if (ctags) rows.push(['universal-ctags, same files', `${sec(ctags.ms)} wall, ${sec(ctags.cpuMs ?? 0)} CPU → deepdive map / ctags: ${(ours.ms / ctags.ms).toFixed(1)}x wall, ${(ours.cpuMs / (ctags.cpuMs ?? 1)).toFixed(1)}x CPU; tree-sitter's parse alone is ${(floor.parseMs / (ctags.cpuMs ?? 1)).toFixed(1)}x ctags' CPU`]);
if (cruise) rows.push(['dependency-cruiser, same files', `${sec(cruise.ms)} wall, ${sec(cruise.cpuMs ?? 0)} CPU, peak ${cruise.maxRssMb} MB${cruise.status === 0 ? '' : ` (exit ${cruise.status})`} → dependency-cruiser / deepdive map: ${(cruise.ms / ours.ms).toFixed(1)}x wall, ${((cruise.cpuMs ?? 0) / ours.cpuMs).toFixed(1)}x CPU${mapProcessJson ? `; ${(cruise.ms / mapProcessJson.ms).toFixed(1)}x wall against \`--json\`` : ''}`]);
rows.push(['imports', `${cold.imports.total} total: ${cold.imports.resolved} resolved, ${cold.imports.external} external, ${cold.imports.unresolved} unresolved`]);
rows.push(['relative and in-repo imports resolved', `${pct(cold.relative.resolved, cold.relative.total)}% (${cold.relative.resolved}/${cold.relative.total})`]);
rows.push(['skipped', Object.entries(cold.skipped).map(([k, v]) => `${k} ${v}`).join(', ')]);

rows.push(['load average at the end', os.loadavg()[0].toFixed(1)]);
console.log('| measure | result |');
console.log('| --- | --- |');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
console.log('');
console.log('command: `npm run compile-tests && npm run bench`');
if (cold.unresolved.length) console.log(`\nunresolved in-repo imports (first ${cold.unresolved.length}):\n  ${cold.unresolved.join('\n  ')}`);
