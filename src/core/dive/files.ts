// Where deep-dive files live, and the low-level file operations the store is built on: atomic
// writes and backups. Nothing here interprets the content.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeepDiveError } from '../errors';
import { tmpDir } from './cacheDir';
import { readCacheBytes } from '../cache/cacheFile';
import { ID_PATTERN } from './validate';

export const DIVE_DIR = '.deepdive';
export const CACHE_DIR = `${DIVE_DIR}/cache`;
export const BACKUP_DIR = `${CACHE_DIR}/backup`;

export function diveDir(root: string): string {
  return path.join(root, DIVE_DIR);
}

export function checkId(id: string): string {
  if (!ID_PATTERN.test(id)) throw new DeepDiveError(`not a deep-dive id: ${JSON.stringify(id)} (letters, digits, ".", "_", "-"; at most 128)`);
  return id;
}

/** Absolute path of `.deepdive/<id>.json`. */
export function diveFile(root: string, id: string): string {
  return path.join(diveDir(root), `${checkId(id)}.json`);
}

/** Root-relative, forward-slash name used in messages. */
export function diveFileName(id: string): string {
  return `${DIVE_DIR}/${id}.json`;
}

export function sha256(bytes: Buffer | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** What the store saw on disk when it loaded a file: enough to notice a change made elsewhere. */
export interface DiskStamp {
  mtimeMs: number;
  size: number;
  hash: string;
}

export function readWithStamp(file: string): { bytes: Buffer; stamp: DiskStamp } | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DeepDiveError(`cannot read: ${(err as Error).message}`, file);
  }
  const st = fs.statSync(file);
  return { bytes, stamp: { mtimeMs: st.mtimeMs, size: st.size, hash: sha256(bytes) } };
}

/** Makes `.deepdive/` (with a .gitignore that keeps the per-user cache out of git). */
export function ensureDiveDir(root: string): void {
  const dir = diveDir(root);
  fs.mkdirSync(dir, { recursive: true });
  const ignore = path.join(dir, '.gitignore');
  if (!fs.existsSync(ignore)) writeAtomic(ignore, '# Deep Dive: per-user state and derived data\ncache/\n', tmpDir(root));
}

/**
 * Temp file, fsync, rename, then fsync the folder so the rename itself survives a crash. A reader
 * sees the old or the new file, never half of one. The temp file goes to `tmpIn` (by default the
 * file's own folder); it must be on the same file system for the rename to be atomic — the
 * store passes `.deepdive/cache/tmp/`, which git ignores, so a killed save leaves no stray that
 * `git status` shows.
 */
export function writeAtomic(file: string, data: string | Buffer, tmpIn = path.dirname(file)): void {
  const dir = path.dirname(file);
  const tmp = path.join(tmpIn, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new DeepDiveError(`cannot write: ${(err as Error).message}`, file);
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Folders cannot be opened for fsync on every platform (Windows); the rename already happened.
  }
}

/**
 * Keeps a copy of a deep-dive file's bytes in `.deepdive/cache/backup/<id>.<timestamp>.json`
 * (once per distinct content) and returns its root-relative path.
 */
export function backupBytes(root: string, id: string, bytes: Buffer, now = new Date()): string {
  const dir = path.join(root, BACKUP_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const hash = sha256(bytes);
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(`${id}.`)) continue;
    try {
      const kept = readCacheBytes(path.join(dir, name), undefined, 'any'); // a regular file only: a planted FIFO would hang the read
      if (kept && sha256(kept) === hash) return `${BACKUP_DIR}/${name}`;
    } catch {
      /* unreadable backup: make a new one */
    }
  }
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let name = `${id}.${stamp}.json`;
  for (let k = 2; fs.existsSync(path.join(dir, name)); k++) name = `${id}.${stamp}-${k}.json`;
  writeAtomic(path.join(dir, name), bytes);
  return `${BACKUP_DIR}/${name}`;
}
