import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { tempRoot } from './helpers';

const fixture = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'auth-service-ts');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function copyFixture(): string {
  const root = tempRoot('deepdive-cli-');
  fs.cpSync(fixture, root, { recursive: true });
  return root;
}

describe('deepdive start / read / status (real CLI main, fixture copy)', () => {
  it('starts, reads, and reports coverage, questions and days left', async () => {
    const root = copyFixture();
    const git = (...a: string[]) =>
      execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...a], { cwd: root, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } }).toString().trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'init');
    const head = git('rev-parse', 'HEAD');
    const started = await run(['start', '--root', root, '--title', 'Auth service', '--scope', 'src/**', '--exclude', 'src/types/**', '--due', '2099-01-01', '--template', 'auth', '--json']);
    assert.equal(started.code, 0, started.err);
    const s = JSON.parse(started.out);
    assert.equal(s.id, 'auth-service');
    assert.equal(s.dive.baseCommit, head);
    assert.equal(s.dive.questions.length, 12);
    assert.equal(fs.readFileSync(path.join(root, '.deepdive', 'cache', 'active'), 'utf8').trim(), 'auth-service');

    const read = await run(['read', '--root', root, 'src/services/sessionService.ts', 'src/lib/tokens.ts:1-10', '--json']);
    assert.equal(read.code, 0, read.err);
    const r = JSON.parse(read.out);
    assert.equal(r.files[0].percent, 100);
    assert.ok(r.files[0].fingerprints > 0);

    const st = await run(['status', '--root', root, '--json']);
    assert.equal(st.code, 0, st.err);
    const status = JSON.parse(st.out);
    for (const k of ['coverage', 'modules', 'files', 'flows', 'notes', 'questions', 'daysLeft']) assert.ok(k in status, k);
    const svc = status.files.find((f: { path: string }) => f.path === 'src/services/sessionService.ts');
    assert.equal(svc.read, svc.lines);
    assert.ok(status.coverage.read > svc.lines && status.coverage.read < status.coverage.lines);
    assert.equal(status.files.some((f: { path: string }) => f.path.startsWith('src/types/')), false);
    const mod = status.modules.find((m: { id: string }) => m.id === 'src/services');
    assert.ok(mod.read >= svc.read && mod.lines > svc.lines);
    assert.equal(status.questions.length, 12);
    assert.ok(status.daysLeft > 0);

    // Edit a read function: it becomes unread and is reported as changed since read.
    const file = path.join(root, 'src/services/sessionService.ts');
    const text = fs.readFileSync(file, 'utf8');
    const m = /\n(\s*)(return [^\n]*;)/.exec(text)!;
    fs.writeFileSync(file, text.replace(m[0], `\n${m[1]}const extra = 1; void extra;\n${m[1]}${m[2]}`));
    const st2 = JSON.parse((await run(['status', '--root', root, '--json'])).out);
    const svc2 = st2.files.find((f: { path: string }) => f.path === 'src/services/sessionService.ts');
    assert.ok(svc2.stale && svc2.stale.length >= 1 && svc2.stale[0].reason === 'changed');
    assert.ok(svc2.read < svc2.lines);
  });

  it('refuses bad input with one line: date, template, outside root, outside scope', async () => {
    const root = copyFixture();
    const bad = await run(['start', '--root', root, '--title', 'x', '--due', '2026-13-01']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^deepdive start: not a date: "2026-13-01"/);
    assert.match((await run(['start', '--root', root, '--title', 'x', '--template', 'nope'])).err, /unknown template "nope"/);
    assert.deepEqual(fs.existsSync(path.join(root, '.deepdive')) ? fs.readdirSync(path.join(root, '.deepdive')).filter((n) => n.endsWith('.json')) : [], [], 'nothing written on bad input');
    assert.equal((await run(['start', '--root', root, '--title', 'x', '--scope', 'src/**'])).code, 0);
    const outside = await run(['read', '--root', root, '../x.ts']);
    assert.match(outside.err, /outside the root/);
    const scope = await run(['read', '--root', root, 'package.json']);
    assert.match(scope.err, /package\.json: outside the deep dive's scope \(include src\/\*\*\)/);
    assert.equal(scope.err.split('\n').length, 1);
  });

  it('never overwrites a hand-broken deep-dive file, byte for byte, whatever the command', async () => {
    const root = copyFixture();
    assert.equal((await run(['start', '--root', root, '--title', 'Auth', '--id', 'auth'])).code, 0);
    const file = path.join(root, '.deepdive', 'auth.json');
    const broken = fs.readFileSync(file, 'utf8').replace('"scope": {', '"scope": {,');
    fs.writeFileSync(file, broken);
    for (const args of [['read', '--root', root, 'src/app.ts'], ['status', '--root', root], ['read', '--root', root, '--dive', 'auth', 'src/config.ts:1-3'], ['start', '--root', root, '--title', 'Auth', '--id', 'auth']]) {
      const res = await run(args);
      assert.equal(res.code, 1, args.join(' '));
      assert.equal(res.err.split('\n').length, 1);
      assert.match(res.err, args[0] === 'start' ? /exists already/ : /\.deepdive\/auth\.json:\d+:\d+: not valid JSON/);
      assert.equal(fs.readFileSync(file, 'utf8'), broken);
    }
    // A second, healthy dive can still be started next to it.
    assert.equal((await run(['start', '--root', root, '--title', 'Auth'])).code, 0);
    assert.ok(fs.existsSync(path.join(root, '.deepdive', 'auth-2.json')));
    assert.equal(fs.readFileSync(file, 'utf8'), broken);
    assert.ok(fs.readdirSync(path.join(root, '.deepdive', 'cache', 'backup')).length >= 1);
  });
});
