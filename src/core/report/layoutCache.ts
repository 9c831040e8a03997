// The module map's layouts on disk, by content (see layoutMemo): a second `deepdive report` of the
// same graph does not run dagre again.
import * as path from 'node:path';
import { readCacheText, writeCacheFile } from '../cache/cacheFile';
import { layoutMemo } from './layout';

const FILE = 'layouts.json';

export function defaultLayoutCacheDir(root: string): string {
  return path.join(root, '.deepdive', 'cache', 'report');
}

/** Adds the kept layouts to this process' memo; a missing or unreadable file adds nothing. */
export function loadLayouts(dir: string, within?: string): void {
  try {
    const text = readCacheText(path.join(dir, FILE), within);
    if (text === undefined) return;
    const stored = JSON.parse(text) as Record<string, unknown>;
    for (const [key, placed] of Object.entries(stored)) {
      if (!layoutMemo.has(key) && isPlaced(placed)) layoutMemo.set(key, placed);
    }
  } catch {
    /* start without */
  }
}

type Placed = Parameters<typeof layoutMemo.set>[1];

function isPlaced(x: unknown): x is Placed {
  const p = x as Placed;
  return !!p && typeof p.width === 'number' && typeof p.height === 'number' && Array.isArray(p.nodes) && Array.isArray(p.edges);
}

/** Writes this process' layouts (atomic); nothing when the folder resolves outside `within`. */
export function saveLayouts(dir: string, within?: string): void {
  try {
    writeCacheFile(path.join(dir, FILE), JSON.stringify(Object.fromEntries(layoutMemo)), within);
  } catch {
    /* a cache is a convenience */
  }
}
