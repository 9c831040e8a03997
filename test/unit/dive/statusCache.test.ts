import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { answerCacheFile } from '../../../src/core/cache/answerCache';
import { markOwned } from '../../../src/core/cache/cacheFile';
import { tempRoot } from './helpers';

const fixture = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'auth-service-ts');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Folder and file times move on by a second, as they would between two commands. */
function later(abs: string): void {
  const t = new Date(fs.statSync(abs).mtimeMs + 1000);
  fs.utimesSync(abs, t, t);
}

describe('deepdive status: the last status is given back while nothing it read changed', () => {
  let root: string;
  const status = async () => {
    const r = await run(['status', '--root', root, '--json']);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as { coverage: { lines: number; read: number; files: number }; files: { path: string; lines: number }[] };
  };

  before(async () => {
    root = tempRoot('deepdive-status-cache-');
    fs.cpSync(fixture, root, { recursive: true });
    assert.equal((await run(['start', '--root', root, '--title', 'Status cache', '--scope', 'src/**', '--due', '2099-01-01'])).code, 0);
    assert.equal((await run(['read', '--root', root, 'src/lib/tokens.ts:1-10'])).code, 0);
  });

  it('answers a second time from .deepdive/cache/answers with the same status', async () => {
    const first = await status();
    const file = answerCacheFile(root, 'status-status-cache');
    assert.ok(fs.existsSync(file));
    const cached = JSON.parse(fs.readFileSync(file, 'utf8')) as { answers: Record<string, string> };
    const keys = Object.keys(cached.answers);
    assert.equal(keys.length, 1);
    const kept = JSON.parse(cached.answers[keys[0]]);
    assert.deepEqual(kept, first);
    // A mark only the cache holds: given back unchanged proves the warm run read it.
    kept.coverage.read = 424242;
    cached.answers[keys[0]] = JSON.stringify(kept, null, 2);
    fs.writeFileSync(file, JSON.stringify(cached));
    markOwned(file); // as if this machine had stored it
    assert.equal((await status()).coverage.read, 424242);
  });

  it('recomputes after an edit to a mapped file, a new file, or a change to the deep dive', async () => {
    const tokens = path.join(root, 'src', 'lib', 'tokens.ts');
    const before = await status();
    fs.appendFileSync(tokens, '\nexport function addedLater(): number {\n  return 1;\n}\n');
    const edited = await status();
    assert.notEqual(edited.coverage.read, 424242, 'not the planted status');
    assert.equal(edited.files.find((f) => f.path === 'src/lib/tokens.ts')!.lines, before.files.find((f) => f.path === 'src/lib/tokens.ts')!.lines + 3);

    fs.writeFileSync(path.join(root, 'src', 'lib', 'added.ts'), 'export const added = 1;\n');
    later(path.join(root, 'src', 'lib'));
    const added = await status();
    assert.equal(added.coverage.files, edited.coverage.files + 1);

    assert.equal((await run(['read', '--root', root, 'src/lib/added.ts'])).code, 0);
    const read = await status();
    assert.equal(read.coverage.read, added.coverage.read + 1);
  });
});
