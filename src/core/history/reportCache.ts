// The last history report, kept with what it was computed from. A warm `deepdive history` used to
// map the repository again (for each file's module) and recompute owners, churn and hotspots from
// the cached state; while HEAD, the working tree's changes, the options and the day are the same,
// none of that can differ, so the report is given back as it was.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walk } from '../walk/walker';
import type { HistoryReport } from './types';

const VERSION = 2;
const FILE = 'report.json';

interface Stored {
  version: number;
  key: string;
  report: HistoryReport;
}

/**
 * What the report depends on besides the options: HEAD, and the size and time of every source
 * file the map would walk (a mapped file added or edited changes modules and complexity). Taken
 * from the file system, not from `git status`: reading the work tree through git runs the
 * repository's clean filters and fsmonitor, and a repository is untrusted. The deep dive's own
 * folder is left out by the walk: notes do not change history.
 */
export async function historyKey(root: string, head: string, options: Record<string, unknown>, now = new Date()): Promise<string | undefined> {
  let files;
  try {
    files = walk({ root }).files;
  } catch {
    return undefined;
  }
  const h = createHash('sha1').update(`${VERSION}\0${head}\0${now.toISOString().slice(0, 10)}\0${JSON.stringify(options)}\0`);
  for (const f of files.map((x) => `${x.path}\0${x.size}:${x.mtimeMs}\0`).sort()) h.update(f);
  return h.digest('hex');
}

export function loadReport(dir: string, key: string): HistoryReport | undefined {
  try {
    const stored = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8')) as Stored;
    return stored.version === VERSION && stored.key === key && stored.report?.available === true ? stored.report : undefined;
  } catch {
    return undefined;
  }
}

/** Atomic; nothing is written when the folder resolves outside `within` (a planted symlink). */
export function saveReport(dir: string, key: string, report: HistoryReport, within?: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    if (within) {
      const back = path.relative(fs.realpathSync(within), fs.realpathSync(dir));
      if (back.startsWith('..') || path.isAbsolute(back)) return;
    }
    const target = path.join(dir, FILE);
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ version: VERSION, key, report } satisfies Stored));
    fs.renameSync(tmp, target);
  } catch {
    /* a cache is a convenience */
  }
}
