// The demo workspace `npm start` opens: a copy of the bundled sample auth service with a small
// scripted git history (several authors over two years), so that every feature, history
// included, has something real to show. Kept between runs so a started deep dive survives.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './codeServer.mjs';

const AUTHORS = [
  ['Maya Chen', 'maya@acme.example'],
  ['Jonas Berg', 'jonas@acme.example'],
  ['Priya Natarajan', 'priya@acme.example'],
];

function git(cwd, args, env = {}) {
  const r = spawnSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...env },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Copies a fixture into `dir` and commits it folder by folder as different people. */
export function makeDemoWorkspace(dir, fixture = 'auth-service-ts') {
  if (fs.existsSync(path.join(dir, '.git'))) return dir;
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', fixture), dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const groups = fs.readdirSync(path.join(dir, 'src')).sort();
  const start = Date.parse('2024-09-02T10:00:00Z');
  const day = 86_400_000;
  groups.forEach((group, i) => {
    const [name, email] = AUTHORS[i % AUTHORS.length];
    const date = new Date(start + i * 37 * day).toISOString();
    git(dir, ['add', path.join('src', group)]);
    git(dir, ['commit', '-q', '-m', `Add ${group}`], {
      GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email,
      GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date,
    });
  });
  git(dir, ['add', '-A']);
  const date = new Date(start + groups.length * 37 * day).toISOString();
  git(dir, ['commit', '-q', '-m', 'Add project files'], {
    GIT_AUTHOR_NAME: AUTHORS[0][0], GIT_AUTHOR_EMAIL: AUTHORS[0][1], GIT_COMMITTER_NAME: AUTHORS[0][0], GIT_COMMITTER_EMAIL: AUTHORS[0][1],
    GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date,
  });
  return dir;
}
