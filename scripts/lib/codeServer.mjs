// A real VS Code for tests and `npm start`: code-server 4.100.3 (VS Code 1.100.3, Node extension
// host). It is heavy and needs install workarounds, so it is kept out of the extension's own
// dependencies and prepared on first use in .vscode-test/ (as @vscode/test-electron keeps its
// VS Code there). Each install workaround below says why it is needed (ripgrep's download, install
// scripts run as root, node-pty's node-gyp, libkrb5-dev for the kerberos module).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const cacheDir = path.join(repoRoot, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const binPath = path.join(cacheDir, 'node_modules', '.bin', 'code-server');
const readyMarker = path.join(cacheDir, '.ready');

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Installs code-server into the cache folder once; later calls return at once. */
export function ensureCodeServer(log = (s) => process.stderr.write(s + '\n')) {
  if (fs.existsSync(readyMarker) && fs.existsSync(binPath)) return binPath;
  const rg = which('rg');
  if (!rg) throw new Error('code-server needs ripgrep: apt-get install -y ripgrep libkrb5-dev chromium');
  log(`Preparing code-server ${CODE_SERVER_VERSION} in ${path.relative(repoRoot, cacheDir)} (once, about a minute)…`);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(path.join(cacheDir, 'package.json'), JSON.stringify({ name: 'deep-dive-code-server', private: true }, null, 2));
  // @vscode/ripgrep downloads rg at install time, which this network refuses; it accepts a
  // cached archive in $TMPDIR, so seed that with Debian's rg.
  const tmp = path.join(cacheDir, 'tmp');
  const seed = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(seed, { recursive: true });
  const staging = fs.mkdtempSync(path.join(tmp, 'rg-'));
  fs.copyFileSync(rg, path.join(staging, 'rg'));
  fs.chmodSync(path.join(staging, 'rg'), 0o755);
  const tar = spawnSync('tar', ['-czf', path.join(seed, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', staging, 'rg']);
  if (tar.status !== 0) throw new Error('could not seed the ripgrep cache: ' + tar.stderr);
  const res = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: cacheDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: {
      ...process.env,
      TMPDIR: tmp,
      npm_config_ignore_scripts: 'false', // code-server's postinstall installs VS Code's own modules
      npm_config_unsafe_perm: 'true', // install scripts as root (npm 11)
      npm_config_yes: 'true', // node-pty's install runs `npx node-gyp`
      npm_config_legacy_peer_deps: 'false',
    },
  });
  if (res.status !== 0 || !fs.existsSync(binPath)) {
    throw new Error(`code-server install failed (exit ${res.status}):\n${(res.stdout + res.stderr).split('\n').slice(-30).join('\n')}`);
  }
  const vscodeModules = path.join(cacheDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  if (!fs.existsSync(path.join(vscodeModules, 'node-pty'))) {
    throw new Error('code-server installed without its VS Code modules (its postinstall did not run)');
  }
  fs.writeFileSync(readyMarker, new Date().toISOString());
  log('code-server ready.');
  return binPath;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 with every piece of state (user data, extensions, XDG
 * folders) inside `stateDir`, so nothing lands in the user's home. Resolves when /healthz
 * answers. `settings` are added to the user settings a fresh `stateDir` starts with.
 */
export async function startCodeServer({ folder, stateDir, port, extensionsDir, trust = false, installVsix, settings = {}, log = () => {} }) {
  const bin = ensureCodeServer(log);
  port ??= await freePort();
  fs.mkdirSync(stateDir, { recursive: true });
  const config = path.join(stateDir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  extensionsDir ??= path.join(stateDir, 'extensions');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
  };
  const common = ['--config', config, '--user-data-dir', path.join(stateDir, 'user'), '--extensions-dir', extensionsDir];
  if (installVsix) {
    const r = spawnSync(bin, [...common, '--install-extension', installVsix, '--force'], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`installing ${installVsix} failed: ${r.stderr || r.stdout}`);
  }
  // Ask the workbench for a dark theme and no welcome page, so screenshots are stable.
  const settingsDir = path.join(stateDir, 'user', 'User');
  fs.mkdirSync(settingsDir, { recursive: true });
  const settingsFile = path.join(settingsDir, 'settings.json');
  if (!fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, JSON.stringify({
      'workbench.startupEditor': 'none',
      'workbench.colorTheme': 'Default Dark Modern',
      'security.workspace.trust.enabled': !trust ? false : true,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      ...settings,
    }, null, 2));
  }
  const args = [
    ...common,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(trust ? [] : ['--disable-workspace-trust']),
    folder,
  ];
  const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; log(String(d).trimEnd()); });
  child.stderr.on('data', (d) => { output += d; log(String(d).trimEnd()); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    child,
    output: () => output,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
    }),
  };
}

/** Debian's chromium, driven by playwright-core (which must never download a browser). */
export async function launchChromium({ userDataDir } = {}) {
  const { chromium } = await import('playwright-core');
  const executablePath = which('chromium') ?? which('chromium-browser');
  if (!executablePath) throw new Error('chromium is not installed: apt-get install -y chromium');
  const dir = userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-chromium-'));
  return chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
