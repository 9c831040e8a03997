// The module map's layouts on disk, by content (see layoutMemo): a second `deepdive report` of the
// same graph does not run dagre again.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { layoutMemo } from './layout';

const FILE = 'layouts.json';

export function defaultLayoutCacheDir(root: string): string {
  return path.join(root, '.deepdive', 'cache', 'report');
}

/** Adds the kept layouts to this process' memo; a missing or unreadable file adds nothing. */
export function loadLayouts(dir: string): void {
  try {
    const stored = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8')) as Record<string, unknown>;
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
    fs.mkdirSync(dir, { recursive: true });
    if (within) {
      const back = path.relative(fs.realpathSync(within), fs.realpathSync(dir));
      if (back.startsWith('..') || path.isAbsolute(back)) return;
    }
    const target = path.join(dir, FILE);
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(layoutMemo)));
    fs.renameSync(tmp, target);
  } catch {
    /* a cache is a convenience */
  }
}
