import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeHistory, lineOrigins, repoInfo, runGit, updateState } from '../../../src/core/history/index';
import { main } from '../../../src/cli/main';
import { answerCacheFile, answerInputs, inputsUnchanged } from '../../../src/core/cache/answerCache';
import { walk } from '../../../src/core/walk/walker';
import { ALICE, BOB, NOW, TestRepo, lines, tempDir } from './gitFixture';
import { markOwned } from '../../../src/core/cache/cacheFile';

/**
 * A repository whose config and hooks try to run programs: every one of them would leave a
 * marker file. Deep Dive's history functions must leave none.
 */
describe('history: a hostile repository runs nothing', function () {
  let repo: TestRepo;
  let markers: string;
  let trap: string;

  const fired = () => fs.readdirSync(markers).sort();

  before(() => {
    markers = tempDir('markers');
    const bin = tempDir('trapbin');
    trap = path.join(bin, 'trap.sh');
    // Writes a marker named after its first argument, then passes stdin through (a clean filter,
    // a pager or a credential helper then finishes as soon as git closes the pipe). No
    // filter.<x>.process trap: that protocol waits for a handshake and would hang the control run.
    fs.writeFileSync(trap, `#!/bin/sh\ntouch "${markers}/$1"\nexec cat\n`, { mode: 0o755 });

    repo = new TestRepo();
    repo.commit(ALICE, 50, { 'src/app.ts': lines('app', 10), 'data.secret': 'a\nb\n', '.gitattributes': '*.secret diff=x filter=x\n*.ts filter=x\n' });
    repo.commit(BOB, 20, { 'src/app.ts': lines('bob', 3) + lines('app', 8, 3), 'data.secret': 'a\nc\n' });

    const hooks = path.join(repo.dir, '.git', 'hooks');
    for (const hook of ['post-checkout', 'pre-commit', 'post-commit', 'pre-push', 'post-merge', 'reference-transaction', 'post-index-change', 'fsmonitor-watchman', 'pre-auto-gc', 'post-rewrite']) {
      fs.writeFileSync(path.join(hooks, hook), `#!/bin/sh\n"${trap}" hook-${hook}\n`, { mode: 0o755 });
    }
    const set = (key: string, value: string) => repo.git(['config', key, value]);
    set('core.hooksPath', hooks);
    set('core.fsmonitor', `${trap} fsmonitor`);
    set('diff.external', `${trap} diff-external`);
    set('core.pager', `${trap} pager`);
    set('pager.log', `${trap} pager-log`);
    set('pager.blame', `${trap} pager-blame`);
    set('diff.x.textconv', `${trap} textconv`);
    set('diff.x.command', `${trap} diff-command`);
    set('filter.x.clean', `${trap} filter-clean`);
    set('filter.x.smudge', `${trap} filter-smudge`);
    set('core.sshCommand', `${trap} ssh`);
    set('core.askPass', `${trap} askpass`);
    set('credential.helper', `!${trap} credential`);
    set('gpg.program', `${trap} gpg`);
    set('log.showSignature', 'true');
    set('core.editor', `${trap} editor`);
    set('core.alternateRefsCommand', `${trap} alternate-refs`);
    set('uploadpack.packObjectsHook', `${trap} pack-objects`);
    set('protocol.ext.allow', 'always');
    set('remote.origin.url', `ext::${trap} ext-transport`);
    // The working tree differs from HEAD, so anything that looks at it would want to filter it.
    fs.appendFileSync(path.join(repo.dir, 'src', 'app.ts'), '// dirty\n');
    fs.appendFileSync(path.join(repo.dir, 'data.secret'), 'dirty\n');
  });
  after(() => {
    repo.remove();
    fs.rmSync(markers, { recursive: true, force: true });
  });

  const clear = () => {
    for (const m of fired()) fs.rmSync(path.join(markers, m));
  };

  it('is armed: plain git in this repository does run its programs', () => {
    repo.git(['diff', 'HEAD~1', 'HEAD', '--', 'src/app.ts']);
    repo.git(['diff', 'HEAD~1', 'HEAD', '--', 'data.secret']);
    repo.git(['log', '-p', '-1', '--', 'data.secret']);
    repo.git(['status', '--porcelain']);
    repo.git(['diff', '--no-ext-diff', '--stat', '--', 'src/app.ts']);
    const armed = fired();
    clear();
    for (const m of ['diff-external', 'diff-command', 'textconv', 'fsmonitor']) {
      assert.ok(armed.includes(m), `${m} did not fire; armed: ${armed.join(', ')}`);
    }
    assert.ok(armed.some((m) => m.startsWith('filter-')), `no filter fired; armed: ${armed.join(', ')}`);
  });

  it('runs every history function without a single marker appearing', async () => {
    clear();
    const report = await analyzeHistory(repo.dir, { trusted: true, now: NOW, files: true });
    assert.equal(report.available, true);
    assert.ok(report.modules.length > 0);
    assert.ok(report.hotspots.some((h) => h.path === 'src/app.ts'));
    const origins = await lineOrigins(repo.dir, 'src/app.ts', 1, 5, { trusted: true });
    assert.equal(origins.available, true);
    assert.deepEqual(origins.origins.map((o) => o.email), ['bob@example.com', 'alice@example.com']);
    const secret = await lineOrigins(repo.dir, 'data.secret', 1, 2, { trusted: true });
    assert.equal(secret.available, true);
    const info = await repoInfo(repo.dir, true);
    assert.equal(info.available, true);
    const again = await updateState(repo.dir, info, {});
    assert.equal(again.state.commits, 2);
    // Even a direct attempt to reach the configured remote goes nowhere.
    const fetch = await runGit(repo.dir, ['ls-remote', 'origin'], { timeoutMs: 10_000 });
    assert.notEqual(fetch.code, 0);
    assert.deepEqual(fired(), []);
  });

  it("keeps the last history report by the work tree's stamps, never by git reading it (no clean filter, no fsmonitor)", async () => {
    clear();
    const history = async () => {
      const out: string[] = [];
      const code = await main(['history', '--root', repo.dir, '--json', '--since', '90'], { out: (t) => out.push(t), err: () => {} });
      assert.equal(code, 0);
      return JSON.parse(out.join('\n')) as { available: boolean; sinceDays: number };
    };
    assert.equal((await history()).available, true);
    const file = answerCacheFile(repo.dir, 'history');
    assert.ok(fs.existsSync(file), 'the report is kept');
    // Mark the kept report: given back marked proves the second run read it, without git.
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { answers: Record<string, string> };
    for (const k of Object.keys(stored.answers)) stored.answers[k] = JSON.stringify({ ...JSON.parse(stored.answers[k]), sinceDays: 4242 });
    fs.writeFileSync(file, JSON.stringify(stored));
    markOwned(file); // as if this machine had stored the marked report
    assert.equal((await history()).sinceDays, 4242, 'the kept report is given back');
    assert.deepEqual(fired(), []);
    const inputs = answerInputs(repo.dir, walk({ root: repo.dir }));
    assert.equal(inputsUnchanged(repo.dir, inputs), true, 'the same tree stamps the same');
    fs.appendFileSync(path.join(repo.dir, 'src', 'app.ts'), '// edited again, one byte longer\n');
    assert.equal(inputsUnchanged(repo.dir, inputs), false, 'an edited source file changes the stamps');
    assert.equal((await history()).sinceDays, 90, 'an edit computes the report again');
    assert.deepEqual(fired(), []);
  });
});
