// deepdive routes, flows and report give their last answer back while nothing they read changed
// (.deepdive/cache/answers), the same as a fresh one, and compute again after an edit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { answerCacheFile } from '../../../src/core/cache/answerCache';
import { markOwned } from '../../../src/core/cache/cacheFile';

const fixture = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'auth-service-ts');

async function run(args: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  assert.equal(code, 0, err.join('\n'));
  return out.join('\n');
}

/** Replaces every stored answer of a command by `mark(answer)`, keeping what it was computed from. */
function plant(root: string, command: string, mark: (answer: string) => string): void {
  const file = answerCacheFile(root, command);
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { answers: Record<string, string> };
  for (const k of Object.keys(stored.answers)) stored.answers[k] = mark(stored.answers[k]);
  fs.writeFileSync(file, JSON.stringify(stored));
  markOwned(file); // the mark stands for an answer this machine stored
}

/** An edit to a mapped file, its times a second on (as between two commands). */
function edit(root: string): void {
  const file = path.join(root, 'src', 'lib', 'tokens.ts');
  fs.appendFileSync(file, '\nexport const editedLater = 1;\n');
  const t = new Date(fs.statSync(file).mtimeMs + 1000);
  fs.utimesSync(file, t, t);
}

describe('deepdive routes, flows, report: the last answer while nothing it read changed', function () {
  this.timeout(120_000);
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-cli-answers-'));
    fs.cpSync(fixture, root, { recursive: true });
  });

  for (const [command, args] of [
    ['routes', ['routes', '--json']],
    ['flows', ['flows', '--entry', 'POST /api/auth/login']],
  ] as const) {
    it(`${command}: a warm run prints what a fresh one does, from the cache; an edit computes again`, async () => {
      const fresh = await run([...args, '--root', root]);
      assert.ok(fresh.length > 100);
      assert.ok(fs.existsSync(answerCacheFile(root, command)));
      assert.equal(await run([...args, '--root', root]), fresh);
      plant(root, command, (a) => `${a}\nMARK`);
      assert.equal(await run([...args, '--root', root]), `${fresh}\nMARK`, 'the warm run read the stored answer');
      edit(root);
      assert.equal(await run([...args, '--root', root]), fresh, 'the edit added nothing that changes the answer, and the mark is gone');
    });
  }

  it('report: the data comes back from the cache (only the generation time is new); an edit to the dive gathers again', async () => {
    await run(['start', '--root', root, '--title', 'Answers', '--scope', 'src/**']);
    const md = async () => (await run(['report', '--root', root, '--format', 'md', '--untrusted'])).replace(/generated [^_]*_/, 'generated …_');
    const fresh = await md();
    assert.equal(await md(), fresh);
    plant(root, 'report', (a) => a.replace('"title":"Answers"', '"title":"Planted title"'));
    assert.match(await md(), /Planted title/);
    await run(['read', '--root', root, 'src/lib/tokens.ts:1-5']);
    const after = await md();
    assert.doesNotMatch(after, /Planted title/);
    assert.notEqual(after, fresh, 'the reading counted');
  });

  it('report --out into the repository: writing the file does not make the next run gather again', async () => {
    await run(['start', '--root', root, '--title', 'Answers', '--scope', 'src/**']);
    const out = path.join(root, 'deep-dive.md');
    const report = async () => {
      await run(['report', '--root', root, '--format', 'md', '--untrusted', '--out', out]);
      return fs.readFileSync(out, 'utf8');
    };
    assert.match(await report(), /Answers/);
    plant(root, 'report', (a) => a.replace('"title":"Answers"', '"title":"Planted title"'));
    assert.match(await report(), /Planted title/);
    assert.match(await report(), /Planted title/, 'the second write was restamped too');
    fs.writeFileSync(path.join(root, 'NEW.md'), 'a file the report did not write\n');
    assert.doesNotMatch(await report(), /Planted title/, 'another change in the same folder is still seen');
  });

  it('report --no-cache neither reads nor writes an answer', async () => {
    await run(['start', '--root', root, '--title', 'Answers', '--scope', 'src/**']);
    await run(['report', '--root', root, '--format', 'md', '--untrusted', '--no-cache']);
    assert.equal(fs.existsSync(answerCacheFile(root, 'report')), false);
  });
});
