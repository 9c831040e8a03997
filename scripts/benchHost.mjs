// Part of `npm run bench` (`--only host`): how long the extension host's thread is held while the
// main job runs on a generated 150k-line TypeScript service (scripts/lib/syntheticService.mjs),
// in the real extension host of code-server. The probe (test/hostProbe/hostProbe.ts) records
// every stall of the host's event loop over 40 ms and, from a CPU profile of that thread, whose
// code ran in it: the host is shared with VS Code's built-in extensions, so a stall is only
// Deep Dive's when its bundle is on the sampled stacks. Figures, never pass/fail.
//   node scripts/benchHost.mjs [--modules N] [--json FILE]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/codeServer.mjs';
import { writeSyntheticService } from './lib/syntheticService.mjs';
import { runIntegration } from './runIntegration.mjs';

const { values } = parseArgs({ options: { modules: { type: 'string' }, json: { type: 'string' }, folder: { type: 'string' }, git: { type: 'boolean' }, include: { type: 'string', multiple: true }, trace: { type: 'string' } } });
const probe = path.join(repoRoot, 'out', 'test', 'hostProbe', 'hostProbe.js');
if (!fs.existsSync(probe)) throw new Error(`${probe} is missing: run \`npx tsc -p tsconfig.json\` first (npm run bench does)`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-bench-host-'));
let folder;
let size;
if (values.folder) {
  folder = path.join(tmp, path.basename(path.resolve(values.folder)));
  const skip = new Set(['.deepdive', '.git'].map((d) => path.join(path.resolve(values.folder), d)));
  fs.cpSync(path.resolve(values.folder), folder, { recursive: true, filter: (src) => !skip.has(src) });
  // The probe reads its scope and route from the workspace (the extension host gets no environment).
  fs.writeFileSync(path.join(folder, '.deepdive-probe.json'), JSON.stringify({ include: values.include ?? ['**'], ...(values.trace ? { trace: values.trace } : {}) }));
  size = { folder: path.resolve(values.folder) };
} else {
  folder = path.join(tmp, 'synthetic-service');
  size = writeSyntheticService(folder, { modules: Number(values.modules ?? 130), routesPerModule: 8 });
}
if (values.git) {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'Probe', GIT_AUTHOR_EMAIL: 'probe@example.com', GIT_COMMITTER_NAME: 'Probe', GIT_COMMITTER_EMAIL: 'probe@example.com' };
  const git = (...args) => execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd: folder, env, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'probe');
}
let result;
try {
  const r = await runIntegration({
    folder,
    testsPath: probe,
    onLine: (text) => {
      const m = /^DEEPDIVE-HOSTPROBE (\{.*\})$/.exec(text);
      if (m) result = JSON.parse(m[1]);
      return !!m;
    },
  });
  if (r.exitCode !== 0 || !result) throw new Error(`the probe did not finish (exit ${r.exitCode}); run with the integration harness's --verbose to see the workbench log`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (values.json) fs.writeFileSync(values.json, JSON.stringify({ size, ...result }, null, 2));

const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
const what = size.folder ? `workspace: ${size.folder} (a copy)` : `workspace: ${size.files} files, ${size.lines.toLocaleString('en')} lines, ${size.routes} routes generated`;
console.log(`${what} (${result.routes} rows under the routes node); ${os.cpus().length} cores, load ${load}`);
console.log('\n| step | ms |\n| --- | ---: |');
for (const s of result.steps) console.log(`| ${s.step} | ${s.ms} |`);
const stalls = result.stalls;
const longest = stalls.reduce((m, s) => Math.max(m, s.ms), 0);
const oursLongest = stalls.reduce((m, s) => Math.max(m, s.oursMs), 0);
const over50 = stalls.filter((s) => s.ms >= 50);
// A stall is Deep Dive's block when its own samples add up to 50 ms; one where its stack is only
// the largest share may be a thread that waited for a core (compare the thread's CPU time).
const ours50 = over50.filter((s) => s.owner === 'Deep Dive');
const held50 = over50.filter((s) => s.oursMs >= 50);
console.log(`\nstalls over 40 ms: ${stalls.length}; longest ${longest} ms; a task due at any moment waited at most ${result.worstLateMs} ms`);
console.log(`Deep Dive's own code within any one stall: at most ${oursLongest} ms (samples with its bundle on the stack)`);
console.log(`stalls of 50 ms or more: ${over50.length}; Deep Dive's code sampled for 50 ms or more in ${held50.length} of them; its stack the largest share of the samples in ${ours50.length}${ours50.length ? ` (${ours50.map((s) => `${s.ms} ms stall, ${s.oursMs} ms of Deep Dive, thread CPU ${s.cpuMs ?? '?'} ms`).join('; ')})` : ''}`);
// cpu: the host thread's own CPU time in the stall; far below the stall, it waited for a core.
const cpu = (s) => (s.cpuMs === undefined ? '' : String(s.cpuMs));
const cell = (text) => text.replace(/\|/g, '\\|');
console.log('\n| step | stall ms | thread CPU ms | sampled ms | whose (sampled ms) | Deep Dive ms | where in Deep Dive | heaviest frames (self ms; * = Deep Dive on the stack) |\n| --- | ---: | ---: | ---: | --- | ---: | --- | --- |');
for (const s of [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 15)) {
  const frames = s.top.slice(0, 4).map((f) => `${f.ours ? '*' : ''}${f.frame} ${f.ms}`).join('; ');
  const owners = s.owners.slice(0, 3).map((o) => `${o.owner} ${o.ms}`).join('; ');
  const where = s.oursAt.map((p) => `${p.frame}${p.leaf ? ` → ${p.leaf}` : ''} ${p.ms}`).join('; ');
  console.log(`| ${s.step} | ${s.ms} | ${cpu(s)} | ${s.sampledMs} | ${cell(owners || '(no sample)')} | ${s.oursMs} | ${cell(where)} | ${cell(frames || '(no sample)')} |`);
}
