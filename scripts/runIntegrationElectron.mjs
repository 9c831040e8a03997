// The same integration suites under @vscode/test-electron, for a desktop that has (or can
// download) VS Code. This machine cannot — its network reaches only the npm registry — so CI
// uses scripts/runIntegration.mjs (code-server). Usage:
//   node scripts/runIntegrationElectron.mjs [--vscode /path/to/code]
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './lib/codeServer.mjs';
import { workspaceCopy } from './runIntegration.mjs';

const { values } = parseArgs({ options: { vscode: { type: 'string' } } });
const folder = workspaceCopy('auth-service-ts');
try {
  await runTests({
    vscodeExecutablePath: values.vscode,
    version: values.vscode ? undefined : '1.100.3',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (err) {
  console.error(`integration (electron): ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
