// Leftovers of a save that was killed (kill -9, power loss): temp files, the lock's own temp
// files and the caches' temp files. They live in `.deepdive/cache/` (ignored by git), and older versions left
// `.deepdive/.<id>.json.<pid>.<hex>.tmp` beside the dive; both are removed on the next start
// once the process that made them is gone. A dive file itself is never touched here: a rename
// either happened (the new file is whole) or did not (the old one is).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clearStaleLock, pidAlive } from './lock';

const TEMP = /\.(\d+)\.[0-9a-f]+\.tmp$/;
/** A temp file this old is abandoned even if its pid was reused by another process. */
const ABANDONED_MS = 60 * 60 * 1000;

const swept = new Set<string>();

/** Folders of `.deepdive/cache/` whose files are written through a temp file. */
const CACHE_FOLDERS = ['map', 'entry', 'answers', 'history', 'coverage', 'report'];
/** A cache write takes seconds at most; its temp file is left alone for this long whatever its pid. */
const CACHE_TEMP_MIN_AGE_MS = 10 * 60 * 1000;

/** `minAgeMs`: younger files are kept even when their pid does not run here (a writer on another host sharing the folder). */
function sweepDir(dir: string, now: number, nameOk: (name: string) => boolean, minAgeMs = 0): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || !nameOk(name)) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.lstatSync(file);
      if (!st.isFile()) continue;
      if (now - st.mtimeMs < minAgeMs || (pidAlive(Number(m[1])) && now - st.mtimeMs < ABANDONED_MS)) continue;
      fs.rmSync(file, { force: true });
      removed++;
    } catch {
      /* gone meanwhile, or not ours to remove */
    }
  }
  return removed;
}

/** Removes abandoned temp files under `root/.deepdive`; once per root per process unless forced. */
export function sweepLeftovers(root: string, force = false): number {
  const key = path.resolve(root);
  if (swept.has(key) && !force) return 0;
  swept.add(key);
  const dive = path.join(root, '.deepdive');
  const cache = path.join(dive, 'cache');
  const now = Date.now();
  let locks = 0;
  try {
    for (const name of fs.readdirSync(path.join(cache, 'locks'))) if (name.endsWith('.lock') && clearStaleLock(path.join(cache, 'locks', name))) locks++;
  } catch {
    /* no locks folder yet */
  }
  return (
    locks +
    sweepDir(dive, now, (n) => n.startsWith('.') && /\.json\.\d+\.[0-9a-f]+\.tmp$/.test(n)) +
    sweepDir(path.join(cache, 'tmp'), now, () => true) +
    sweepDir(path.join(cache, 'locks'), now, () => true) +
    sweepDir(path.join(cache, 'backup'), now, () => true) +
    // The caches' own temp files (cache/cacheFile.ts), left by a run killed mid-write.
    CACHE_FOLDERS.reduce((n, sub) => n + sweepDir(path.join(cache, sub), now, () => true, CACHE_TEMP_MIN_AGE_MS), 0)
  );
}
