import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const DAY_MS = 86_400_000;
/** A fixed "now" for every history test: 2025-01-01T00:00:00Z. */
export const NOW = Date.UTC(2025, 0, 1);

export interface Person {
  name: string;
  email: string;
}

export const ALICE: Person = { name: 'Alice Archer', email: 'alice@example.com' };
export const BOB: Person = { name: 'Bob Baker', email: 'bob@example.com' };
export const CAROL: Person = { name: 'Carol Cole', email: 'carol@example.com' };

/** Environment for the tests' own git: no user or system config, fixed committer. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) base[k] = v;
  return { ...base, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', ...extra };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `deepdive-${prefix}-`));
}

/** A real repository in a temp folder with scripted authors and dates; never runs its hooks. */
export class TestRepo {
  readonly dir: string;

  constructor(dir?: string) {
    this.dir = dir ?? tempDir('history');
    this.git(['init', '-q', '-b', 'main']);
  }

  git(args: string[], extraEnv: Record<string, string> = {}): string {
    return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd: this.dir, env: env(extraEnv), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000, killSignal: 'SIGKILL' });
  }

  write(rel: string, text: string): void {
    const abs = path.join(this.dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  }

  /** Writes (string) or deletes (null) files, then commits them as `who` at `daysAgo` before NOW. */
  commit(who: Person, daysAgo: number, files: Record<string, string | null>, message = 'change'): void {
    const gone = Object.keys(files).filter((rel) => files[rel] === null);
    const written = Object.keys(files).filter((rel) => files[rel] !== null);
    for (const rel of written) this.write(rel, files[rel] as string);
    // One git call per kind of change: spawning git is what makes these tests slow.
    if (gone.length) this.git(['rm', '-q', '--', ...gone]);
    if (written.length) this.git(['add', '--', ...written]);
    const date = new Date(NOW - daysAgo * DAY_MS).toISOString();
    this.git(['commit', '-q', '--allow-empty', '-m', message], {
      GIT_AUTHOR_NAME: who.name,
      GIT_AUTHOR_EMAIL: who.email,
      GIT_COMMITTER_NAME: who.name,
      GIT_COMMITTER_EMAIL: who.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** n numbered lines with a tag, so blame and numstat see distinct text. */
export function lines(tag: string, n: number, from = 1): string {
  return Array.from({ length: n }, (_, i) => `// ${tag} line ${from + i}`).join('\n') + '\n';
}
