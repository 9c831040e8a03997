// A hostile repository: git hooks, core.fsmonitor, diff.external, a pager, a clean/smudge filter,
// all pointing at scripts that leave a marker file; files named __proto__ and constructor; names
// and note bodies with terminal escape sequences; a 50 MB one-line file; symlink loops; source
// that is not UTF-8. Every CLI command runs on it: nothing runs (no marker), nothing reaches the
// terminal raw, nothing is lost, every failure is one line with its place.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, diveRepo, git, readDive } from './helpers';
import type { Run } from './helpers';

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const ESC_NAME = 'src/\u001b[31mred\u001b]0;pwned\u0007.js';

function hostileRepo(markers: string): string {
  const root = diveRepo('deepdive-hostile-');
  const script = (name: string) => {
    const p = path.join(markers, `${name}.sh`);
    fs.writeFileSync(p, `#!/bin/sh\ntouch "${markers}/ran-${name}"\ncat >/dev/null 2>&1\nexit 0\n`, { mode: 0o755 });
    return p;
  };
  const src = path.join(root, 'src');
  fs.mkdirSync(path.join(src, '__proto__'));
  for (const f of ['__proto__.js', 'constructor.js', 'hasOwnProperty.js', '__proto__/x.js']) fs.writeFileSync(path.join(src, f), 'export function a() {\n  return 1;\n}\n');
  fs.writeFileSync(path.join(root, ESC_NAME), 'export const b = 2;\n');
  // At the root too: history keys files by their path, and a root file's path is its bare name.
  for (const f of ['constructor', 'toString', '__proto__']) fs.writeFileSync(path.join(root, f), `${f}\n`);
  fs.writeFileSync(path.join(src, 'latin1.js'), Buffer.concat([Buffer.from('export const s = "caf'), Buffer.from([0xe9]), Buffer.from('";\nexport function f() {}\n')]));
  // 50 MB on one line, without a ".min." in its name to give it away.
  const fd = fs.openSync(path.join(src, 'big.js'), 'w');
  const chunk = Buffer.from('1,'.repeat(512 * 1024));
  fs.writeSync(fd, 'var x=[');
  for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
  fs.writeSync(fd, '1];\n');
  fs.closeSync(fd);
  fs.symlinkSync('.', path.join(root, 'loop'));
  fs.symlinkSync('b', path.join(root, 'a'));
  fs.symlinkSync('a', path.join(root, 'b'));
  fs.symlinkSync('../src', path.join(src, 'self'));
  fs.writeFileSync(path.join(root, '.gitattributes'), '* filter=evil diff=evil\n');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'hostile');
  // Hooks and programs the repository configures for itself (written last: our own git above ran
  // without them).
  const hooks = path.join(root, '.git', 'hooks');
  for (const h of ['pre-commit', 'post-checkout', 'post-merge', 'pre-rebase', 'post-rewrite', 'reference-transaction', 'fsmonitor-watchman']) fs.copyFileSync(script(`hook-${h}`), path.join(hooks, h));
  fs.appendFileSync(
    path.join(root, '.git', 'config'),
    [
      '[core]',
      `\tfsmonitor = ${script('fsmonitor')}`,
      `\tpager = ${script('pager')}`,
      `\tsshCommand = ${script('ssh')}`,
      `\thooksPath = ${hooks}`,
      '[diff]',
      `\texternal = ${script('diff-external')}`,
      '[diff "evil"]',
      `\ttextconv = ${script('textconv')}`,
      '[filter "evil"]',
      `\tclean = ${script('clean')}`,
      `\tsmudge = ${script('smudge')}`,
      '[gpg]',
      `\tprogram = ${script('gpg')}`,
      '',
    ].join('\n'),
  );
  return root;
}

describe('reliability: a hostile repository', function () {
  this.timeout(900_000);

  it('nothing runs, nothing is injected, names are data, huge files are bounded, errors name their place', () => {
    const markers = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-markers-'));
    const root = hostileRepo(markers);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-out-'));
    const runs: [string[], Run][] = [];
    const ok = (args: string[]): Run => {
      const r = cli(root, args);
      runs.push([args, r]);
      assert.equal(r.code, 0, `${args.join(' ')}: exit ${r.code}: ${r.err}`);
      return r;
    };
    const evil = 'evil \u001b]0;pwned\u0007 \u001b[2J \u009b31m <script>alert(1)</script> \u202eexe.txt';

    const map = JSON.parse(ok(['map', '--json']).out);
    assert.ok(!map.files.some((f: { path: string }) => f.path === 'src/big.js'), 'the 50 MB file is not parsed by the map');
    ok(['routes']);
    ok(['flows']);
    ok(['history']);
    ok(['read', 'src/__proto__.js']);
    ok(['read', 'src/constructor.js']);
    ok(['read', 'src/hasOwnProperty.js:1-2']);
    ok(['read', 'src/__proto__/x.js']);
    ok(['read', 'src/latin1.js']);
    const bigRead = ok(['read', 'src/big.js']);
    assert.match(bigRead.out, /src\/big\.js: too large to parse: /);
    ok(['note', 'add', 'src/big.js:1', '--kind', 'risk', '--body', 'a note on a 50 MB line']);
    ok(['note', 'add', ESC_NAME + ':1', '--kind', 'gap', '--body', evil]);
    ok(['note', 'add', 'src/__proto__.js:2', '--kind', 'question', '--body', '__proto__ is a file like any other']);
    const list = ok(['note', 'list']);
    assert.match(list.out, /\\u001b\]0;pwned\\u0007/, 'escape sequences are shown, escaped');
    ok(['status']);
    const status = JSON.parse(ok(['status', '--json']).out);
    for (const f of ['src/__proto__.js', 'src/constructor.js', 'src/hasOwnProperty.js', 'src/__proto__/x.js']) {
      const file = status.files.find((x: { path: string }) => x.path === f);
      assert.ok(file && file.read > 0, `${f} was read and shows as read`);
    }
    ok(['report']);
    ok(['report', '--format', 'html', '--out', path.join(out, 'r.html')]);
    ok(['report', '--format', 'json', '--out', path.join(out, 'r.json')]);
    // A second dive whose id is a name of Object.prototype.
    ok(['start', '--title', 'Constructor', '--id', 'constructor']);
    ok(['note', 'add', '--dive', 'constructor', 'src/constructor.js:1', '--kind', 'insight', '--body', 'ids are data too']);
    ok(['status', '--dive', 'constructor']);

    // Nothing ran.
    assert.deepEqual(fs.readdirSync(markers).filter((n) => n.startsWith('ran-')), [], 'a repository program ran');
    // Nothing reached the terminal raw.
    for (const [args, r] of runs) assert.doesNotMatch(r.out + r.err, RAW_CONTROL, `${args.join(' ')} printed a raw control character`);
    // Nothing injected into the HTML report; the body is kept exactly in the dive.
    assert.doesNotMatch(fs.readFileSync(path.join(out, 'r.html'), 'utf8'), /<script>alert/);
    const dive = readDive(root);
    assert.ok(dive.notes.some((n) => n.body === evil), 'the note body is stored exactly');
    const reading = dive.reading as Record<string, unknown>;
    for (const f of ['src/__proto__.js', 'src/constructor.js', 'src/hasOwnProperty.js']) assert.ok(Object.prototype.hasOwnProperty.call(reading, f), f);
    // The 50 MB line: a bounded anchor, not the file.
    const size = fs.statSync(path.join(root, '.deepdive', 'd.json')).size;
    assert.ok(size < 64 * 1024, `the dive file is ${size} bytes`);
    // A clear refusal with its place, not a crash: a file that does not exist, a line past the end.
    const missing = cli(root, ['read', 'src/nope.js']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /^deepdive read: src\/nope\.js: no such file\n$/);
    const past = cli(root, ['note', 'add', 'src/__proto__.js:99', '--kind', 'gap', '--body', 'x']);
    assert.equal(past.code, 1);
    assert.match(past.err, /^deepdive note: src\/__proto__\.js: .*\n$/);
  });
});
