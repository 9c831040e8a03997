// Runs the integration suites (test/integration, compiled to out/) inside the real extension
// host of code-server, driven by Debian's chromium. The workbench reads the `payload` URL
// parameter just like VS Code's own test tooling; when the tests finish the page calls
// window.codeAutomationExit(code).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchChromium, repoRoot, startCodeServer } from './lib/codeServer.mjs';

const TIMEOUT_MS = 15 * 60_000;

/** A throw-away copy of a fixture service, so that tests may write .deepdive/ into it. */
export function workspaceCopy(fixture) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `deepdive-ws-${fixture}-`));
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', fixture), dir, { recursive: true });
  return dir;
}

// testsPath, folder and onLine serve scripts/benchHost.mjs, which runs a probe instead of the
// suites on a generated workspace and reads its one result line.
export async function runIntegration({ fixture = 'auth-service-ts', grep, verbose = false, testsPath, folder: given, onLine } = {}) {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-it-'));
  const folder = given ?? workspaceCopy(fixture);
  // The extension host cannot be handed environment variables through the URL: a --grep
  // travels as a file in the throw-away workspace copy, which test/integration/index.ts reads.
  if (grep) fs.writeFileSync(path.join(folder, '.deepdive-test-grep'), grep);
  // VS Code's built-in git extension is not under test, and it races the suites: it watches the
  // git repositories they make in temp folders and delete again, and its `git check-ignore` then
  // writes to a git that has exited. That EPIPE is thrown in the extension host the suites share,
  // where mocha pins it on whichever test runs and stops the run (CI, 5 December: 26 of 55 ran).
  // A probe (testsPath) measures the host as a user has it: git stays on there.
  const settings = testsPath ? {} : { 'git.enabled': false, 'git.autoRepositoryDetection': false };
  const server = await startCodeServer({ folder, stateDir: path.join(state, 'cs'), settings, log: verbose ? (s) => console.error(s) : () => {} });
  const context = await launchChromium({ userDataDir: path.join(state, 'chromium') });
  const results = { passed: 0, failed: 0, exitCode: 1 };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('console', async (msg) => {
      const text = await consoleText(msg);
      const m = /^DEEPDIVE-RESULT (\{.*\})$/.exec(text);
      if (m) Object.assign(results, JSON.parse(m[1]));
      else if (onLine?.(text)) return;
      else if (verbose || fromExtensionHost(msg)) console.log(text);
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(testsPath ?? path.join(repoRoot, 'out', 'test', 'integration', 'index.js'))],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timer = new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS).unref());
    const code = await Promise.race([exited, timer]);
    if (code === 'timeout') {
      console.error(`integration: the extension host did not finish within ${TIMEOUT_MS / 60000} minutes`);
      results.exitCode = 1;
    } else {
      results.exitCode = code;
    }
  } finally {
    await context.close().catch(() => {});
    await server.stop();
    fs.rmSync(state, { recursive: true, force: true });
    if (!given) fs.rmSync(folder, { recursive: true, force: true });
  }
  return results;
}

// The extension host's console reaches the page as console.log('%c INFO', 'color: #33f',
// format, ...args): undo the styling and apply the format, so mocha's output reads as usual.
async function consoleText(msg) {
  const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => String(a))));
  if (typeof args[0] === 'string' && args[0].startsWith('%c')) args.splice(0, 2);
  return args.length ? format(...args) : msg.text();
}

// The page console carries the whole workbench log; keep what the extension host printed.
const WORKBENCH_NOISE = /^%c INFO color: \S+ (Resolving connection|Resolved connection|Creating a socket|Updating additional|\[Service Worker\]|ChatSessionStore|Started local extension host|Extensions? )/;
function fromExtensionHost(msg) {
  const text = msg.text();
  return text.startsWith('%c INFO') && !WORKBENCH_NOISE.test(text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const grepIdx = process.argv.indexOf('--grep');
  const r = await runIntegration({ grep: grepIdx > 0 ? process.argv[grepIdx + 1] : undefined, verbose: process.argv.includes('--verbose') });
  console.log(`integration: ${r.passed} passed, ${r.failed} failed`);
  process.exit(r.exitCode === 0 && r.failed === 0 && r.passed > 0 ? 0 : 1);
}
