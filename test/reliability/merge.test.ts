// One deep dive on two git branches: notes and reading on each, then a real `git merge`. With the
// merge driver configured as the README says, both sides' notes and reading are kept; without
// it, git reports a conflict and Deep Dive refuses the file with its place instead of loading
// half of it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { cliJs, diveRepo, git, readDive } from './helpers';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function work(root: string, branch: string, lines: number[]): Promise<string[]> {
  const ids: string[] = [];
  for (const l of lines) {
    const r = await run(['note', 'add', '--root', root, `src/a.js:${l}`, '--kind', 'risk', '--body', `${branch} at ${l}`, '--json']);
    assert.equal(r.code, 0, r.err);
    ids.push(JSON.parse(r.out).note.id);
    assert.equal((await run(['read', '--root', root, `src/a.js:${l}-${l + 1}`])).code, 0);
  }
  git(root, 'commit', '-q', '-am', `${branch}: notes and reading`);
  return ids;
}

async function twoBranches(root: string): Promise<{ a: string[]; b: string[] }> {
  git(root, 'checkout', '-q', '-b', 'alice');
  const a = await work(root, 'alice', [1, 5, 9]);
  git(root, 'checkout', '-q', '-b', 'bob', 'HEAD~1');
  const b = await work(root, 'bob', [20, 25, 30]);
  git(root, 'checkout', '-q', 'alice');
  return { a, b };
}

describe('reliability: one deep dive on two git branches merges', function () {
  this.timeout(600_000);

  it('with the merge driver: no conflict, both sides\' notes and reading kept', async () => {
    const root = diveRepo();
    fs.writeFileSync(path.join(root, '.gitattributes'), '.deepdive/*.json merge=deepdive\n');
    git(root, 'add', '.gitattributes');
    git(root, 'commit', '-q', '-m', 'attributes');
    git(root, 'config', 'merge.deepdive.driver', `"${process.execPath}" "${cliJs}" merge-driver %O %A %B %P`);
    const { a, b } = await twoBranches(root);
    git(root, 'merge', '-q', '--no-edit', 'bob');
    const dive = readDive(root);
    const ids = new Set(dive.notes.map((n) => n.id));
    for (const id of [...a, ...b]) assert.ok(ids.has(id), `note ${id} lost in the merge`);
    assert.equal(dive.notes.length, 6);
    const ranges = dive.reading['src/a.js'].ranges;
    for (const l of [1, 2, 5, 6, 9, 10, 20, 21, 25, 26, 30, 31]) assert.ok(ranges.some(([s, e]) => s <= l && l <= e), `read line ${l} lost`);
    assert.equal(git(root, 'status', '--porcelain'), '');
    const st = await run(['status', '--root', root, '--json']);
    assert.equal(st.code, 0, st.err);
    assert.equal(JSON.parse(st.out).notes.length, 6);

    // Both branches edit the same note, then merge again: both texts are kept.
    const shared = a[0];
    git(root, 'checkout', '-q', '-b', 'carol');
    assert.equal((await run(['note', 'edit', '--root', root, shared, '--body', 'carol says so'])).code, 0);
    git(root, 'commit', '-q', '-am', 'carol');
    git(root, 'checkout', '-q', 'alice');
    assert.equal((await run(['note', 'edit', '--root', root, shared, '--body', 'alice says so'])).code, 0);
    git(root, 'commit', '-q', '-am', 'alice again');
    git(root, 'merge', '-q', '--no-edit', 'carol');
    const bodies = readDive(root).notes.map((n) => n.body);
    assert.ok(bodies.includes('alice says so') && bodies.includes('carol says so'), bodies.join(' | '));
  });

  it('without the driver: git reports a conflict and the file is refused with its place, not half-loaded', async () => {
    const root = diveRepo();
    await twoBranches(root);
    let failed = false;
    try {
      git(root, 'merge', '-q', '--no-edit', 'bob');
    } catch {
      failed = true;
    }
    assert.ok(failed, 'the plain text merge was expected to conflict');
    const st = await run(['status', '--root', root]);
    assert.equal(st.code, 1);
    assert.match(st.err, /^deepdive status: \.deepdive\/d\.json:\d+:\d+: not valid JSON: .*git merge conflict.*merge-driver/);
    // The driver run by hand on the three stages resolves it.
    const stage = (n: number) => {
      const f = path.join(root, `.stage${n}`);
      fs.writeFileSync(f, git(root, 'show', `:${n}:.deepdive/d.json`));
      return f;
    };
    const [base, ours, theirs] = [stage(1), stage(2), stage(3)];
    const r = await run(['merge-driver', '--root', root, base, ours, theirs, '.deepdive/d.json']);
    assert.equal(r.code, 0, r.err);
    fs.copyFileSync(ours, path.join(root, '.deepdive', 'd.json'));
    assert.equal(readDive(root).notes.length, 6);
  });
});
