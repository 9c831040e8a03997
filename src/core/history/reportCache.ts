// The last history report, kept with what it was computed from. A warm `deepdive history` used to
// map the repository again (for each file's module) and recompute owners, churn and hotspots from
// the cached state; while HEAD, the working tree's changes, the options and the day are the same,
// none of that can differ, so the report is given back as it was.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGit } from './git';
import type { HistoryReport } from './types';

const VERSION = 1;
const FILE = 'report.json';

interface Stored {
  version: number;
  key: string;
  report: HistoryReport;
}

/**
 * What the report depends on besides the options: HEAD, and the working tree's uncommitted and
 * untracked files with their size and time (a mapped file added or edited changes modules and
 * complexity). The deep dive's own folder is left out: notes do not change history. Undefined
 * when git cannot say (then nothing is cached).
 */
export async function historyKey(root: string, head: string, options: Record<string, unknown>, now = new Date()): Promise<string | undefined> {
  const res = await runGit(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--ignore-submodules', '--', '.', ':(exclude).deepdive'], { timeoutMs: 10_000, maxBytes: 16 * 1024 * 1024 });
  if (res.code !== 0 || res.truncated || res.timedOut) return undefined;
  const h = createHash('sha1').update(`${VERSION}\0${head}\0${now.toISOString().slice(0, 10)}\0${JSON.stringify(options)}\0`);
  for (const entry of res.stdout.split('\0')) {
    if (!entry) continue;
    h.update(entry);
    // The path is relative to the repository's top; git ran in root, so resolve from there.
    const rel = entry.slice(3);
    try {
      const top = await gitTop(root);
      const st = fs.statSync(path.join(top, rel));
      h.update(`\0${st.size}:${st.mtimeMs}\0`);
    } catch {
      h.update('\0gone\0');
    }
  }
  return h.digest('hex');
}

const tops = new Map<string, Promise<string>>();
function gitTop(root: string): Promise<string> {
  let p = tops.get(root);
  if (!p) {
    p = runGit(root, ['rev-parse', '--show-toplevel'], { timeoutMs: 10_000 }).then((r) => (r.code === 0 ? r.stdout.trim() : root));
    tops.set(root, p);
  }
  return p;
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
