import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';

async function run(root: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--root', root], { out: (s) => (out += s + '\n'), err: (s) => (err += s + '\n') });
  return { code, out, err };
}

describe('deepdive note / flow (CLI)', () => {
  let root: string;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-notes-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src/auth.ts'), 'export function login(u: string) {\n  check(u);\n  return token(u);\n}\n');
    assert.equal((await run(root, 'start', '--title', 'Auth', '--id', 'auth')).code, 0);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('adds a note, follows the code after an edit above it, and reports it in JSON', async () => {
    const add = await run(root, 'note', 'add', 'src/auth.ts:2-3', '--kind', 'risk', '--body', 'no rate limit', '--severity', 'high', '--json');
    assert.equal(add.code, 0, add.err);
    const note = JSON.parse(add.out).note;
    assert.equal(note.target.anchor.symbol, 'login');
    fs.writeFileSync(path.join(root, 'src/auth.ts'), '// header\n\nexport function login(u: string) {\n  check(u);\n  return token(u);\n}\n');
    const list = JSON.parse((await run(root, 'note', 'list', '--json')).out);
    assert.deepEqual([list.notes[0].file, list.notes[0].line, list.notes[0].endLine, list.notes[0].anchor], ['src/auth.ts', 4, 5, 'moved']);
  });

  it('refuses bad input with one line', async () => {
    const kind = await run(root, 'note', 'add', 'src/auth.ts:1', '--kind', 'bug', '--body', 'x');
    assert.equal(kind.code, 1);
    assert.match(kind.err, /^deepdive note: unknown note kind "bug"/);
    assert.equal(kind.err.trim().split('\n').length, 1);
    assert.match((await run(root, 'note', 'add', 'src/auth.ts:99', '--kind', 'gap', '--body', 'x')).err, /src\/auth.ts: line 99 is out of range \(the file has 6 lines\)/);
    assert.match((await run(root, 'note', 'add', '../x.ts:1', '--kind', 'gap', '--body', 'x')).err, /outside the root/);
  });

  it('creates a flow, adds and moves steps, steps through it and marks it understood', async () => {
    const created = JSON.parse((await run(root, 'flow', 'create', '--title', 'login', '--json')).out).result;
    assert.equal((await run(root, 'flow', 'step', 'add', created.id, 'src/auth.ts:3-6', '--title', 'entry')).code, 0);
    assert.equal((await run(root, 'flow', 'step', 'add', created.id, 'src/auth.ts:5', '--at', '1')).code, 0);
    assert.equal((await run(root, 'flow', 'step', 'move', created.id, '1', '2')).code, 0);
    const next = await run(root, 'flow', 'step', 'next', created.id);
    assert.match(next.out, /^step 1\/2 · entry {2}src\/auth.ts:3-6/);
    const visited = async () => JSON.parse((await run(root, 'flow', 'list', '--json')).out).flows[0].steps.map((s: { line: number; visited: boolean }) => [s.line, s.visited]);
    assert.deepEqual(await visited(), [[3, true], [5, false]]);
    // Each run is a new process: without STEP, next goes on from the furthest step visited.
    const second = await run(root, 'flow', 'step', 'next', created.id);
    assert.match(second.out, /^step 2\/2 · login {2}src\/auth.ts:5-5/);
    assert.deepEqual(await visited(), [[3, true], [5, true]]);
    const past = await run(root, 'flow', 'step', 'next', created.id);
    assert.equal(past.code, 1);
    assert.match(past.err, /no next step/);
    assert.equal((await run(root, 'flow', 'status', created.id, 'understood')).code, 0);
    const flows = JSON.parse((await run(root, 'flow', 'list', '--json')).out).flows;
    assert.equal(flows[0].status, 'understood');
  });
});
