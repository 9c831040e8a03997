import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { analyzeHistory, gitSpawnCount, lineOrigins, repoInfo, UNTRUSTED_REASON } from '../../../src/core/history/index';
import type { HistoryOptions } from '../../../src/core/history/index';
import { HistoryEngine } from '../../../src/extension/history/historyEngine';
import { HeadWatcher } from '../../../src/extension/history/headWatcher';
import { mdEscape, plainLabel, shortSha } from '../../../src/extension/history/markdownText';
import { ALICE, BOB, TestRepo, lines } from '../history/gitFixture';

/** The core functions, wrapped to count how often the engine calls them. */
function counted() {
  const calls = { analyze: 0, origins: 0, probe: 0 };
  return {
    calls,
    analyze: (root: string, o: HistoryOptions) => (calls.analyze++, analyzeHistory(root, o)),
    origins: (root: string, f: string, s: number, e: number, o: { trusted: boolean }) => (calls.origins++, lineOrigins(root, f, s, e, o)),
    probe: (root: string, t: boolean) => (calls.probe++, repoInfo(root, t)),
  };
}

describe('extension history engine: trust gate and caching', () => {
  let repo: TestRepo;
  before(() => {
    repo = new TestRepo();
    repo.commit(ALICE, 30, { 'src/a.ts': lines('alice', 20) }, 'alice writes a');
    repo.commit(BOB, 10, { 'lib/b.ts': lines('bob', 5) }, 'bob writes b');
  });
  after(() => repo.remove());

  it('starts no git process and calls none of the core readers while the workspace is untrusted', async () => {
    const core = counted();
    let trusted = false;
    const engine = new HistoryEngine({ root: repo.dir, trusted: () => trusted, ...core });
    const before = gitSpawnCount();
    const availability = await engine.availability();
    const report = await engine.report();
    const origins = await engine.lineOrigins('src/a.ts', 1, 3);
    const hotspots = await engine.hotspots();
    assert.deepEqual(core.calls, { analyze: 0, origins: 0, probe: 0 });
    assert.equal(gitSpawnCount(), before, 'no git process was started');
    assert.deepEqual(availability, { available: false, partial: false, reason: UNTRUSTED_REASON });
    assert.equal(report.available, false);
    assert.equal(report.reason, UNTRUSTED_REASON);
    assert.deepEqual([report.people, report.modules, hotspots], [[], [], []]);
    assert.equal(origins.available, false);
    // Trust granted: the same engine reads the repository after the service invalidates it.
    trusted = true;
    engine.invalidate();
    assert.equal((await engine.availability()).available, true);
    const granted = await engine.report();
    assert.equal(granted.available, true);
    assert.deepEqual(granted.people.map((p) => p.email).sort(), [ALICE.email, BOB.email]);
    assert.ok(gitSpawnCount() > before);
    assert.deepEqual([core.calls.probe, core.calls.analyze], [1, 1]);
  });

  it('computes the report once for concurrent callers and again only after invalidation', async () => {
    const core = counted();
    const engine = new HistoryEngine({ root: repo.dir, trusted: () => true, ...core });
    const [a, b] = await Promise.all([engine.report(), engine.report()]);
    assert.equal(a, b);
    assert.equal(core.calls.analyze, 1);
    assert.equal(engine.fresh, true);
    await engine.report();
    assert.equal(core.calls.analyze, 1, 'cached');
    engine.invalidate();
    assert.equal(engine.fresh, false);
    assert.equal(engine.lastReport, a, 'the stale report stays visible while the next one is computed');
    await engine.report();
    assert.equal(core.calls.analyze, 2);
  });

  it('blames each range once per HEAD and names the commit that made the lines', async () => {
    const core = counted();
    const engine = new HistoryEngine({ root: repo.dir, trusted: () => true, ...core });
    const first = await engine.lineOrigins('src/a.ts', 2, 4);
    await engine.lineOrigins('src/a.ts', 2, 4);
    assert.equal(core.calls.origins, 1);
    assert.deepEqual(first.origins.map((o) => [o.author, o.summary, o.lines]), [[ALICE.name, 'alice writes a', 3]]);
    engine.invalidate();
    await engine.lineOrigins('src/a.ts', 2, 4);
    assert.equal(core.calls.origins, 2);
  });

  it('passes the map modules to the core', async () => {
    const engine = new HistoryEngine({ root: repo.dir, trusted: () => true, modules: async () => ({ 'src/a.ts': 'core', 'lib/b.ts': 'core' }) });
    const report = await engine.report();
    assert.deepEqual(report.modules.map((m) => m.id), ['core']);
    assert.deepEqual(report.modules[0].owners.map((o) => o.email), [ALICE.email, BOB.email]);
  });
});

describe('extension history: repository text in Markdown', () => {
  const MarkdownIt = createRequire(__filename)('markdown-it') as new (o?: object) => { render(s: string): string };
  const md = new MarkdownIt({ html: true, linkify: true });
  const hostile = "Switch to HS256 <img src=x onerror=alert(1)> [link](command:workbench.action.quit) **bold** https://evil.example/x `code` # h";

  it('renders every character of a hostile commit message as text, even with HTML and linkify on', () => {
    const html = md.render(mdEscape(hostile));
    assert.doesNotMatch(html, /<img|<a |<strong>|<code>|<h1>/);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), html);
    assert.ok(html.includes('[link](command:workbench.action.quit)'), html);
    // What a reader sees is the message itself.
    const text = html.replace(/<\/?p>\n?/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.equal(text, hostile);
  });

  it('keeps messages on one line, bounded, and labels free of theme icons', () => {
    assert.doesNotMatch(mdEscape('a\nb\r\n# c'), /\n/);
    assert.equal(mdEscape('x'.repeat(1000), 50).length, 50);
    assert.doesNotMatch(plainLabel('deploy $(zap) now'), /\$\(zap\)/);
    assert.equal(shortSha('0123456789abcdef'), '0123456');
    assert.equal(shortSha('<script>'), 'c');
  });
});

describe('extension history: HEAD watcher signature', () => {
  it('changes when a commit moves HEAD or HEAD switches branch, not when git only reads', async () => {
    const repo = new TestRepo();
    try {
      repo.commit(ALICE, 3, { 'a.ts': lines('a', 2) }, 'one');
      let moves = 0;
      const w = new HeadWatcher(repo.dir, () => moves++);
      const first = await w.signature();
      repo.git(['status', '--porcelain']);
      repo.git(['log', '--oneline']);
      assert.equal(await w.signature(), first, 'reading the repository does not move HEAD');
      await w.poke();
      assert.equal(moves, 1, 'the first look records where HEAD is');
      repo.commit(BOB, 1, { 'a.ts': lines('b', 2) }, 'two');
      const second = await w.signature();
      assert.notEqual(second, first);
      // Two events at once: the looks run one after the other, so only the first sees a move.
      await Promise.all([w.poke(), w.poke()]);
      assert.equal(moves, 2, 'one move, however many events');
      repo.git(['checkout', '-q', '-b', 'other']);
      assert.notEqual(await w.signature(), second, 'another branch at the same commit is another HEAD');
      repo.git(['pack-refs', '--all']);
      assert.ok((await w.signature()).includes('ref: refs/heads/other'));
      w.dispose();
    } finally {
      repo.remove();
    }
  });
});
