// Part of `npm run bench`: how long Deep Dive's activate() takes in the real extension host
// (code-server's), on the sample auth service with a deep dive in it, so that activation
// happens at start-up through `workspaceContains:.deepdive/*.json`. The extension logs
// "activated in N ms" to its log; each page reload restarts the extension host.
//   node scripts/benchActivation.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium, repoRoot, startCodeServer } from './lib/codeServer.mjs';
import { makeDemoWorkspace } from './lib/demoWorkspace.mjs';

function findLogs(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('Deep Dive.log')).map((f) => path.join(dir, f));
}

function activationTimes(logDir) {
  return findLogs(logDir).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/activated in ([\d.]+) ms/g)].map((m) => Number(m[1])));
}

export async function benchActivation({ runs = 5, log = console.log } = {}) {
  const vsix = path.join(repoRoot, '.vscode-test', 'deep-dive.vsix');
  if (!fs.existsSync(vsix)) {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`packaging failed: ${r.stderr}`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-bench-activation-'));
  const folder = makeDemoWorkspace(path.join(tmp, 'auth-service-ts'));
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const start = spawnSync(process.execPath, [cli, 'start', '--root', folder, '--title', 'Activation benchmark', '--scope', 'src/**'], { encoding: 'utf8' });
  if (start.status !== 0) throw new Error(`deepdive start failed: ${start.stderr}`);
  const stateDir = path.join(tmp, 'cs');
  const server = await startCodeServer({ folder, stateDir, installVsix: vsix });
  const context = await launchChromium({ userDataDir: path.join(tmp, 'chromium') });
  const logDir = path.join(stateDir, 'user', 'logs');
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (let i = 0; i < runs; i++) {
      const before = activationTimes(logDir).length;
      if (i === 0) await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
      else await page.reload();
      await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
      const deadline = Date.now() + 90_000;
      while (activationTimes(logDir).length <= before) {
        if (Date.now() > deadline) throw new Error('the extension did not log its activation within 90 s');
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await context.close().catch(() => {});
    await server.stop();
  }
  const times = activationTimes(logDir).sort((a, b) => a - b);
  fs.rmSync(tmp, { recursive: true, force: true });
  const median = times[Math.floor(times.length / 2)];
  log('| measure | result |');
  log('| --- | --- |');
  log(`| activation (activate() in code-server's extension host, ${times.length} starts) | median ${median.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms |`);
  log(`| machine | ${os.availableParallelism?.() ?? os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} |`);
  return { times, median };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  await benchActivation({ runs: values.runs ? Number(values.runs) : 5 });
}
