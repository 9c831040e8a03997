// The bar of issue 16: a read anonymous function, a read route table, a read top-level statement
// and a read class field; lines inserted above each and one line of each changed. Exactly the
// changed (and inserted) lines are unread afterwards, the moved ones still read — through the
// core API and through the real CLI on a real git repository.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { codeLinesOf } from '../../../src/core/coverage/codeLines';
import { fileCoverage } from '../../../src/core/coverage/coverage';
import { splitLines } from '../../../src/core/coverage/fingerprint';
import { addRead, effectiveReading } from '../../../src/core/coverage/staleness';
import { parseFile } from '../../../src/core/map/extractFile';
import { ALICE, TestRepo } from '../history/gitFixture';
import { APP_V1, APP_V2, EXPECTED_UNREAD_V2 } from './appVersions';

async function current(text: string) {
  return { lines: splitLines(text), symbols: (await parseFile('src/app.ts', text, 'typescript')).symbols };
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('reading follows every line of code (issue 16, real tree-sitter)', () => {
  it('exactly the changed lines become unread; moved ones stay read, in every construct', async () => {
    const v1 = await current(APP_V1);
    const reading = addRead(undefined, [[1, v1.lines.length - 1]], v1);
    assert.ok(reading.spans?.length, 'a read is stored with what its lines said');
    const v2 = await current(APP_V2);
    const cov = fileCoverage({ path: 'src/app.ts', module: '', codeLines: await codeLinesOf('src/app.ts', APP_V2), reading, current: v2 });
    assert.deepEqual(cov.unreadRanges, EXPECTED_UNREAD_V2);
    // The re-indented line of the arrow function (25) is no change.
    assert.ok(v2.symbols.some((s) => s.path === "router.get('/me') handler" && s.anonymous && s.range.start === 24));
    assert.ok(cov.readRanges.some(([s, e]) => s <= 25 && e >= 25));
    const stale = effectiveReading(reading, v2).stale;
    const byStart = stale.map((s) => [s.range.start, s.reason, s.changed, s.lines]);
    // Four units changed: the first middleware line, the route table, the default export, the
    // class field; the inserted import, comment and `audit(routes)` are new code, not changes.
    assert.deepEqual(
      byStart.map(([start, reason, changed]) => [start, reason, changed]),
      [
        [6, 'changed', [[6, 6]]],
        [10, 'changed', [[13, 13]]],
        [18, 'changed', [[20, 20]]],
        [28, 'changed', [[30, 30]]],
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
    for (const s of stale) assert.equal(s.lines, 1, `${s.symbol}: one read line changed`);
    // Each named: a top-level statement by its first line, the unnamed function by its context.
    assert.deepEqual(
      stale.map((s) => s.symbol),
      ["app.use(express.json({ limit: '1mb' }));", 'export const routes = [', 'default export', 'Store'],
    );
    // Reading the changes settles them: nothing left to review, everything read.
    const again = addRead(reading, EXPECTED_UNREAD_V2, v2);
    assert.deepEqual(effectiveReading(again, v2).stale, []);
    assert.deepEqual(fileCoverage({ path: 'src/app.ts', module: '', codeLines: await codeLinesOf('src/app.ts', APP_V2), reading: again, current: v2 }).unreadRanges, []);
  });

  it('a whitespace-only change is no change; a record without spans (older dive) still loads as it was', async () => {
    const v1 = await current(APP_V1);
    const reading = addRead(undefined, [[14, 18]], v1);
    const reindented = await current(APP_V1.replace('  const user = req.user;', '\tconst   user =  req.user ;'));
    assert.deepEqual(effectiveReading(reading, reindented).ranges, [[14, 18]]);
    assert.deepEqual(effectiveReading(reading, reindented).stale, []);
    const old = { ranges: [[14, 18]] as [number, number][], seconds: 3 };
    assert.deepEqual(effectiveReading(old, await current(APP_V2)).ranges, [[14, 18]]);
    // The next read of that file writes spans for the old lines as they are today.
    const upgraded = addRead(old, [[1, 1]], v1);
    assert.deepEqual(upgraded.spans!.map((s) => [s.start, s.end]), [[1, 1], [14, 18]]);
  });

  it('the CLI: read, commit an edit, and `status --json` shows exactly the changed lines unread', async () => {
    const repo = new TestRepo();
    repo.commit(ALICE, 2, { 'src/app.ts': APP_V1, 'src/auth.ts': 'export const login = 1;\n' }, 'first');
    const root = repo.dir;
    assert.equal((await run(['start', '--root', root, '--title', 'App', '--scope', 'src/**', '--json'])).code, 0);
    const read = await run(['read', '--root', root, 'src/app.ts', '--json']);
    assert.equal(read.code, 0, read.err);
    const dive = JSON.parse(fs.readFileSync(path.join(root, '.deepdive', 'app.json'), 'utf8'));
    const spans = dive.reading['src/app.ts'].spans;
    assert.equal(spans[0].blob, repo.git(['rev-parse', 'HEAD:src/app.ts']).trim(), 'the read version is the committed blob');
    repo.commit(ALICE, 1, { 'src/app.ts': APP_V2 }, 'second');
    const status = await run(['status', '--root', root, '--json']);
    assert.equal(status.code, 0, status.err);
    const file = JSON.parse(status.out).files.find((f: { path: string }) => f.path === 'src/app.ts');
    assert.deepEqual(file.unread, EXPECTED_UNREAD_V2);
    assert.equal(file.stale.length, 4);
  });
});
