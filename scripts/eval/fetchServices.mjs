// Fetches the real services of the route evaluation at their pinned versions into
// test/eval/.services/<name>/ (git-ignored). No third-party code is committed: only the pins in
// test/eval/services/<name>.json and the labels in test/eval/labels/.
//
// Sources (a service may combine several, each extracted into its own sub-folder):
//   { "npm": "pkg@1.2.3", "into": "server" }                      npm pack + tar (reachable from CI)
//   { "debian": "pkg", "version": "1.2-3", "path": "usr/share/…", "into": "" }
//                                                                  apt-get download + dpkg-deb -x (reachable from CI)
//   { "git": "owner/name", "commit": "40 hex", "path": "sub/dir", "into": "" }   (a path may name one file: "pom.xml")
//                                                                  from a mirror in $DEEPDIVE_MIRRORS (default
//                                                                  /work/.mirror, filled by a session's `fetch`
//                                                                  github:owner/name); skipped with a message
//                                                                  when absent (CI does not reach GitHub)
// usage: node scripts/eval/fetchServices.mjs [NAME...] [--force]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const servicesDir = path.join(repoRoot, 'test', 'eval', 'services');
// DEEPDIVE_EVAL_SERVICES keeps the fetched code outside the checkout (several worktrees share one copy).
export const checkoutDir = process.env.DEEPDIVE_EVAL_SERVICES ? path.resolve(process.env.DEEPDIVE_EVAL_SERVICES) : path.join(repoRoot, 'test', 'eval', '.services');
const mirrors = process.env.DEEPDIVE_MIRRORS ?? '/work/.mirror';

export function loadServices(names = []) {
  const all = fs.readdirSync(servicesDir).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const svc = JSON.parse(fs.readFileSync(path.join(servicesDir, f), 'utf8'));
    svc.name ??= f.replace(/\.json$/, '');
    return svc;
  });
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length) throw new Error(`no such service: ${unknown.join(', ')} (see test/eval/services/)`);
  return names.length ? all.filter((s) => names.includes(s.name)) : all;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' / ')}`);
  return r.stdout;
}

function fetchNpm(src, dest) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-npm-'));
  try {
    const file = run('npm', ['pack', src.npm, '--silent', '--pack-destination', tmp]).trim().split('\n').pop();
    fs.mkdirSync(dest, { recursive: true });
    run('tar', ['xzf', path.join(tmp, file), '-C', dest, '--strip-components=1', '--no-same-owner']);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function fetchDebian(src, dest) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-deb-'));
  try {
    fs.chmodSync(tmp, 0o777); // apt drops to _apt for the download
    run('apt-get', ['download', '-qq', `${src.debian}=${src.version}`], { cwd: tmp });
    const deb = fs.readdirSync(tmp).find((f) => f.endsWith('.deb'));
    const x = path.join(tmp, 'x');
    run('dpkg-deb', ['-x', path.join(tmp, deb), x]);
    const from = path.join(x, src.path ?? '');
    if (!fs.existsSync(from)) throw new Error(`${src.debian}: no ${src.path} in the package`);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.rmSync(dest, { recursive: true, force: true });
    fs.cpSync(from, dest, { recursive: true, verbatimSymlinks: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function mirrorOf(repo) {
  const dir = path.join(mirrors, repo.replace('/', '+'));
  // A bare mirror (`repo/`), or a clone's git directory (`repo/.git`).
  for (const cand of [path.join(dir, 'repo'), path.join(dir, 'repo', '.git'), dir]) if (fs.existsSync(path.join(cand, 'objects'))) return cand;
  return undefined;
}

function fetchGit(src, dest) {
  const gitDir = mirrorOf(src.git);
  if (!gitDir) return `needs a mirror of github:${src.git} in ${mirrors} (a session's fetch; CI does not reach GitHub)`;
  const has = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '-e', `${src.commit}^{commit}`]);
  if (has.status !== 0) return `the mirror of ${src.git} lacks commit ${src.commit}`;
  fs.mkdirSync(dest, { recursive: true });
  const args = ['--git-dir', gitDir, '-c', 'core.hooksPath=/dev/null', 'archive', '--format=tar', src.commit];
  if (src.path) args.push(src.path);
  // Files a snapshot lacks (its largest blobs are left out of a mirror) would fail the whole
  // archive: `exclude` names the paths to leave out, as pathspecs.
  if (src.exclude?.length) args.push(...(src.path ? [] : ['--', '.']), ...src.exclude.map((p) => `:(exclude)${p}`));
  const tar = spawnSync('git', args, { maxBuffer: 2 ** 31 });
  // git archive reads blobs outside the pathspec (git 2.39 fails on a snapshot's missing blob even
  // when it is excluded or lies outside `path`): then copy the path's files one by one, skipping those absent.
  if (tar.status !== 0 && /invalid object|cannot read/.test(String(tar.stderr))) return copyBlobs(gitDir, src, dest);
  if (tar.status !== 0) throw new Error(`git archive ${src.git}@${src.commit} failed: ${tar.stderr}`);
  // A single file (a parent pom.xml) keeps its name: strip only the folders above it.
  const blob = src.path && spawnSync('git', ['--git-dir', gitDir, 'cat-file', '-t', `${src.commit}:${src.path}`], { encoding: 'utf8' }).stdout.trim() === 'blob';
  const strip = src.path ? src.path.split('/').filter(Boolean).length - (blob ? 1 : 0) : 0;
  const x = spawnSync('tar', ['xf', '-', '-C', dest, `--strip-components=${strip}`, '--no-same-owner'], { input: tar.stdout, maxBuffer: 1 << 30 });
  if (x.status !== 0) throw new Error(`tar failed: ${x.stderr}`);
  return undefined;
}

/** The files under src.path at src.commit written below dest, one `git cat-file` each; blobs the mirror lacks and `exclude`d paths are left out. */
function copyBlobs(gitDir, src, dest) {
  const base = (src.path ?? '').replace(/\/+$/, '');
  const ls = spawnSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-z', src.commit, ...(base ? ['--', base] : [])], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (ls.status !== 0) throw new Error(`git ls-tree ${src.git}@${src.commit} failed: ${ls.stderr}`);
  const skip = (src.exclude ?? []).map((p) => p.replace(/\/+$/, ''));
  for (const line of ls.stdout.split('\0').filter(Boolean)) {
    const [meta, file] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
    const [mode, type, sha] = meta.split(' ');
    if (type !== 'blob' || mode === '120000') continue;
    // No path: the whole repository, kept as it is (basename would flatten every folder into one).
    const rel = !base ? file : file === base ? path.basename(file) : file.slice(base.length + 1);
    if (skip.some((p) => rel === p || rel.startsWith(`${p}/`) || file === p || file.startsWith(`${p}/`))) continue;
    const blob = spawnSync('git', ['--git-dir', gitDir, 'cat-file', 'blob', sha], { maxBuffer: 2 ** 31 });
    if (blob.status !== 0) continue;
    const out = path.join(dest, rel);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, blob.stdout);
  }
  return undefined;
}

/** Fetches one service unless already there; returns its folder, or { skipped: reason }. */
export function fetchService(svc, { force = false } = {}) {
  const dir = path.join(checkoutDir, svc.name);
  const stamp = path.join(dir, '.deepdive-eval-pin.json');
  const pin = JSON.stringify(svc.sources);
  if (!force && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === pin) return { dir };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const src of svc.sources) {
    const dest = path.join(dir, src.into ?? '');
    const skipped = src.npm ? (fetchNpm(src, dest), undefined) : src.debian ? (fetchDebian(src, dest), undefined) : src.git ? fetchGit(src, dest) : (() => { throw new Error(`${svc.name}: a source needs npm, debian or git`); })();
    if (skipped) {
      fs.rmSync(dir, { recursive: true, force: true });
      return { skipped };
    }
  }
  fs.writeFileSync(stamp, pin);
  return { dir };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  let failed = 0;
  for (const svc of loadServices(args.filter((a) => !a.startsWith('--')))) {
    try {
      const r = fetchService(svc, { force });
      console.log(r.skipped ? `${svc.name}: skipped — ${r.skipped}` : `${svc.name}: ${path.relative(repoRoot, r.dir)}`);
    } catch (err) {
      failed++;
      console.error(`${svc.name}: ${err.message}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
