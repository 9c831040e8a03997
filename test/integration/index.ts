// Entry point of the integration suites, in the @vscode/test-electron convention: the
// extension host loads this module and awaits run(). It runs unchanged under code-server
// (scripts/runIntegration.mjs) and under @vscode/test-electron (test/integration/electron.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findTests(p);
    return e.name.endsWith('.test.js') ? [p] : [];
  });
}

/** `--grep` of scripts/runIntegration.mjs, passed as a file in the test workspace. */
function readGrep(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const file = folder && path.join(folder, '.deepdive-test-grep');
  if (process.env.DEEPDIVE_TEST_GREP) return process.env.DEEPDIVE_TEST_GREP;
  if (!file || !fs.existsSync(file)) return undefined;
  const grep = fs.readFileSync(file, 'utf8').trim();
  fs.rmSync(file);
  return grep || undefined;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = readGrep();
  if (grep) mocha.grep(grep);
  for (const file of findTests(__dirname).sort()) mocha.addFile(file);
  const stats = await new Promise<{ passes: number; failures: number }>((resolve) => {
    const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
  });
  // One machine-readable line for the harness, which counts results across suites.
  console.log(`DEEPDIVE-RESULT ${JSON.stringify({ passed: stats.passes, failed: stats.failures })}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
}
