// `npm start`: builds and packages the extension, installs the .vsix into a real VS Code
// (code-server, prepared on first use), opens the bundled sample auth service, prints the URL,
// and stops cleanly on Ctrl-C.
//   node scripts/start.mjs [--port N] [--folder DIR] [--no-build]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCodeServer, repoRoot, startCodeServer } from './lib/codeServer.mjs';
import { makeDemoWorkspace } from './lib/demoWorkspace.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string' }, folder: { type: 'string' }, 'no-build': { type: 'boolean' }, state: { type: 'string' } },
});
const work = path.join(repoRoot, '.vscode-test');
const vsix = path.join(work, 'deep-dive.vsix');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm start: ${cmd} ${args.join(' ')} failed`);
    process.exit(1);
  }
}

// First the VS Code to serve: a missing ripgrep fails here, in seconds, not after the build,
// and the one-minute first preparation says so without a verbose flag (issue 16).
try {
  ensureCodeServer((s) => console.error(`npm start: ${s}`));
} catch (err) {
  console.error(`npm start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
if (!values['no-build'] || !fs.existsSync(vsix)) {
  console.error('npm start: building and packaging the extension…');
  run(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs'), '--production']);
  fs.mkdirSync(work, { recursive: true });
  run(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix]);
}

const folder = values.folder ? path.resolve(values.folder) : makeDemoWorkspace(path.join(work, 'demo', 'auth-service-ts'));
const stateDir = values.state ? path.resolve(values.state) : path.join(work, 'start-state');
// A fresh extensions folder each start, so the .vsix just built is the one that runs.
const extensionsDir = path.join(stateDir, 'extensions');
fs.rmSync(extensionsDir, { recursive: true, force: true });

const server = await startCodeServer({
  folder,
  stateDir,
  extensionsDir,
  port: values.port ? Number(values.port) : undefined,
  installVsix: vsix,
  log: (s) => process.env.DEEPDIVE_VERBOSE && console.error(s),
});
console.log(`\nDeep Dive is running in VS Code at ${server.url}/?folder=${encodeURIComponent(folder)}`);
console.log(`Workspace: ${folder}`);
console.log('Open the URL in a browser. Press Ctrl-C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping VS Code…');
  await server.stop();
  console.log('Stopped.');
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  if (!stopping) {
    console.error(`code-server exited unexpectedly (${code})`);
    process.exit(1);
  }
});
