import type { CommitRecord } from './logParse';
import { dict } from '../ownKeys';

/**
 * What the history pass keeps per file, enough to answer owners, churn and age for any "now"
 * and any window, and small enough to cache as JSON. Updated commit by commit, oldest first,
 * so new commits can be folded in without reading the old ones again.
 */
export interface AuthorLines {
  /** Estimated lines of the current file that this person wrote. */
  lines: number;
  /** Last time (epoch seconds) they changed the file. */
  last: number;
  commits: number;
}

export interface FileState {
  /** Estimated current length in lines (the sum of the authors' lines). */
  lines: number;
  authors: Record<string, AuthorLines>;
  commits: number;
  first: number;
  last: number;
  /** Per commit that touched the file: day number (epoch days) and lines added+deleted, as parallel arrays. */
  days: number[];
  changed: number[];
  /** Per commit: its sequence number in the state, so a module counts a commit once however many of its files it touched. */
  seqs: number[];
}

export interface PersonState {
  name: string;
  email: string;
  commits: number;
  first: number;
  last: number;
}

/** 3: Kotlin `?:` counted in the cached complexity. */
export const STATE_VERSION = 3;

export interface HistoryState {
  version: number;
  /** Root's path inside the repository: a cache made for another sub-folder does not apply. */
  prefix: string;
  head: string;
  commits: number;
  files: Record<string, FileState>;
  /** Keyed by lower-case email (after .mailmap). */
  people: Record<string, PersonState>;
  /** Complexity of working-tree files: path → [mtimeMs, size, complexity], re-parsed only when the file changed. */
  complexity?: Record<string, [number, number, number]>;
}

export function emptyState(prefix: string): HistoryState {
  return { version: STATE_VERSION, prefix, head: '', commits: 0, files: dict(), people: dict() };
}

export function personKey(name: string, email: string): string {
  const e = email.trim().toLowerCase();
  return e || `name:${name.trim().toLowerCase()}`;
}

const DAY = 86_400;

/**
 * Folds one commit in. The ownership model: lines a commit deletes are taken from the current
 * authors in proportion to what they hold (numstat does not say whose lines went), lines it
 * adds belong to its author. Measured against `git blame` this tracks the current code's
 * authorship closely at a tiny fraction of the cost of blaming every file.
 */
export function applyCommit(state: HistoryState, c: CommitRecord): void {
  state.commits++;
  const key = personKey(c.name, c.email);
  const person = (state.people[key] ??= { name: c.name, email: c.email, commits: 0, first: c.time, last: c.time });
  person.commits++;
  if (c.time >= person.last) {
    person.last = c.time;
    person.name = c.name || person.name;
    person.email = c.email || person.email;
  }
  if (c.time < person.first) person.first = c.time;
  const day = Math.floor(c.time / DAY);
  for (const ch of c.changes) {
    if (ch.from !== undefined && ch.from !== ch.path) renameFile(state, ch.from, ch.path);
    const f = (state.files[ch.path] ??= { lines: 0, authors: dict(), commits: 0, first: c.time, last: c.time, days: [], changed: [], seqs: [] });
    const added = ch.added ?? 0;
    const deleted = Math.min(ch.deleted ?? 0, f.lines);
    if (deleted > 0 && f.lines > 0) {
      const keep = 1 - deleted / f.lines;
      for (const a of Object.values(f.authors)) a.lines *= keep;
    }
    const mine = (f.authors[key] ??= { lines: 0, last: c.time, commits: 0 });
    mine.lines += added;
    mine.commits++;
    if (c.time > mine.last) mine.last = c.time;
    f.lines = Math.max(0, f.lines - deleted) + added;
    f.commits++;
    if (c.time > f.last) f.last = c.time;
    if (c.time < f.first) f.first = c.time;
    f.days.push(day);
    f.changed.push((ch.added ?? 0) + (ch.deleted ?? 0));
    f.seqs.push(state.commits);
  }
}

function renameFile(state: HistoryState, from: string, to: string): void {
  const old = state.files[from];
  if (!old) return;
  delete state.files[from];
  const existing = state.files[to];
  if (!existing) {
    state.files[to] = old;
    return;
  }
  // Two histories meet (a file replaced by a rename): keep both, the rename's lines win.
  for (const [k, a] of Object.entries(old.authors)) {
    const e = (existing.authors[k] ??= { lines: 0, last: a.last, commits: 0 });
    e.lines += a.lines;
    e.commits += a.commits;
    e.last = Math.max(e.last, a.last);
  }
  existing.lines += old.lines;
  existing.commits += old.commits;
  existing.first = Math.min(existing.first, old.first);
  existing.last = Math.max(existing.last, old.last);
  existing.days = existing.days.concat(old.days);
  existing.changed = existing.changed.concat(old.changed);
  existing.seqs = existing.seqs.concat(old.seqs);
}

/**
 * Rounds estimates so the cache stays compact and diffs of it stay stable; given HEAD's files
 * (`current`), first drops the others: owners describe the current code only. Keys are walked in
 * place (the records are dict()s, with no inherited keys): after a cold log this runs over every
 * file of the repository between git's last byte and the answer, and an array of entries per
 * file doubled its time.
 */
export function compact(state: HistoryState, current?: ReadonlySet<string>): void {
  const files = state.files;
  for (const p in files) {
    // With `current`, pruneTo in the same pass: one walk of the files, no array of their names.
    if (current && !current.has(p)) {
      delete files[p];
      continue;
    }
    const f = files[p];
    f.lines = round2(f.lines);
    const authors = f.authors;
    for (const k in authors) {
      const a = authors[k];
      a.lines = round2(a.lines);
      if (a.lines <= 0.01 && a.commits === 0) delete authors[k];
    }
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Loose shape check of a cached state read from disk (a cache is untrusted too). */
export function isState(v: unknown, prefix: string): v is HistoryState {
  if (!v || typeof v !== 'object') return false;
  const s = v as Partial<HistoryState>;
  return (
    s.version === STATE_VERSION &&
    s.prefix === prefix &&
    typeof s.head === 'string' &&
    typeof s.commits === 'number' &&
    !!s.files && typeof s.files === 'object' &&
    !!s.people && typeof s.people === 'object'
  );
}
