import * as path from 'node:path';
import { readCacheText, writeCacheFile } from '../cache/cacheFile';
import { dictOf } from '../ownKeys';
import { isState } from './state';
import type { HistoryState } from './state';

/** Where the CLI and the extension keep the history cache by default (ignored by git). */
export function defaultCacheDir(root: string): string {
  return path.join(root, '.deepdive', 'cache', 'history');
}

const FILE = 'state.json';

/** The cached state, or undefined when missing, unreadable, of another version or another sub-folder. */
export function loadState(dir: string, prefix: string, within?: string): HistoryState | undefined {
  try {
    const text = readCacheText(path.join(dir, FILE), within);
    if (text === undefined) return undefined;
    const parsed: unknown = JSON.parse(text);
    return isState(parsed, prefix) ? withDictionaries(parsed) : undefined;
  } catch {
    return undefined;
  }
}

/** Names are data: records keyed by paths and emails get no prototype back from JSON. */
function withDictionaries(s: HistoryState): HistoryState {
  const files = dictOf(s.files);
  for (const f of Object.values(files)) f.authors = dictOf(f.authors);
  return { ...s, files, people: dictOf(s.people), ...(s.complexity ? { complexity: dictOf(s.complexity) } : {}) };
}

/**
 * Writes atomically (cacheFile.ts). A cache is a convenience: if the folder cannot be
 * written, or it resolves outside `within` (a symlink planted in the repository), nothing is
 * written and the next run simply starts cold.
 */
export function saveState(dir: string, state: HistoryState, within?: string): boolean {
  try {
    return writeCacheFile(path.join(dir, FILE), JSON.stringify(state), within);
  } catch {
    return false; // a state that does not serialise
  }
}
