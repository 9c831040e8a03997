// `npm test`: type-check and lint (the core must stay pure), then every suite —
//   unit         plain Node mocha over test/unit (real tree-sitter, real git in temp folders)
//   integration  mocha inside the real VS Code extension host (code-server + chromium)
//   reliability  writers in real processes: concurrent saves, kill -9, corrupted files, a git
//                merge of two branches, a hostile repository (test/reliability; --long: longer)
//   ui           the real workbench driven from outside (npm start, palette, screenshots)
// Prints the counts of each and a closing "N passed, N failed" line; exits non-zero when
// anything failed or a suite ran no test.
//   node scripts/test.mjs [--unit] [--reliability [--long]] [--integration] [--ui] [--grep PATTERN]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './lib/codeServer.mjs';
import { runIntegration } from './runIntegration.mjs';

const { values } = parseArgs({
  options: { unit: { type: 'boolean' }, reliability: { type: 'boolean' }, long: { type: 'boolean' }, integration: { type: 'boolean' }, ui: { type: 'boolean' }, grep: { type: 'string' } },
});
const all = !values.unit && !values.reliability && !values.integration && !values.ui;
// `npm run reliability`: the same trials, longer (more kills, more notes per writer).
if (values.long) process.env.DEEPDIVE_RELIABILITY_LONG = '1';
const results = [];

function step(title, cmd, args) {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${title} failed`);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  }
}

/** Runs mocha, shows its output, and reads the counts from its summary. */
function mocha(name, args) {
  console.log(`\n== ${name} tests`);
  // The suites make thousands of temp folders (repositories, caches, dives) and not every test
  // removes its own: each suite gets one folder as its TMPDIR, removed when it ends.
  // Sticky and open to all, as /tmp is: a reliability test runs the CLI as another user (nobody).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `deepdive-${name}-tests-`));
  fs.chmodSync(tmp, 0o1777);
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js'), ...args, ...(values.grep ? ['--grep', values.grep] : [])], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, TMPDIR: tmp },
  });
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(r.stdout);
  const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(r.stdout)?.[1] ?? 0);
  const res = { name, passed: count('passing'), failed: count('failing'), pending: count('pending') };
  if (r.status !== 0 && res.failed === 0) res.failed = 1; // mocha crashed before counting
  results.push(res);
}

const node = process.execPath;
step('build', node, ['scripts/build.mjs']);
step('type-check', node, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
step('type-check the pure core', node, ['node_modules/typescript/bin/tsc', '-p', 'src/core/tsconfig.json', '--noEmit']);
step('lint', node, ['node_modules/eslint/bin/eslint.js', 'src', 'test/unit', 'test/integration', 'test/reliability']);

if (all || values.unit) mocha('unit', []);
if (all || values.reliability) mocha('reliability', ['--no-config', '--enable-source-maps', '--reporter', 'spec', '--timeout', '1800000', 'out/test/reliability/**/*.test.js']);
if (all || values.integration) {
  console.log('\n== integration tests (real VS Code extension host)');
  const r = await runIntegration({ grep: values.grep });
  results.push({ name: 'integration', passed: r.passed, failed: r.failed || (r.exitCode !== 0 && r.failed === 0 ? 1 : 0), pending: 0 });
}
if (all || values.ui) {
  // UI suites share one packaged .vsix; drop a stale one so the first start builds it anew.
  fs.rmSync(path.join(repoRoot, '.vscode-test', 'deep-dive.vsix'), { force: true });
  mocha('ui', ['--no-config', '--timeout', '300000', 'test/ui/**/*.test.mjs']);
}

console.log('\n== summary');
let passed = 0;
let failed = 0;
for (const r of results) {
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} pending` : ''}`);
  if (r.passed === 0 && r.failed === 0) {
    console.log(`${r.name}: ran no test`);
    failed += 1;
  }
  passed += r.passed;
  failed += r.failed + r.pending; // a pending (skipped) test is not a pass
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
