// Files under `.deepdive/cache/`: written by any number of processes at once (several `deepdive`
// runs, editor windows, helpers on other machines sharing the folder) and read by others while
// they write, in a repository that may ship a `.deepdive/cache/` of its own. So:
//   - a write goes to a temp file whose name is unique per process, thread and write (pid plus
//     random bytes: two threads share a pid, two containers on one shared folder can share a pid
//     too), created exclusively, then renamed over the target: a reader sees the old file or the
//     new one, never half of one, and two writers never write into one temp file;
//   - a failed write leaves no temp file behind;
//   - nothing is read or written through a folder that resolves outside the repository (a planted
//     symlink), and a cache file that is not a regular file (a symlink, a folder, a FIFO, a
//     device) is not read: it is a miss, like a missing one.
//   - a cache file is read only when this machine wrote it: beside each one, `<name>.own` holds the
//     inode and change time the file had right after our write. A checkout or a tarball can ship
//     a `.deepdive/cache/` whose entries carry the right content hashes and made-up answers (routes
//     without their guards), and keeps sizes and modification times; nobody can set a file's change
//     time, and extracting gives it a new one and a new inode, so a planted cache file is a miss.
// A cache is a convenience: every failure here is a miss or a skipped write, never an error.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A temp name beside `target` that no other write — this process', another thread's, another host's — uses. */
export function tempNameFor(target: string): string {
  return `${target}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
}

function resolvesInside(abs: string, within: string): boolean {
  try {
    const back = path.relative(fs.realpathSync(within), fs.realpathSync(abs));
    return back === '' || (!back.startsWith('..') && !path.isAbsolute(back));
  } catch {
    return false;
  }
}

/** The nearest folder of `dir` (itself or an ancestor) that exists. */
function nearestExisting(dir: string): string {
  let d = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(d)) return d;
    const up = path.dirname(d);
    if (up === d) return d;
    d = up;
  }
}

/**
 * Whether `dir` may be used as a cache folder for the repository at `within`: it (or, when it
 * does not exist yet, the part of it that does) resolves inside `within`. No `within`: a folder
 * the caller chose itself (tests, benchmarks), always allowed.
 */
export function cacheDirAllowed(dir: string, within?: string): boolean {
  if (within === undefined) return true;
  return resolvesInside(nearestExisting(dir), within);
}

/**
 * Makes `dir` for a write, checking before and after that it resolves inside `within`: checked
 * only after, a planted `.deepdive/cache` link would already have had folders made at its target.
 */
export function prepareCacheDir(dir: string, within?: string): boolean {
  try {
    if (!cacheDirAllowed(dir, within)) return false;
    fs.mkdirSync(dir, { recursive: true });
    return within === undefined || resolvesInside(dir, within);
  } catch {
    return false;
  }
}

const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** Whose file a cache read accepts: only one this machine wrote (caches), or any regular file (the dive's own files, which a repository may carry). */
export type CacheTrust = 'owned' | 'any';

const OWN_SUFFIX = '.own';

function ownStamp(st: fs.Stats): string {
  return `${st.ino}:${st.ctimeMs}:${st.size}`;
}

/**
 * Records that `target` is ours, right after we renamed it into place: its inode and change time.
 * Two writers racing may leave the stamp of the other's file (still ours) or a stamp that matches
 * neither (a miss until the next write); a reader between the two renames sees a miss too.
 */
export function markOwned(target: string): void {
  let stamp: string;
  try {
    stamp = ownStamp(fs.statSync(target));
  } catch {
    return;
  }
  writeAtomically(target + OWN_SUFFIX, stamp);
}

/** A temp file beside `target`, renamed over it; false (and no temp file left) when that failed. */
function writeAtomically(target: string, data: string | Buffer): boolean {
  const tmp = tempNameFor(target);
  try {
    fs.writeFileSync(tmp, data, { flag: 'wx', mode: 0o644 });
    fs.renameSync(tmp, target);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing was made, or the folder went away */
    }
    return false;
  }
}

/** Whether the file open at `st` is the one our last write of `file` stamped. */
function isOwned(file: string, st: fs.Stats): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file + OWN_SUFFIX, READ_FLAGS);
    const own = fs.fstatSync(fd);
    if (!own.isFile() || own.size > 200) return false;
    const buf = readExactly(fd, 0, own.size);
    return !!buf && buf.toString('latin1') === ownStamp(st);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Opens a cache file for reading: not through a symlink at its own name, and only when it is a
 * regular file (O_NONBLOCK: a FIFO planted there cannot make us wait). Undefined otherwise.
 * The caller closes the descriptor.
 */
export function openCacheFile(file: string, within?: string, trust: CacheTrust = 'owned'): { fd: number; size: number } | undefined {
  if (!cacheDirAllowed(path.dirname(file), within)) return undefined;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, READ_FLAGS);
    const st = fs.fstatSync(fd);
    if (!st.isFile() || (trust === 'owned' && !isOwned(file, st))) {
      fs.closeSync(fd);
      return undefined;
    }
    return { fd, size: st.size };
  } catch {
    if (fd !== undefined) fs.closeSync(fd);
    return undefined;
  }
}

/** Reads `length` bytes at `position`; undefined when the file holds fewer (it was cut short). */
export function readExactly(fd: number, position: number, length: number): Buffer | undefined {
  const buf = Buffer.allocUnsafe(length);
  let off = 0;
  while (off < length) {
    const n = fs.readSync(fd, buf, off, length - off, position + off);
    if (n <= 0) return undefined;
    off += n;
  }
  return buf;
}

/** A whole cache file, or undefined when it is missing, not a regular file, outside `within` or unreadable. */
export function readCacheBytes(file: string, within?: string, trust: CacheTrust = 'owned'): Buffer | undefined {
  const opened = openCacheFile(file, within, trust);
  if (!opened) return undefined;
  try {
    return readExactly(opened.fd, 0, opened.size);
  } catch {
    return undefined;
  } finally {
    fs.closeSync(opened.fd);
  }
}

export function readCacheText(file: string, within?: string, trust: CacheTrust = 'owned'): string | undefined {
  return readCacheBytes(file, within, trust)?.toString('utf8');
}

/**
 * Writes `target` atomically (see the top of this file). False when nothing was written: the
 * folder resolves outside `within`, is read-only or full, or a folder sits at the target's name.
 */
export function writeCacheFile(target: string, data: string | Buffer, within?: string): boolean {
  if (!prepareCacheDir(path.dirname(target), within) || !writeAtomically(target, data)) return false;
  markOwned(target);
  return true;
}

/** `dir/.gitignore` with "*", unless something is there already (a file, or a link planted under that name: 'wx' never writes through it). */
export function writeIgnoreFile(dir: string): void {
  try {
    fs.writeFileSync(path.join(dir, '.gitignore'), '*\n', { flag: 'wx' });
  } catch {
    /* there already, or read-only */
  }
}
