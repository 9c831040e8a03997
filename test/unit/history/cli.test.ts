import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { answerCacheFile } from '../../../src/core/cache/answerCache';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { TestRepo } from './gitFixture';
import { sharedScenario } from './scenario';
import { markOwned } from '../../../src/core/cache/cacheFile';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (s) => {
      out += s + '\n';
      return true;
    },
    err: (s) => {
      err += s + '\n';
      return true;
    },
  });
  return { code, out, err };
}

describe('deepdive history', () => {
  let repo: TestRepo;
  before(() => {
    repo = sharedScenario();
  });

  it('prints modules, hotspots and people as JSON, and caches by HEAD', async () => {
    const { code, out } = await run(['history', '--root', repo.dir, '--json', '--since', '3650']);
    assert.equal(code, 0);
    const j = JSON.parse(out);
    assert.equal(j.available, true);
    assert.equal(j.sinceDays, 3650);
    assert.ok(Array.isArray(j.modules) && j.modules.length > 0);
    for (const m of j.modules) {
      assert.equal(typeof m.id, 'string');
      assert.ok(Array.isArray(m.owners));
      for (const o of m.owners) assert.deepEqual([typeof o.name, typeof o.email, typeof o.share], ['string', 'string', 'number']);
      assert.equal(typeof m.churn, 'number');
      assert.equal(typeof m.busFactor, 'number');
      assert.ok('lastChange' in m);
    }
    assert.ok(j.hotspots.length > 0);
    for (const h of j.hotspots) assert.deepEqual([typeof h.path, typeof h.score, typeof h.churn, typeof h.complexity], ['string', 'number', 'number', 'number']);
    assert.ok(j.people.some((p: { email: string }) => p.email === 'carol@example.com'));
    assert.equal(j.files, undefined, 'per-file list only with --files');
    assert.ok(fs.existsSync(path.join(repo.dir, '.deepdive', 'cache', 'history', 'state.json')));
    const again = JSON.parse((await run(['history', '--root', repo.dir, '--json'])).out);
    assert.equal(again.stats.commitsProcessed, 0);
  });

  it('gives the last report back while HEAD and the working tree are the same, and recomputes for other options or a new file', async () => {
    const first = JSON.parse((await run(['history', '--root', repo.dir, '--json', '--since', '400'])).out);
    const reportFile = answerCacheFile(repo.dir, 'history');
    assert.ok(fs.existsSync(reportFile));
    // Proof that the second answer is the kept one: mark the kept report, then ask again.
    const stored = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { answers: Record<string, string> };
    // Other options' reports may be kept beside it: the one asked for is the one of --since 400.
    const kk = Object.keys(stored.answers).find((k) => JSON.parse(stored.answers[k]).sinceDays === 400)!;
    assert.ok(kk, 'the --since 400 report is kept');
    const keptReport = JSON.parse(stored.answers[kk]);
    keptReport.people[0].name = 'Kept Report';
    stored.answers[kk] = JSON.stringify(keptReport);
    fs.writeFileSync(reportFile, JSON.stringify(stored));
    markOwned(reportFile); // as if this machine had stored the marked report
    const kept = JSON.parse((await run(['history', '--root', repo.dir, '--json', '--since', '400'])).out);
    assert.equal(kept.people[0].name, 'Kept Report');
    assert.deepEqual(kept.modules, first.modules);
    // Other options: computed, not the kept one.
    const other = JSON.parse((await run(['history', '--root', repo.dir, '--json', '--since', '401'])).out);
    assert.notEqual(other.people[0].name, 'Kept Report');
    // A new file in the working tree changes the modules: computed again.
    fs.writeFileSync(path.join(repo.dir, 'extra.ts'), 'export const x = 1;\n');
    const fresh = JSON.parse((await run(['history', '--root', repo.dir, '--json', '--since', '400'])).out);
    assert.notEqual(fresh.people[0].name, 'Kept Report');
    fs.rmSync(path.join(repo.dir, 'extra.ts'));
    // --no-cache neither reads nor writes it.
    const uncached = JSON.parse((await run(['history', '--root', repo.dir, '--json', '--since', '400', '--no-cache'])).out);
    assert.notEqual(uncached.people[0].name, 'Kept Report');
  });

  it('prints a human summary', async () => {
    const { code, out } = await run(['history', '--root', repo.dir, '--since', '3650']);
    assert.equal(code, 0);
    assert.match(out, /bus factor/);
    assert.match(out, /hotspots/);
    assert.match(out, /Carol Cole <carol@example.com>/);
  });

  it('runs no git with --untrusted and says why', async () => {
    const { code, out } = await run(['history', '--root', repo.dir, '--json', '--untrusted']);
    assert.equal(code, 0);
    const j = JSON.parse(out);
    assert.deepEqual([j.available, j.reason, j.modules], [false, 'unavailable (untrusted workspace)', []]);
  });

  it('refuses a bad --since with a one-line reason', async () => {
    const { code, err } = await run(['history', '--root', repo.dir, '--since', 'soon']);
    assert.equal(code, 1);
    assert.match(err, /--since wants a whole number of days/);
    assert.equal(err.trim().split('\n').length, 1);
  });
});
