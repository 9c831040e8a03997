// "Open as issue": the prefilled new-issue address for GitHub and GitLab remotes given as https,
// ssh or scp-like URLs, the note's text escaped so that it reads back exactly, a permalink pinned
// to a commit, and the CLI form (`deepdive note issue-url`) on a real repository.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { newDive } from '../../../src/core/dive/ops';
import { insertDive } from '../../../src/core/dive/store';
import type { DeepDive, Note } from '../../../src/core/model/types';
import { issueLink } from '../../../src/core/report/issueLink';
import { parseRemote } from '../../../src/core/report/remote';
import { tempRoot } from '../dive/helpers';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const TRICKY = 'Tokens & sessions: "a?b=c#d" 100% + more — ünïcode\nSecond line with <b>tag</b> and `code`.';

function dive(notes: Note[]): DeepDive {
  const d = newDive({ title: 'Auth & sessions', id: 'auth', baseCommit: COMMIT, now: new Date('2025-01-01T00:00:00Z') });
  d.notes = notes;
  return d;
}

function codeNote(over: Partial<Note> = {}): Note {
  return {
    id: 'n-1',
    kind: 'risk',
    severity: 'high',
    status: 'open',
    body: TRICKY,
    impact: 'Accounts can be taken over.',
    target: { type: 'code', anchor: { path: 'src/lib/a b.ts', range: { start: 2, end: 3 }, text: 'x' } },
    created: '2025-01-02T00:00:00.000Z',
    ...over,
  };
}

describe('issue links: the prefilled new-issue page of a note', () => {
  const remotes: [string, string, string][] = [
    ['git@github.com:acme/auth.git', 'github', 'https://github.com/acme/auth/issues/new?'],
    ['https://github.com/acme/auth', 'github', 'https://github.com/acme/auth/issues/new?'],
    ['https://user:secret@github.com/acme/auth.git', 'github', 'https://github.com/acme/auth/issues/new?'],
    ['ssh://git@gitlab.example.com:2222/group/sub/proj.git', 'gitlab', 'https://gitlab.example.com/group/sub/proj/-/issues/new?'],
    ['https://gitlab.com/group/proj.git', 'gitlab', 'https://gitlab.com/group/proj/-/issues/new?'],
    ['git@gitlab.com:group/sub/proj.git', 'gitlab', 'https://gitlab.com/group/sub/proj/-/issues/new?'],
  ];
  for (const [remote, host, prefix] of remotes) {
    it(`${remote}: ${host} page, no credentials, the note reads back exactly`, () => {
      const link = issueLink(parseRemote(remote), dive([codeNote()]), 'n-1');
      assert.equal(link.host, host);
      assert.ok(link.url.startsWith(prefix), link.url);
      assert.ok(!link.url.includes('secret'));
      const u = new URL(link.url);
      assert.equal(u.hash, '', 'a # in the note must not end the address');
      const title = u.searchParams.get(host === 'github' ? 'title' : 'issue[title]');
      const body = u.searchParams.get(host === 'github' ? 'body' : 'issue[description]')!;
      assert.equal(title, 'Risk (high): Tokens & sessions: "a?b=c#d" 100% + more — ünïcode Second line with <b>tag</b> and code.');
      assert.equal(body, link.body);
      assert.ok(body.startsWith(`${TRICKY}\n\n**Business impact:** Accounts can be taken over.\n\n`), body);
      assert.equal([...u.searchParams.keys()].length, 2);
    });
  }

  it('pins the permalink to the commit the note was anchored at, else the dive\'s base commit', () => {
    const gh = parseRemote('git@github.com:acme/auth.git');
    assert.equal(issueLink(gh, dive([codeNote()]), 'n-1').permalink, `https://github.com/acme/auth/blob/${COMMIT}/src/lib/a%20b.ts#L2-L3`);
    const anchoredAt = 'fedcba9876543210fedcba9876543210fedcba98';
    const n = codeNote();
    (n.target as Extract<Note['target'], { type: 'code' }>).anchor.commit = anchoredAt;
    assert.equal(issueLink(gh, dive([n]), 'n-1').permalink, `https://github.com/acme/auth/blob/${anchoredAt}/src/lib/a%20b.ts#L2-L3`);
    const gl = issueLink(parseRemote('https://gitlab.com/group/proj.git'), dive([codeNote()]), 'n-1');
    assert.equal(gl.permalink, `https://gitlab.com/group/proj/-/blob/${COMMIT}/src/lib/a%20b.ts#L2-3`);
    assert.ok(gl.body.includes(gl.permalink!));
  });

  it('cuts a very long note at a word to fit the address, keeping the permalink and saying so', () => {
    const long = codeNote({ body: `${'The refresh token outlives the session by design. '.repeat(400)}End.` });
    const link = issueLink(parseRemote('git@github.com:acme/auth.git'), dive([long]), 'n-1');
    assert.ok(link.url.length <= 7500, `${link.url.length}`);
    assert.match(link.body, /session by design\. The refresh token outlives the \w+ …\n\n\(cut to fit the address: the whole note is in the deep dive\)/);
    assert.ok(link.body.includes(link.permalink!));
  });

  it('refuses, in one line, a Bitbucket or missing remote and an unknown note', () => {
    assert.throws(() => issueLink(parseRemote('git@bitbucket.org:acme/auth.git'), dive([codeNote()]), 'n-1'), /on bitbucket: new-issue pages are prefilled on GitHub and GitLab only/);
    assert.throws(() => issueLink(undefined, dive([codeNote()]), 'n-1'), /no GitHub or GitLab remote/);
    assert.throws(() => issueLink(parseRemote('git@github.com:acme/auth.git'), dive([codeNote()]), 'n-x'), /no note "n-x"/);
  });
});

describe('deepdive note issue-url', function () {
  this.timeout(60_000);
  it('prints the address for a note on a real repository\'s origin, and --json its parts', async () => {
    const root = tempRoot('deepdive-issue-');
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src/app.ts'), 'export const a = 1;\nexport const b = eval("2");\n');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd: root, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root, GIT_AUTHOR_NAME: 'a', GIT_AUTHOR_EMAIL: 'a@x', GIT_COMMITTER_NAME: 'a', GIT_COMMITTER_EMAIL: 'a@x' } });
    git('init', '-q', '-b', 'main');
    git('remote', 'add', 'origin', 'git@gitlab.com:acme/app.git');
    git('add', '.');
    git('commit', '-qm', 'x');
    insertDive(root, newDive({ title: 'App', id: 'app' }));
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    assert.equal(await main(['note', 'add', '--root', root, 'src/app.ts:2', '--kind', 'risk', '--severity', 'critical', '--body', 'eval on a constant #1'], io), 0, err.join('\n'));
    const id = /added risk note (\S+)/.exec(out[0])![1];
    out.length = 0;
    assert.equal(await main(['note', 'issue-url', '--root', root, id], io), 0, err.join('\n'));
    const u = new URL(out[0]);
    assert.equal(`${u.origin}${u.pathname}`, 'https://gitlab.com/acme/app/-/issues/new');
    assert.equal(u.searchParams.get('issue[title]'), 'Risk (critical): eval on a constant #1');
    const head = git('rev-parse', 'HEAD').toString().trim();
    assert.ok(u.searchParams.get('issue[description]')!.includes(`https://gitlab.com/acme/app/-/blob/${head}/src/app.ts#L2`));
    out.length = 0;
    assert.equal(await main(['note', 'issue-url', '--root', root, '--json', id], io), 0);
    const j = JSON.parse(out.join('\n')) as { host: string; url: string; title: string; permalink: string };
    assert.equal(j.host, 'gitlab');
    assert.equal(j.url, u.href);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
