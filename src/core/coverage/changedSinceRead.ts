// "Changed since read" as a review list: each unit (symbol or top-level statement) whose read
// code changed, where it is now, which of its lines are new, the version that was read, and —
// where git can tell — the commits that changed it since. Re-reading costs the diff, not the file.
import type { SinceReadCommit } from '../history/sinceRead';
import { commitsSinceRead, readVersionText } from '../history/sinceRead';
import type { LineRange } from '../model/types';
import type { DiveCoverage } from './coverage';
import type { Pair } from './ranges';
import type { DiffLine } from './unitDiff';
import { unitDiff } from './unitDiff';

export interface ChangedUnit {
  path: string;
  module: string;
  /** The unit's name: a symbol path (`AuthService.login`, `default export`) or a statement's first line. */
  unit: string;
  reason: 'changed' | 'removed';
  /** Where the unit is now (changed), or where the read lines were (removed). */
  range: LineRange;
  /** Today's lines that are new or changed since the read (unread). */
  changed: Pair[];
  /** Read lines that are gone or changed. */
  lines: number;
  /** The read version: git blob id of the file then, HEAD then when known. */
  blob?: string;
  commit?: string;
  /** Commits that changed the file after the read version, newest first (when git could tell). */
  commits?: SinceReadCommit[];
  /** The unit's diff from the version read to now (when git still has that version). */
  diff?: DiffLine[];
}

/** Every unit whose read code changed, file by file in path order, then by line. */
export function changedSinceRead(coverage: Pick<DiveCoverage, 'files'>): ChangedUnit[] {
  const out: ChangedUnit[] = [];
  for (const f of coverage.files) {
    for (const s of f.stale) {
      out.push({
        path: f.path,
        module: f.module,
        unit: s.symbol,
        reason: s.reason,
        range: { ...s.range },
        changed: s.changed ?? [],
        lines: s.lines,
        ...(s.blob ? { blob: s.blob } : {}),
        ...(s.commit ? { commit: s.commit } : {}),
      });
    }
  }
  return out;
}

/** The same list with the commits since each read version (one git log per file and version). */
export async function withCommits(root: string, units: readonly ChangedUnit[], opts: { trusted: boolean; limit?: number }): Promise<ChangedUnit[]> {
  if (!opts.trusted) return units.map((u) => ({ ...u }));
  const cache = new Map<string, Promise<SinceReadCommit[] | undefined>>();
  const out: ChangedUnit[] = [];
  for (const u of units) {
    const key = `${u.path}\0${u.blob ?? ''}\0${u.commit ?? ''}`;
    let p = cache.get(key);
    if (!p) {
      p = commitsSinceRead(root, u.path, { blob: u.blob, commit: u.commit }, { trusted: true, limit: opts.limit }).then((r) => (r.known ? r.commits : undefined));
      cache.set(key, p);
    }
    const commits = await p;
    out.push({ ...u, ...(commits ? { commits } : {}) });
  }
  return out;
}

/**
 * The same list with each changed unit's diff from the version read to today's text: the read
 * version from git's object database (one `cat-file` per file and version, only when trusted).
 */
export async function withReadDiffs(root: string, units: readonly ChangedUnit[], opts: { trusted: boolean; readText: (rel: string) => string | undefined }): Promise<ChangedUnit[]> {
  if (!opts.trusted) return units.map((u) => ({ ...u }));
  const cache = new Map<string, Promise<string | undefined>>();
  const out: ChangedUnit[] = [];
  for (const u of units) {
    const now = u.reason === 'changed' && (u.blob || u.commit) ? opts.readText(u.path) : undefined;
    if (now === undefined) {
      out.push({ ...u });
      continue;
    }
    const key = `${u.path}\0${u.blob ?? ''}\0${u.commit ?? ''}`;
    let p = cache.get(key);
    if (!p) {
      p = readVersionText(root, u.path, { blob: u.blob, commit: u.commit }, { trusted: true }).catch(() => undefined);
      cache.set(key, p);
    }
    const read = await p;
    const diff = read === undefined ? [] : unitDiff(read, now, u.range);
    out.push({ ...u, ...(diff.length ? { diff } : {}) });
  }
  return out;
}
