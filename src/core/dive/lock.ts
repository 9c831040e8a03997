// An inter-process lock per deep dive, so that every writer (CLI runs, editor windows) does
// "lock, re-read, merge, write atomically, unlock" and no change is lost between another
// writer's read and rename. Synchronous on purpose: the store is synchronous and a save holds the
// lock for milliseconds.
//
// The lock is a file `.deepdive/cache/locks/<id>.lock` made by hard-linking a fully written temp
// file (link fails with EEXIST when the lock is taken, and the lock never exists half-written).
// It names its holder (host, pid, a random token). A lock whose holder is gone — a process on
// this host that no longer runs (kill -9 mid-save), or a lock from another host older than
// STALE_MS — is broken under a second, short-lived "breaker" lock so that two waiters never both
// break it and one of them removes the other's fresh lock.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeepDiveError } from '../errors';
import { ensureCacheDir } from './cacheDir';
import { readCacheText } from '../cache/cacheFile';

/** A lock from another host is taken as abandoned after this long (a save takes milliseconds). */
const STALE_MS = 30_000;
/** A breaker lock is held for microseconds; one older than this was left by a killed process. */
const BREAKER_STALE_MS = 2_000;

export interface LockOptions {
  /** How long a writer waits for another one before giving up (ms). */
  timeoutMs?: number;
}

interface Holder {
  host: string;
  pid: number;
  token: string;
  since: string;
}

/** Default wait: DEEPDIVE_LOCK_TIMEOUT_MS or 15 s — far longer than any save, short for a person. */
export function lockTimeoutMs(): number {
  const env = Number(process.env.DEEPDIVE_LOCK_TIMEOUT_MS);
  return Number.isFinite(env) && env > 0 ? env : 15_000;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

export function locksDir(root: string): string {
  return path.join(ensureCacheDir(root), 'locks');
}

/** Whether a process with this pid runs on this machine (EPERM: it runs, as another user). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): { holder?: Holder; mtimeMs: number } | undefined {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return undefined;
  }
  // Not a regular file (a FIFO or a device planted under the lock's name): judged by its age, never read.
  const text = st.isFile() ? (readCacheText(file, undefined, 'any') ?? '') : '';
  try {
    const h = JSON.parse(text) as Holder;
    if (typeof h?.token === 'string' && typeof h.pid === 'number') return { holder: h, mtimeMs: st.mtimeMs };
  } catch {
    /* not ours or damaged: judged by age */
  }
  return { mtimeMs: st.mtimeMs };
}

function isStale(seen: { holder?: Holder; mtimeMs: number }, now: number): boolean {
  const h = seen.holder;
  if (h && h.host === os.hostname()) return !pidAlive(h.pid) || now - seen.mtimeMs > 10 * STALE_MS;
  return now - seen.mtimeMs > STALE_MS;
}

/** Creates `target` atomically with `content`, or returns false when it exists. */
function createExclusive(target: string, content: string): boolean {
  const tmp = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { flag: 'wx' });
  try {
    fs.linkSync(tmp, target);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Removes `lock` if it is still the stale one we saw; serialised by a breaker lock. */
function breakStale(lock: string, seenToken: string | undefined, seenMtime: number): void {
  const breaker = `${lock}.break`;
  const me = JSON.stringify({ host: os.hostname(), pid: process.pid, token: crypto.randomBytes(8).toString('hex'), since: new Date().toISOString() });
  if (!createExclusive(breaker, me)) {
    const b = readHolder(breaker);
    const abandoned = b && (b.holder && b.holder.host === os.hostname() ? !pidAlive(b.holder.pid) : Date.now() - b.mtimeMs > BREAKER_STALE_MS);
    if (abandoned) fs.rmSync(breaker, { force: true });
    return; // try again from the top
  }
  try {
    const now = readHolder(lock);
    if (now && now.holder?.token === seenToken && now.mtimeMs === seenMtime) fs.rmSync(lock, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

/** On start: removes `lock` when its holder is gone (a killed save); a live one is left alone. */
export function clearStaleLock(lock: string): boolean {
  const seen = readHolder(lock);
  if (!seen || !isStale(seen, Date.now())) return false;
  breakStale(lock, seen.holder?.token, seen.mtimeMs);
  return !fs.existsSync(lock);
}

/**
 * Runs `fn` holding the lock of deep dive `id` under `root`. Waits up to the timeout for another
 * writer, breaking a lock whose holder is gone; then fails with a DeepDiveError that says so —
 * the caller's change is not written and not lost (it is still in memory to retry).
 */
export function withDiveLock<T>(root: string, id: string, place: string, fn: () => T, opts: LockOptions = {}): T {
  // A read-only or full `.deepdive/cache`: one line saying the save did not happen (the change
  // is still in memory to retry), not an internal error.
  const cannot = (err: unknown) => (err instanceof DeepDiveError ? err : new DeepDiveError(`cannot take the lock that guards saves (${(err as Error).message}); nothing was written`, place));
  let dir: string;
  try {
    dir = locksDir(root);
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw cannot(err);
  }
  const lock = path.join(dir, `${id}.lock`);
  const token = `${process.pid}-${crypto.randomBytes(8).toString('hex')}`;
  const content = JSON.stringify({ host: os.hostname(), pid: process.pid, token, since: new Date().toISOString() } satisfies Holder);
  const timeout = opts.timeoutMs ?? lockTimeoutMs();
  const start = Date.now();
  let wait = 2;
  let last: Holder | undefined;
  for (;;) {
    let taken: boolean;
    try {
      taken = createExclusive(lock, content);
    } catch (err) {
      throw cannot(err);
    }
    if (taken) break;
    const seen = readHolder(lock);
    let broke = false;
    if (seen) {
      last = seen.holder ?? last;
      if (isStale(seen, Date.now())) {
        breakStale(lock, seen.holder?.token, seen.mtimeMs);
        broke = true;
      }
    }
    if (Date.now() - start > timeout) {
      const who = last ? ` (held by process ${last.pid} on ${last.host} since ${last.since})` : '';
      throw new DeepDiveError(`another Deep Dive process is saving this deep dive${who}; waited ${Math.round(timeout / 1000)} s and gave up — nothing was written, try again`, place);
    }
    if (!seen) continue; // released between our attempt and the look: try at once
    if (broke) {
      sleep(1);
      continue;
    }
    sleep(wait + Math.floor(Math.random() * wait));
    wait = Math.min(wait * 2, 50);
  }
  try {
    return fn();
  } finally {
    const now = readHolder(lock);
    if (now?.holder?.token === token) fs.rmSync(lock, { force: true });
  }
}
