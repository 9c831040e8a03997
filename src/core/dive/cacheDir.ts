// `.deepdive/cache/`: per-user state and derived data (active dive, backups, locks, temp files of
// saves, map and history caches). It carries its own `.gitignore` ("*") so nothing in it ever
// shows in `git status`, even where the repository's own ignore rules say nothing about it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeepDiveError } from '../errors';

export const CACHE_DIR_NAME = 'cache';

/** Makes `.deepdive/cache/` (and its self-ignoring .gitignore); returns its absolute path. */
export function ensureCacheDir(root: string): string {
  const dive = path.join(root, '.deepdive');
  const dir = path.join(dive, CACHE_DIR_NAME);
  for (const d of [dive, dir]) {
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(d);
    } catch {
      fs.mkdirSync(d, { recursive: true });
      continue;
    }
    // A repository is untrusted: a planted symlink must not send our writes elsewhere.
    if (!st.isDirectory()) throw new DeepDiveError('is not a folder (a symlink or a file); Deep Dive does not write through it', path.relative(root, d).split(path.sep).join('/'));
  }
  const ignore = path.join(dir, '.gitignore');
  if (!fs.existsSync(ignore)) {
    try {
      fs.writeFileSync(ignore, '*\n', { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return dir;
}

/** Where saves write their temp files before the rename: same file system, ignored by git. */
export function tmpDir(root: string): string {
  const dir = path.join(ensureCacheDir(root), 'tmp');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
