import * as assert from 'node:assert/strict';
import { blameOwners, lineOrigins, parseLinePorcelain } from '../../../src/core/history/index';
import { isDeepDiveError } from '../../../src/core/errors';
import { NOW } from './gitFixture';
import type { TestRepo } from './gitFixture';
import { sharedScenario } from './scenario';

describe('history: where lines came from', () => {
  let repo: TestRepo;
  before(() => {
    repo = sharedScenario();
  });

  it('names the commits that made a range, newest first, with author, date and message', async () => {
    // login.ts: lines 1-20 are Bob's rate-limit change, 21-110 Alice's original.
    const res = await lineOrigins(repo.dir, 'auth/login.ts', 18, 23, { trusted: true });
    assert.equal(res.available, true);
    assert.deepEqual(
      res.origins.map((o) => [o.author, o.email, o.summary, o.lines, o.date]),
      [
        ['Bob Baker', 'bob@example.com', 'auth: rate limit login', 3, new Date(NOW - 10 * 86_400_000).toISOString()],
        ['Alice Archer', 'alice@example.com', 'auth: login', 3, new Date(NOW - 364 * 86_400_000).toISOString()],
      ],
    );
    assert.match(res.origins[0].commit, /^[0-9a-f]{40}$/);
  });

  it('follows a file through its rename to the commit that wrote the lines', async () => {
    const res = await lineOrigins(repo.dir, 'auth/session.ts', 1, 1, { trusted: true });
    assert.deepEqual(res.origins.map((o) => o.summary), ['auth: sessions']);
  });

  it('blames HEAD, not the working tree: an uncommitted edit does not change the answer', async () => {
    repo.write('auth/login.ts', 'uncommitted\n'.repeat(30));
    const res = await lineOrigins(repo.dir, 'auth/login.ts', 1, 2, { trusted: true });
    assert.deepEqual(res.origins.map((o) => o.summary), ['auth: rate limit login']);
    repo.git(['checkout', '--', 'auth/login.ts']);
  });

  it('reports a range past the end or a missing file as unavailable, and refuses bad input', async () => {
    const past = await lineOrigins(repo.dir, 'auth/login.ts', 500, 501, { trusted: true });
    assert.equal(past.available, false);
    assert.match(past.reason ?? '', /lines/);
    const missing = await lineOrigins(repo.dir, 'auth/nope.ts', 1, 1, { trusted: true });
    assert.equal(missing.available, false);
    await assert.rejects(lineOrigins(repo.dir, 'auth/login.ts', 5, 2, { trusted: true }), (e) => isDeepDiveError(e));
    await assert.rejects(lineOrigins(repo.dir, '../outside.ts', 1, 1, { trusted: true }), (e) => isDeepDiveError(e));
  });

  it('gives exact per-file owners by blame, agreeing with the numstat model on this history', async () => {
    const res = await blameOwners(repo.dir, 'auth/login.ts', { trusted: true });
    assert.deepEqual(res.owners.map((o) => [o.email, o.lines, o.share]), [
      ['alice@example.com', 90, 0.818],
      ['bob@example.com', 20, 0.182],
    ]);
    assert.equal((await blameOwners(repo.dir, 'auth/login.ts', { trusted: false })).available, false);
  });

  it('parses --line-porcelain output, including boundary commits', () => {
    const sha = 'f'.repeat(40);
    const text = [
      `${sha} 1 1 2`, 'author Dee', 'author-mail <dee@x.org>', 'author-time 86400', 'summary first', 'boundary', 'filename a.ts', '\tline one',
      `${sha} 2 2`, 'author Dee', 'author-mail <dee@x.org>', 'author-time 86400', 'summary first', 'boundary', 'filename a.ts', '\tline two',
    ].join('\n');
    const parsed = parseLinePorcelain(text);
    assert.equal(parsed.length, 2);
    assert.deepEqual(parsed[1], { commit: sha, author: 'Dee', email: 'dee@x.org', time: 86400, summary: 'first', boundary: true });
  });
});
