// Which deep dive commands act on: `--dive ID` (or the editor's pick) first, then the active one
// stored per user in `.deepdive/cache/active` (git-ignored), then the only one there is.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeepDiveError } from '../errors';
import { CACHE_DIR, checkId, diveFile, ensureDiveDir, writeAtomic } from './files';
import { listDiveIds } from './store';
import { ensureCacheDir } from './cacheDir';
import { readCacheText } from '../cache/cacheFile';

const activeFile = (root: string) => path.join(root, CACHE_DIR, 'active');

export function readActiveDive(root: string): string | undefined {
  try {
    // Not through a planted link, FIFO or device (cache/cacheFile.ts): a miss, never a wait.
    const id = (readCacheText(activeFile(root), root, 'any') ?? '').trim();
    return /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

export function setActiveDive(root: string, id: string | undefined): void {
  if (id === undefined) {
    fs.rmSync(activeFile(root), { force: true });
    return;
  }
  checkId(id);
  ensureDiveDir(root);
  ensureCacheDir(root); // refuses a `.deepdive/cache` that is a link: the write would land out of the repository
  writeAtomic(activeFile(root), id + '\n');
}

/** The id a command should use, or a one-line reason why there is none. */
export function resolveDiveId(root: string, explicit?: string): string {
  const ids = listDiveIds(root);
  const have = ids.length ? ` (have: ${ids.join(', ')})` : '';
  if (explicit !== undefined) {
    checkId(explicit);
    if (!fs.existsSync(diveFile(root, explicit))) throw new DeepDiveError(`no deep dive "${explicit}" in .deepdive/${have}`);
    return explicit;
  }
  const active = readActiveDive(root);
  if (active && ids.includes(active)) return active;
  if (ids.length === 1) return ids[0];
  if (ids.length === 0) throw new DeepDiveError('no deep dive here yet: run `deepdive start --title T` first');
  throw new DeepDiveError(`several deep dives and none active${have}: pass --dive ID`);
}
