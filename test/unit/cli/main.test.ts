import * as assert from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { COMMANDS } from '../../../src/cli/commands/index';

const repo = path.resolve(__dirname, '..', '..', '..', '..');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

describe('deepdive CLI frame', () => {
  it('--help lists every command that exists, and only those', async () => {
    const { code, out } = await run(['--help']);
    assert.strictEqual(code, 0);
    const listed = [...out.matchAll(/^ {2}(\S+)\s{2,}/gm)].map((m) => m[1]).sort();
    assert.deepStrictEqual(listed, COMMANDS.map((c) => c.name).sort());
    assert.ok(listed.length >= 5, `commands: ${listed.join(', ')}`);
  });

  it("--help and a command's own help show the table's summary of it", async () => {
    const { out } = await run(['--help']);
    const width = Math.max(...COMMANDS.map((c) => c.name.length));
    for (const entry of COMMANDS) {
      assert.ok(entry.summary.trim().length > 10, entry.name);
      assert.ok(out.includes(`  ${entry.name.padEnd(width)}  ${entry.summary}\n`), `${entry.name} in:\n${out}`);
      const own = await run([entry.name, '--help']);
      assert.strictEqual(own.code, 0, entry.name);
      assert.ok(own.out.trimEnd().endsWith(`\n\n${entry.summary}`), `${entry.name}: ${own.out}`);
    }
  });

  it('each entry of the command table loads the command of its name', async () => {
    for (const entry of COMMANDS) assert.strictEqual((await entry.load()).name, entry.name);
    assert.strictEqual(new Set(COMMANDS.map((c) => c.name)).size, COMMANDS.length);
  });

  it('the bundled bin loads only the bundle of the command it runs, and none for the overview', () => {
    // Each command is a bundle of its own (scripts/build.mjs): `history` must not compile the
    // report's or the flows' code, and `--help` lists every command from the table without
    // loading any (it loaded all twelve for their summaries). A preload lists the files Node
    // loaded once the run is over.
    const dist = path.join(repo, 'dist');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-cli-load-'));
    try {
      const preload = path.join(tmp, 'loaded.js');
      fs.writeFileSync(preload, "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n");
      const loadedBy = (args: string[]): string[] => {
        const r = spawnSync(process.execPath, ['-r', preload, path.join(dist, 'cli.js'), ...args], { encoding: 'utf8' });
        assert.strictEqual(r.status, 0, r.stderr);
        return (JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)?.[1] ?? '[]') as string[]).filter((f) => path.dirname(f) === dist).map((f) => path.basename(f)).sort();
      };
      assert.deepStrictEqual(loadedBy(['history', '--root', tmp]), ['cli-history.js', 'cli.js']);
      assert.deepStrictEqual(loadedBy(['--help']), ['cli.js']);
      const bundles = fs.readdirSync(dist).filter((f) => /^cli-\w+\.js$/.test(f));
      assert.strictEqual(bundles.length, COMMANDS.length, bundles.join(', '));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('the bundled bin prints a command bundle\'s own error subclass as one line, exit 1, not as an internal error', () => {
    // DiveFileError (a DeepDiveError subclass) comes from the command's bundle, whose classes are
    // not the front's: it must still be recognised (a brand shared across bundles, not the name).
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-cli-error-'));
    try {
      fs.mkdirSync(path.join(tmp, '.deepdive'));
      fs.writeFileSync(path.join(tmp, '.deepdive', 'broken.json'), '{ "version": 1, "title": ');
      const r = spawnSync(process.execPath, [path.join(repo, 'dist', 'cli.js'), 'status', 'broken', '--root', tmp], { encoding: 'utf8' });
      assert.strictEqual(r.status, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.match(r.stderr.trim(), /^[^\n]*\.deepdive\/broken\.json[^\n]*$/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('an unknown command prints one line and exits non-zero', async () => {
    const { code, out, err } = await run(['frobnicate']);
    assert.notStrictEqual(code, 0);
    assert.strictEqual(out, '');
    assert.strictEqual(err.trim().split('\n').length, 1);
    assert.match(err, /unknown command 'frobnicate'/);
  });

  it('a missing root folder prints one line and exits non-zero', async () => {
    const missing = path.join(os.tmpdir(), 'deepdive-no-such-folder-' + process.pid);
    for (const name of COMMANDS.map((c) => c.name)) {
      const { code, err } = await run([name, '--root', missing]);
      assert.notStrictEqual(code, 0, name);
      assert.strictEqual(err.trim().split('\n').length, 1, `${name}: ${err}`);
      assert.match(err, /root folder does not exist/, name);
    }
  });

  it('an unknown option prints one line and exits non-zero', async () => {
    const { code, err } = await run([COMMANDS[0].name, '--no-such-option']);
    assert.strictEqual(code, 2);
    assert.strictEqual(err.trim().split('\n').length, 1, err);
  });

  it('the bundled bin (dist/cli.js) runs a command end to end', () => {
    const bin = path.join(repo, 'dist', 'cli.js');
    assert.ok(fs.existsSync(bin), 'dist/cli.js exists: npm test builds before the unit tests');
    const r = spawnSync(process.execPath, [bin, 'map', '--root', path.join(repo, 'test', 'fixtures', 'auth-service-ts'), '--json', '--no-cache'], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const map = JSON.parse(r.stdout);
    assert.ok(map.files.length > 20, `${map.files.length} files`);
    assert.ok(map.files.some((f: { path: string }) => f.path === 'src/services/authService.ts'));
  });
});
