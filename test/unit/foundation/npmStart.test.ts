// `npm start` on a machine it is not ready for (issue 16, point 11): its first minute was silent
// (the "Preparing code-server" line only with a verbose flag) and a missing `rg` failed it late,
// after the whole extension was built. The real script runs here from a copy of scripts/ in a
// fresh folder (no prepared VS Code), with a PATH that lacks ripgrep, then with one whose npm
// cannot install: either way it says why in seconds, and builds nothing first.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const scripts = path.resolve(__dirname, '../../../../scripts');

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

describe('npm start on a machine without a prepared VS Code', () => {
  let root: string;
  let bin: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-npmstart-'));
    fs.mkdirSync(path.join(root, 'scripts', 'lib'), { recursive: true });
    fs.copyFileSync(path.join(scripts, 'start.mjs'), path.join(root, 'scripts', 'start.mjs'));
    for (const f of ['codeServer.mjs', 'demoWorkspace.mjs']) fs.copyFileSync(path.join(scripts, 'lib', f), path.join(root, 'scripts', 'lib', f));
    // A PATH of our own: a shell, and only what each case adds.
    bin = path.join(root, 'bin');
    fs.mkdirSync(bin);
    fs.symlinkSync(which('sh')!, path.join(bin, 'sh'));
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const start = () =>
    spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: bin, HOME: root, TMPDIR: root },
      timeout: 60_000,
    });

  it('without ripgrep: fails at once, saying how to install it, before building anything', () => {
    const r = start();
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /^npm start: code-server needs ripgrep: apt-get install -y ripgrep/m);
    assert.doesNotMatch(r.stderr + r.stdout, /building/i);
    assert.ok(!fs.existsSync(path.join(root, 'dist')), 'nothing was built');
  });

  it('says that it prepares VS Code without a verbose flag, and stops on a failed install before building', () => {
    // ripgrep, and tar with gzip to seed code-server's ripgrep cache with it.
    for (const cmd of ['rg', 'tar', 'gzip']) {
      const at = which(cmd);
      assert.ok(at, `${cmd} on the PATH (.ci/run installs ripgrep)`);
      fs.symlinkSync(at, path.join(bin, cmd));
    }
    // An npm that cannot reach its registry, as on a machine offline.
    fs.writeFileSync(path.join(bin, 'npm'), '#!/bin/sh\necho "npm error network: registry unreachable" >&2\nexit 1\n', { mode: 0o755 });
    const r = start();
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.match(lines[0], /^npm start: Preparing code-server 4\.100\.3 in \.vscode-test\/code-server-4\.100\.3 \(once, about a minute\)…$/);
    assert.match(r.stderr, /code-server install failed \(exit 1\):[\s\S]*registry unreachable/);
    assert.doesNotMatch(r.stderr + r.stdout, /building/i);
    assert.ok(!fs.existsSync(path.join(root, 'dist')), 'nothing was built');
  });
});
