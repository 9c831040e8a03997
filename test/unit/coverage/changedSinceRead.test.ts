// "Changed since read" as a review list, on a real git repository: each unit whose read code
// changed, the commit that changed it, and the text of the version that was read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { changedSinceRead, withCommits } from '../../../src/core/coverage/changedSinceRead';
import { computeCoverage, diskSnapshots } from '../../../src/core/coverage/coverage';
import { loadDive } from '../../../src/core/dive/store';
import { gitSpawnCount } from '../../../src/core/history/git';
import { commitsSinceRead, readVersionText } from '../../../src/core/history/sinceRead';
import { buildMap } from '../../../src/core/map/buildMap';
import { buildReport } from '../../../src/core/report/buildReport';
import { renderHtml } from '../../../src/core/report/html';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { ALICE, BOB, TestRepo } from '../history/gitFixture';
import { APP_V1, APP_V2 } from './appVersions';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('changed since read: units, commits and the read version (real git)', function () {
  this.timeout(120_000);
  let repo: TestRepo;
  before(async () => {
    repo = new TestRepo();
    repo.commit(ALICE, 3, { 'src/app.ts': APP_V1, 'src/auth.ts': 'export const login = 1;\n' }, 'first version');
    assert.equal((await run(['start', '--root', repo.dir, '--title', 'App', '--scope', 'src/**', '--json'])).code, 0);
    assert.equal((await run(['read', '--root', repo.dir, 'src/app.ts'])).code, 0);
    repo.commit(BOB, 2, { 'src/auth.ts': 'export const login = 2;\n' }, 'unrelated change');
    repo.commit(BOB, 1, { 'src/app.ts': APP_V2 }, 'health path renamed, 403 for anonymous users');
  });

  it('lists each changed unit with the commit that changed it, and shows the version read', async () => {
    const dive = loadDive(repo.dir, 'app').dive;
    const map = await buildMap({ root: repo.dir, cache: false });
    const cov = await computeCoverage(dive, map, diskSnapshots(repo.dir));
    const units = changedSinceRead(cov);
    assert.deepEqual(
      units.map((u) => [u.unit, u.range.start, u.changed]),
      [
        ["app.use(express.json({ limit: '1mb' }));", 6, [[6, 6]]],
        ['export const routes = [', 10, [[13, 13]]],
        ['default export', 18, [[20, 20]]],
        ['Store', 28, [[30, 30]]],
      ],
    );
    const listed = await withCommits(repo.dir, units, { trusted: true });
    for (const u of listed) assert.deepEqual(u.commits?.map((c) => [c.subject, c.author]), [['health path renamed, 403 for anonymous users', 'Bob Baker']], u.unit);
    assert.equal(await readVersionText(repo.dir, 'src/app.ts', { blob: units[0].blob, commit: units[0].commit }, { trusted: true }), APP_V1);
  });

  it('puts the list in the report, and runs no git when untrusted', async () => {
    const dive = loadDive(repo.dir, 'app').dive;
    const report = await buildReport(repo.dir, dive, { trusted: true, noCache: true, suggestedFlows: 0 });
    assert.equal(report.changedSinceRead?.length, 4);
    const md = renderMarkdown(report);
    assert.match(md, /### Changed since read/);
    assert.match(md, /`default export` \| .*src\/app\.ts:18-22.* \| line 20 \| [0-9a-f]{8} health path renamed, 403 for anonymous users \\\(Bob Baker/);
    const before = gitSpawnCount();
    assert.deepEqual(await commitsSinceRead(repo.dir, 'src/app.ts', { blob: report.changedSinceRead![0].blob }, { trusted: false }), { known: false, commits: [] });
    assert.equal(await readVersionText(repo.dir, 'src/app.ts', { blob: report.changedSinceRead![0].blob }, { trusted: false }), undefined);
    assert.equal(gitSpawnCount(), before);
    assert.ok(fs.existsSync(path.join(repo.dir, '.deepdive', 'app.json')));
  });
});

describe('changed since read in the report: the diff from the version read, one click away (real git)', function () {
  this.timeout(120_000);

  it('each changed unit carries its diff from the version read to now, collapsed under the table', async () => {
    const repo = new TestRepo();
    repo.commit(ALICE, 3, { 'src/app.ts': APP_V1 }, 'first version');
    assert.equal((await run(['start', '--root', repo.dir, '--title', 'App', '--scope', 'src/**', '--json'])).code, 0);
    assert.equal((await run(['read', '--root', repo.dir, 'src/app.ts'])).code, 0);
    repo.commit(BOB, 1, { 'src/app.ts': APP_V2 }, 'health path renamed, 403 for anonymous users');
    const dive = loadDive(repo.dir, 'app').dive;
    const report = await buildReport(repo.dir, dive, { trusted: true, noCache: true, suggestedFlows: 0 });
    const byUnit = new Map(report.changedSinceRead!.map((u) => [u.unit, u.diff?.map((d) => `${d.op}${d.text}`)]));
    // Only the changed line and one unchanged line around it; the re-indented line is no change.
    assert.deepEqual(byUnit.get('default export'), [
      '   const user = req.user;',
      '-  if (!user) return res.status(401).end();',
      '+  if (!user) return res.status(403).end();',
      '   res.json({ id: user.id });',
    ]);
    assert.deepEqual(byUnit.get('export const routes = ['), [
      "   { method: 'post', path: '/logout', handler: logout },",
      "-  { method: 'get', path: '/health', handler: health },",
      "+  { method: 'get', path: '/healthz', handler: health },",
      ' ];',
    ]);
    const md = renderMarkdown(report);
    const mdBlock = [
      '<details><summary>Diff since read: <code>default export</code> (src/app.ts:18-22)</summary>',
      '',
      '```diff',
      '    const user = req.user;',
      '-   if (!user) return res.status(401).end();',
      '+   if (!user) return res.status(403).end();',
      '    res.json({ id: user.id });',
      '```',
      '',
      '</details>',
    ].join('\n');
    assert.ok(md.includes(mdBlock), 'the Markdown report has the diff of the default export under its table');
    const html = renderHtml(report);
    const htmlBlock =
      '<details class="diff"><summary>diff since read</summary><pre><span class="same">    const user = req.user;</span><span class="del">-   if (!user) return res.status(401).end();</span>' +
      '<span class="ins">+   if (!user) return res.status(403).end();</span><span class="same">    res.json({ id: user.id });</span></pre></details>';
    assert.ok(html.includes(htmlBlock), 'the HTML report has the diff in the unit\'s row, one click to open');
    // Untrusted: no git, so no read version and no diff — the rest of the list as before.
    const untrusted = await buildReport(repo.dir, dive, { trusted: false, noCache: true, suggestedFlows: 0 });
    assert.equal(untrusted.changedSinceRead?.length, 4);
    assert.ok(untrusted.changedSinceRead!.every((u) => !u.diff));
  });
});

describe('reading follows a function moved to another file (real tree-sitter and git)', function () {
  this.timeout(120_000);
  const VERIFY = `export function verifyToken(token: string): string {
  const [header, body, signature] = token.split('.');
  if (!signature) throw new Error('unsigned token');
  return decode(body, header);
}
`;
  const OTHER = `export function issueToken(user: string): string {
  return sign({ sub: user });
}
`;
  it('counts the moved function read in its new file, and the old file lists no change for it', async () => {
    const repo = new TestRepo();
    repo.commit(ALICE, 2, { 'src/tokens.ts': `import { decode, sign } from './jwt';\n\n${VERIFY}\n${OTHER}`, 'src/verify.ts': 'export {};\n' }, 'first');
    assert.equal((await run(['start', '--root', repo.dir, '--title', 'Moves', '--scope', 'src/**'])).code, 0);
    assert.equal((await run(['read', '--root', repo.dir, 'src/tokens.ts'])).code, 0);
    repo.commit(ALICE, 1, { 'src/tokens.ts': `import { sign } from './jwt';\n\n${OTHER}`, 'src/verify.ts': `import { decode } from './jwt';\n\n${VERIFY}` }, 'move verifyToken');
    const dive = loadDive(repo.dir, 'moves').dive;
    const cov = await computeCoverage(dive, await buildMap({ root: repo.dir, cache: false }), diskSnapshots(repo.dir));
    const verify = cov.files.find((f) => f.path === 'src/verify.ts')!;
    // Lines 3-7 (the function) read; the new import line is not.
    assert.deepEqual(verify.readRanges, [[3, 7]]);
    assert.deepEqual(verify.unreadRanges, [[1, 1]]);
    const tokens = cov.files.find((f) => f.path === 'src/tokens.ts')!;
    assert.deepEqual(tokens.unreadRanges, [[1, 1]], 'the changed import line is the only unread line left there');
    assert.deepEqual(changedSinceRead(cov).map((u) => [u.path, u.unit]), [['src/tokens.ts', "import { sign } from './jwt';"]]);
  });
});
