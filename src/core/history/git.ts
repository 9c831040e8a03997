import { spawn } from 'node:child_process';
import { dict } from '../ownKeys';

/**
 * The only way Deep Dive runs git. A repository is untrusted input: its config can name
 * programs (hooks, fsmonitor, external diff, textconv, clean filters, pager, credential helpers,
 * ssh command, askpass, transports) and git would run them. Command-line `-c` settings take
 * precedence over every config file, so each one that can execute something is pinned here;
 * the environment drops the user's and the system's config and anything that redirects git.
 * Callers must also never touch the work tree (no `status`, no blame without a revision):
 * reading working-tree files runs the repository's clean filters.
 */
export const SAFE_CONFIG: readonly string[] = [
  'core.hooksPath=/dev/null',
  'core.fsmonitor=false',
  'core.untrackedCache=false',
  'core.pager=cat',
  'core.askPass=',
  'core.sshCommand=false',
  'core.gitProxy=',
  'core.editor=false',
  'core.quotePath=false',
  'diff.external=',
  'credential.helper=',
  // protocol.<name>.allow beats protocol.allow, so each transport is closed by name too (the
  // `ext::` transport runs arbitrary commands). GIT_ALLOW_PROTOCOL below closes the rest.
  'protocol.allow=never',
  'protocol.ext.allow=never',
  'protocol.file.allow=never',
  'protocol.ssh.allow=never',
  'protocol.git.allow=never',
  'protocol.http.allow=never',
  'protocol.https.allow=never',
  'uploadpack.packObjectsHook=',
  'log.showSignature=false',
  'gpg.program=false',
  'gpg.ssh.program=false',
  'gpg.x509.program=false',
  'gc.auto=0',
  'maintenance.auto=false',
  'color.ui=false',
  'log.follow=false',
];

/** Options every diff-producing command (log -p/--numstat, blame) gets: no textconv, no external diff. */
export const NO_EXTERNAL_DIFF: readonly string[] = ['--no-textconv', '--no-ext-diff'];

/** Environment variables that point git somewhere else or make it run something: never inherited. */
const DROPPED_ENV = /^(GIT_|SSH_ASKPASS$|PAGER$|LESS$|EDITOR$|VISUAL$)/;

export function safeEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = dict();
  for (const [k, v] of Object.entries(base)) {
    if (!DROPPED_ENV.test(k) && v !== undefined) env[k] = v;
  }
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    // An empty GIT_ASKPASS wins over core.askPass and SSH_ASKPASS, and prompts are off.
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    // A protocol allow-list that names no real protocol: no transport at all, not even for a
    // lazy fetch in a partial clone.
    GIT_ALLOW_PROTOCOL: 'deepdive-none',
    GIT_PROTOCOL_FROM_USER: '0',
    GIT_NO_LAZY_FETCH: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
    LC_ALL: 'C',
    LANG: 'C',
  };
}

/** safeEnv, but git may read the user's global and system config files (not the repository's programs). */
function userConfigEnv(): NodeJS.ProcessEnv {
  const env = safeEnv();
  delete env.GIT_CONFIG_GLOBAL;
  delete env.GIT_CONFIG_NOSYSTEM;
  return env;
}

export function safeArgs(args: readonly string[]): string[] {
  const out = ['--no-pager'];
  for (const c of SAFE_CONFIG) out.push('-c', c);
  return out.concat(args);
}

export interface GitRunOptions {
  /** Kill git after this long. */
  timeoutMs?: number;
  /** Stop reading (and kill git) after this many bytes of stdout. */
  maxBytes?: number;
  /** Instead of collecting stdout, hand each chunk over (streaming parse). */
  onData?: (chunk: Buffer) => void;
  /**
   * Also read the user's own (global and system) config: only for `git config --get` of a plain
   * value such as user.name. Reading config runs nothing; the pinned settings still apply.
   */
  userConfig?: boolean;
}

export interface GitResult {
  /** Exit code; null when killed or never started. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  truncated: boolean;
  /** Set when git could not be started at all (not installed). */
  spawnError?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const MAX_STDERR = 16 * 1024;

let spawned = 0;
/** How many git processes this module started: lets tests prove an untrusted call spawned none. */
export function gitSpawnCount(): number {
  return spawned;
}

/** Runs `git <safe config> <args>` in cwd, without a shell, bounded in time and output. Never throws. */
export function runGit(cwd: string, args: readonly string[], opts: GitRunOptions = {}): Promise<GitResult> {
  spawned++;
  const request: SpawnRequest = {
    cwd,
    argv: safeArgs(args),
    env: opts.userConfig ? userConfigEnv() : safeEnv(),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES,
  };
  // The editor's thread hands the start of git to a worker thread (see gitSpawner.ts).
  return offThread ? offThread(request, opts.onData) : spawnGit(request, opts.onData);
}

/** What starting one git needs: the arguments and environment are made safe before they travel. */
export interface SpawnRequest {
  cwd: string;
  argv: string[];
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxBytes: number;
}

type OffThread = (request: SpawnRequest, onData?: (chunk: Buffer) => void) => Promise<GitResult>;
let offThread: OffThread | undefined;

/**
 * Where runGit starts git from now on (undefined: this thread). Starting a process blocks the
 * calling thread until the child has exec'd (libuv waits on a pipe for it), which on a loaded
 * machine took the extension host 69 ms: the extension sets a worker thread's spawner.
 */
export function setGitSpawner(spawner: OffThread | undefined): void {
  offThread = spawner;
}

/** Starts git on this thread and collects its output, bounded in time and bytes. Never throws. */
export function spawnGit(req: SpawnRequest, onData?: (chunk: Buffer) => void): Promise<GitResult> {
  const { timeoutMs, maxBytes } = req;
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn('git', req.argv, { cwd: req.cwd, env: req.env, shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (err) {
      resolve({ code: null, stdout: '', stderr: '', timedOut: false, truncated: false, spawnError: (err as Error).message });
      return;
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    let stderr = '';
    let timedOut = false;
    let truncated = false;
    let spawnError: string | undefined;
    let settled = false;
    const kill = () => {
      try {
        child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      if (bytes + chunk.length > maxBytes) {
        chunk = chunk.subarray(0, maxBytes - bytes);
        truncated = true;
      }
      bytes += chunk.length;
      if (onData) onData(chunk);
      else chunks.push(chunk);
      if (truncated) kill();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += chunk.toString('utf8').slice(0, MAX_STDERR - stderr.length);
    });
    child.on('error', (err) => {
      spawnError = err.message;
    });
    child.on('close', (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        code: timedOut || truncated ? null : code,
        stdout: onData ? '' : Buffer.concat(chunks).toString('utf8'),
        stderr,
        timedOut,
        truncated,
        spawnError,
      });
    });
  });
}

/** First line of git's complaint, for a one-line reason. */
export function gitReason(res: GitResult): string {
  if (res.spawnError) return `git could not be started (${res.spawnError})`;
  if (res.timedOut) return 'git took too long and was stopped';
  if (res.truncated) return 'git output was too large and was cut';
  const line = res.stderr.split('\n').find((l) => l.trim()) ?? `git exited with code ${res.code}`;
  return line.replace(/^(fatal|error): /, '').trim();
}
