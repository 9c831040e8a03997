// A real repository for report tests: the auth-service sample copied into a temp folder, two
// authors committed with fixed dates, a GitHub remote, and a deep dive with reading, a flow
// and notes (one of them hostile).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { newDive } from '../../../src/core/dive/ops';
import type { Anchor, DeepDive, Note } from '../../../src/core/model/types';

export const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(1)> [click](javascript:alert(1)) ![x](https://evil.example/x.png)';
export const BASE = 'c0ffee0000000000000000000000000000000001';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/auth-service-ts');

function git(dir: string, args: string[], who: { name: string; email: string }, date: string): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: dir };
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function anchorAt(root: string, file: string, start: number, end: number): Anchor {
  const lines = fs.readFileSync(path.join(root, file), 'utf8').split('\n');
  return { path: file, range: { start, end }, text: lines.slice(start - 1, end).join('\n') };
}

export function note(id: string, kind: Note['kind'], body: string, target: Note['target'], extra: Partial<Note> = {}): Note {
  return { id, kind, status: 'open', body, target, created: '2025-01-05T10:00:00.000Z', ...extra };
}

export interface Sample {
  root: string;
  dive: DeepDive;
  cleanup(): void;
}

/** `history: 'one-commit'` makes a repository of a single commit (too short to judge ownership). */
export function makeSample(o: { history?: 'one-commit' } = {}): Sample {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-report-'));
  fs.cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes(`${path.sep}.deepdive`) });
  const ann = { name: 'Ann Owner', email: 'ann@example.com' };
  const bob = { name: 'Bob <b>Builder</b>', email: 'bob@example.com' };
  git(root, ['init', '-q', '-b', 'main'], ann, '2025-01-01T00:00:00Z');
  git(root, ['add', '.'], ann, '2025-01-01T00:00:00Z');
  git(root, ['commit', '-q', '-m', 'initial'], ann, '2025-01-01T00:00:00Z');
  if (o.history !== 'one-commit') fs.appendFileSync(path.join(root, 'src/routes/admin.ts'), '\n// audited\n');
  if (o.history !== 'one-commit') git(root, ['commit', '-q', '-am', 'admin tweak'], bob, '2025-01-02T00:00:00Z');
  // Enough history to judge ownership and hotspots (the report makes no such claim on less).
  for (let i = 0; o.history !== 'one-commit' && i < 10; i++) {
    const file = i % 2 ? 'src/services/authService.ts' : 'src/routes/admin.ts';
    fs.appendFileSync(path.join(root, file), `\n// change ${i}\n`);
    git(root, ['commit', '-q', '-am', `change ${i}`], i % 3 === 2 ? bob : ann, `2025-01-02T0${i}:30:00Z`);
  }
  git(root, ['remote', 'add', 'origin', 'git@github.com:acme/auth-service.git'], ann, '2025-01-02T00:00:00Z');

  const dive = newDive({ title: 'Auth & <Session> service', include: ['src/**'], due: '2025-02-01', template: 'auth-service', baseCommit: BASE, now: new Date('2025-01-03T09:00:00Z') });
  dive.reading['src/routes/auth.ts'] = { ranges: [[1, 200]], seconds: 3600, lastRead: '2025-01-04T10:00:00.000Z' };
  dive.reading['src/middleware/requireAuth.ts'] = { ranges: [[1, 10]], seconds: 1800, lastRead: '2025-01-05T10:00:00.000Z' };
  dive.flows.push({
    id: 'login',
    title: 'Login <flow>',
    entry: 'POST /api/auth/login',
    status: 'tracing',
    created: '2025-01-04T10:00:00.000Z',
    steps: [
      { id: 's1', title: 'route', anchor: anchorAt(root, 'src/routes/auth.ts', 1, 5), visited: true },
      { id: 's2', anchor: anchorAt(root, 'src/services/authService.ts', 1, 3) },
    ],
  });
  dive.notes.push(
    note('n-risk', 'risk', HOSTILE, { type: 'code', anchor: anchorAt(root, 'src/routes/auth.ts', 2, 3) }, { severity: 'critical', impact: 'Account takeover <b>possible</b>' }),
    note('n-gap', 'gap', 'No audit log for admin actions', { type: 'module', module: 'src/routes' }, { severity: 'medium' }),
    note('n-low', 'risk', 'Minor: verbose errors', { type: 'dive' }, { severity: 'low' }),
    note('n-dec', 'decision', 'Sessions kept in Redis since 2019', { type: 'code', anchor: anchorAt(root, 'src/store/sessionStore.ts', 1, 4) }, { decision: 'revisit' }),
    note('n-kept', 'decision', 'Keep this order of middlewares. It stops brute force before any database work.', { type: 'code', anchor: anchorAt(root, 'src/routes/auth.ts', 52, 52) }, { decision: 'kept' }),
    note('n-q', 'question', 'Who rotates the signing key?', { type: 'code', anchor: anchorAt(root, 'src/lib/tokens.ts', 1, 2) }),
    note('n-flow', 'insight', 'Login is two round trips', { type: 'flow', flow: 'login' }),
    note('n-done', 'risk', 'Old bug', { type: 'dive' }, { severity: 'high', status: 'resolved' }),
  );
  return { root, dive, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}
