// "Next unread": the most valuable unread places, ranked by closeness to entry points (import
// hops), fan-in (how many files depend on it), size (unread code lines) and an optional hotspot
// score (churn). Every place carries the reasons behind its rank, so the UI can say why.
import { TEST_FILE } from '../entry/entryFiles';
import type { EntryPoint } from '../entry/types';
import type { FileInfo, RepoMap, SymbolInfo } from '../map/types';
import type { LineRange } from '../model/types';
import type { FileCoverage } from './coverage';
import type { Pair } from './ranges';
import { countLines, normalizeRanges, subtractRanges } from './ranges';
import { getOwn } from '../ownKeys';

export interface EntryRef {
  file: string;
  /** Symbol path of the handler, e.g. "AuthController.login". */
  symbol?: string;
  line?: number;
}

/** The handler of each entry point as a place to rank near (an inline handler by its line). */
export function entryRefsOf(entries: readonly EntryPoint[]): EntryRef[] {
  return entries.map((e) => {
    const h = e.handlerLocation;
    if (h && h.symbol !== '<inline>') return { file: h.file, symbol: h.symbol, line: h.range.start };
    if (h) return { file: h.file, line: h.range.start };
    return { file: e.file, line: e.line };
  });
}

export interface NextUnreadInput {
  files: readonly FileCoverage[];
  map: Pick<RepoMap, 'files'> & Partial<Pick<RepoMap, 'modules'>>;
  entries?: readonly EntryRef[];
  /** Root-relative path → 0..1 (e.g. normalized churn); files not listed count 0. */
  hotspots?: Readonly<Record<string, number>>;
  limit?: number;
}

export interface UnreadPlace {
  path: string;
  /** From the first to the last unread code line of the place (read code may lie between). */
  range: LineRange;
  /**
   * The first stretch of unread code of the place, with no read line inside (blank and comment
   * lines between unread ones belong to it): what the editor selects and scrolls to.
   */
  focus: LineRange;
  symbol?: string;
  unreadLines: number;
  score: number;
  reasons: string[];
}

const NO_SYMBOLS: readonly SymbolInfo[] = [];

/** Unread lines under which neighbouring places of a file merge into one. */
const SMALL_PLACE = 25;

// Closeness dominates: a deep dive reads from where work enters, downwards.
const WEIGHTS = { closeness: 0.6, fanIn: 0.15, size: 0.15, hotspot: 0.1 };

/** Import hops from the nearest entry file, over the file import graph (either direction of use: callee side). */
function distances(files: readonly FileInfo[], entryFiles: Set<string>): Map<string, number> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const dist = new Map<string, number>();
  let frontier = [...entryFiles].filter((p) => byPath.has(p));
  for (const p of frontier) dist.set(p, 0);
  for (let d = 1; frontier.length; d++) {
    const next: string[] = [];
    for (const p of frontier) {
      for (const q of byPath.get(p)?.imports ?? []) {
        if (!dist.has(q) && byPath.has(q)) {
          dist.set(q, d);
          next.push(q);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/**
 * Symbols no other symbol strictly contains (same ranges count as one level), in their order.
 * One sweep by start, then end descending: a file of thousands of symbols is not O(n²).
 */
export function outermost(symbols: readonly SymbolInfo[]): SymbolInfo[] {
  const order = symbols.map((_, i) => i).sort((a, b) => symbols[a].range.start - symbols[b].range.start || symbols[b].range.end - symbols[a].range.end);
  const inner = new Set<number>();
  // Largest end among symbols that start strictly before the current start.
  let maxEndBefore = -Infinity;
  for (let i = 0; i < order.length; ) {
    const start = symbols[order[i]].range.start;
    let j = i;
    while (j < order.length && symbols[order[j]].range.start === start) j++;
    const groupMax = symbols[order[i]].range.end;
    for (let k = i; k < j; k++) {
      const end = symbols[order[k]].range.end;
      if (maxEndBefore >= end || groupMax > end) inner.add(order[k]);
    }
    maxEndBefore = Math.max(maxEndBefore, groupMax);
    i = j;
  }
  return symbols.filter((_, i) => !inner.has(i));
}

/** The part of a range set inside [start, end]: a binary search to the first range, not a scan. */
function unreadWithin(set: readonly Pair[], start: number, end: number): Pair[] {
  let lo = 0;
  let hi = set.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (set[mid][1] < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Pair[] = [];
  for (let i = lo; i < set.length && set[i][0] <= end; i++) out.push([Math.max(start, set[i][0]), Math.min(end, set[i][1])]);
  return out;
}

type Place = ReturnType<typeof placesOf>[number];

/**
 * A file's places for its coverage object: coverage of unread files is kept per content hash
 * (coverage.ts), so after an edit only the edited file's places are made again. Read only.
 */
const placesMemo = new WeakMap<FileCoverage, { symbols: readonly SymbolInfo[]; places: Place[] }>();

function placesFor(cov: FileCoverage, symbols: readonly SymbolInfo[]): Place[] {
  const known = placesMemo.get(cov);
  if (known?.symbols === symbols) return known.places;
  const places = placesOf(cov, symbols);
  placesMemo.set(cov, { symbols, places });
  return places;
}

/** Unread code of a file, grouped by outermost symbol; what lies outside every symbol is one more place. */
function placesOf(cov: FileCoverage, symbols: readonly SymbolInfo[]): { range: LineRange; symbol?: string; unread: Pair[]; lines: number }[] {
  const outer = outermost(symbols);
  const out: { range: LineRange; symbol?: string; unread: Pair[] }[] = [];
  const all = cov.unreadRanges;
  for (const s of outer) {
    const unread = unreadWithin(all, s.range.start, s.range.end);
    if (!unread.length) continue;
    out.push({ range: { start: unread[0][0], end: unread[unread.length - 1][1] }, symbol: s.path, unread });
  }
  const rest = subtractRanges(all, outer.map((s) => [s.range.start, s.range.end] as Pair));
  if (rest.length) out.push({ range: { start: rest[0][0], end: rest[rest.length - 1][1] }, unread: rest });
  out.sort((a, b) => a.range.start - b.range.start);
  // Neighbouring small places (one-line helpers, a run of constants) read as one: merge them.
  // Each place's line count is kept, not counted again from its growing range list per merge.
  const merged: (typeof out[number] & { lines: number })[] = [];
  for (const p of out) {
    const last = merged[merged.length - 1];
    const lines = countLines(p.unread);
    // Places of partly overlapping symbols can share lines: then the union is counted.
    const together = !last ? 0 : p.unread[0][0] > last.range.end ? last.lines + lines : countLines([...last.unread, ...p.unread]);
    if (last && together <= SMALL_PLACE) {
      last.range = { start: Math.min(last.range.start, p.range.start), end: Math.max(last.range.end, p.range.end) };
      last.unread.push(...p.unread);
      last.lines = together;
      // undefined, not delete: a deleted property turns the object into a slow dictionary.
      if (last.symbol !== p.symbol) last.symbol = undefined;
    } else {
      merged.push({ range: p.range, symbol: p.symbol, unread: [...p.unread], lines });
    }
  }
  return merged;
}

/** From the first unread line, on while no read code line comes between: the stretch to read now. */
export function firstUnreadStretch(unread: readonly Pair[], read: readonly Pair[]): LineRange {
  const parts = normalizeRanges(unread);
  const readSet = normalizeRanges(read);
  const start = parts[0]?.[0] ?? 1;
  let end = parts[0]?.[1] ?? 1;
  // One walk over both sorted sets: r points at the first read range that ends after `end`.
  let r = 0;
  for (let i = 1; i < parts.length; i++) {
    while (r < readSet.length && readSet[r][1] <= end) r++;
    if (r < readSet.length && readSet[r][0] < parts[i][0]) break;
    end = parts[i][1];
  }
  return { start, end };
}

/** A place while ranking: what its score and reasons are made of (reasons are written for the places shown). */
interface Candidate {
  path: string;
  range: LineRange;
  /** undefined when the place is no one symbol's (every candidate has the same fields: one object shape). */
  symbol: string | undefined;
  unreadLines: number;
  score: number;
  isTest: number;
  isEntry: boolean;
  dist: number | undefined;
  fanIn: number;
  closeness: number;
  hot: number;
  unread: Pair[];
  read: readonly Pair[];
}

/**
 * A file's candidates for its coverage object, and what they were made from: after a one-file
 * edit the other files' candidates are taken as they were (only their scores are worked out
 * again, since the largest place and the largest fan-in are the whole repository's). A
 * repository of a million lines has ten thousand places; making each again took most of a
 * ranking. Read only, apart from `score`, which each ranking writes before reading.
 */
const candidatesMemo = new WeakMap<FileCoverage, { symbols: readonly SymbolInfo[]; d: number | undefined; fi: number; hot: number; here: readonly EntryRef[]; cands: Candidate[] }>();

function sameRefs(a: readonly EntryRef[], b: readonly EntryRef[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].symbol !== b[i].symbol || a[i].line !== b[i].line) return false;
  return true;
}

function candidatesFor(cov: FileCoverage, symbols: readonly SymbolInfo[], d: number | undefined, fi: number, hot: number, here: readonly EntryRef[]): Candidate[] {
  const known = candidatesMemo.get(cov);
  if (known && known.symbols === symbols && known.d === d && known.fi === fi && known.hot === hot && sameRefs(known.here, here)) return known.cands;
  // Tests and fixtures in scope are read after the code they exercise: a test that imports a
  // service module would otherwise outrank the module by its fan-in to it.
  const isTest = TEST_FILE.test(cov.path) ? 1 : 0;
  const cands: Candidate[] = [];
  for (const p of placesFor(cov, symbols)) {
    const isEntry = here.some((e) => (e.symbol !== undefined && e.symbol === p.symbol) || (e.line !== undefined && e.line >= p.range.start && e.line <= p.range.end) || (e.symbol === undefined && e.line === undefined));
    const closeness = isEntry ? 1 : d === undefined ? 0 : d === 0 ? 0.8 : 0.5 ** d;
    cands.push({ path: cov.path, range: p.range, symbol: p.symbol || undefined, unreadLines: p.lines, score: 0, isTest, isEntry, dist: d, fanIn: fi, closeness, hot, unread: p.unread, read: cov.readRanges });
  }
  candidatesMemo.set(cov, { symbols, d, fi, hot, here, cands });
  return cands;
}

const NO_REFS: readonly EntryRef[] = [];

interface ImportGraph {
  paths: string[];
  imports: (readonly string[])[];
  entryFiles: string;
  fanIn: Map<string, number>;
  maxFanIn: number;
  dist: Map<string, number>;
}

/**
 * Fan-in and import hops from the entry files, made again only when a file's imports or the entry
 * files changed: the map keeps each unchanged file's import list (the same array) through an edit.
 */
let lastGraph: ImportGraph | undefined;

/** The same strings in the same order (the edited file's list is a new array, most often equal). */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function importGraph(files: readonly FileInfo[], entryFiles: string[]): ImportGraph {
  const key = [...new Set(entryFiles)].sort().join('\n');
  const g = lastGraph;
  if (g && g.entryFiles === key && g.paths.length === files.length && files.every((f, i) => g.paths[i] === f.path && sameList(g.imports[i], f.imports))) return g;
  const fanIn = new Map<string, number>();
  for (const f of files) for (const q of new Set(f.imports)) fanIn.set(q, (fanIn.get(q) ?? 0) + 1);
  let maxFanIn = 1;
  for (const n of fanIn.values()) if (n > maxFanIn) maxFanIn = n;
  const dist = distances(files, new Set(entryFiles));
  lastGraph = { paths: files.map((f) => f.path), imports: files.map((f) => f.imports), entryFiles: key, fanIn, maxFanIn, dist };
  return lastGraph;
}

export function nextUnread(input: NextUnreadInput): UnreadPlace[] {
  const files = input.map.files;
  const byPath = new Map(files.map((f) => [f.path, f]));
  const entries = input.entries ?? [];
  const entriesIn = new Map<string, EntryRef[]>();
  for (const e of entries) {
    const list = entriesIn.get(e.file);
    if (list) list.push(e);
    else entriesIn.set(e.file, [e]);
  }
  const { fanIn, maxFanIn, dist } = importGraph(files, [...entriesIn.keys()]);
  const hasEntries = entries.length > 0;
  const hasHot = !!input.hotspots && Object.keys(input.hotspots).length > 0;

  const raw: Candidate[][] = [];
  let maxSize = 1;
  for (const cov of input.files) {
    if (!cov.unreadRanges.length) continue;
    const hot = Math.max(0, Math.min(1, (input.hotspots && getOwn(input.hotspots, cov.path)) ?? 0));
    const cands = candidatesFor(cov, byPath.get(cov.path)?.symbols ?? NO_SYMBOLS, dist.get(cov.path), fanIn.get(cov.path) ?? 0, hot, entriesIn.get(cov.path) ?? NO_REFS);
    for (const r of cands) if (r.unreadLines > maxSize) maxSize = r.unreadLines;
    raw.push(cands);
  }
  const w = { ...WEIGHTS, closeness: hasEntries ? WEIGHTS.closeness : 0, hotspot: hasHot ? WEIGHTS.hotspot : 0 };
  const total = w.closeness + w.fanIn + w.size + w.hotspot;
  const logMax = Math.log1p(maxSize);
  for (const cands of raw) {
    for (const r of cands) {
      const size = Math.log1p(r.unreadLines) / logMax;
      const s = (w.closeness * r.closeness + w.fanIn * (r.fanIn / maxFanIn) + w.size * size + w.hotspot * r.hot) / total;
      r.score = Math.round(s * 1000) / 1000;
    }
  }
  // Only the first `limit` places are shown: kept in order as the candidates pass, instead of
  // sorting thousands of them (a big repository nobody has read yet has tens of thousands).
  return firstOf(raw, input.limit ?? 10, rankOrder).map((r) => ({ path: r.path, range: { ...r.range }, focus: firstUnreadStretch(r.unread, r.read), ...(r.symbol ? { symbol: r.symbol } : {}), unreadLines: r.unreadLines, score: r.score, reasons: reasonsOf(r) }));
}

/** Tests last, then by score, then by place: a total order (two places of a file never start on the same line). */
function rankOrder(a: Candidate, b: Candidate): number {
  return a.isTest - b.isTest || b.score - a.score || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start - b.range.start);
}

/** The first `n` items in `order` (given in runs), as sorting all of them and taking the first `n` would give. */
function firstOf<T>(runs: readonly (readonly T[])[], n: number, order: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (n <= 0) return top;
  for (const run of runs) {
    for (const x of run) {
      if (top.length === n && order(x, top[n - 1]) >= 0) continue;
      // After the last item that comes before or with x: equal items keep their input order, as a stable sort would.
      let lo = 0;
      let hi = top.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(top[mid], x) <= 0) lo = mid + 1;
        else hi = mid;
      }
      top.splice(lo, 0, x);
      if (top.length > n) top.pop();
    }
  }
  return top;
}

function reasonsOf(r: Candidate): string[] {
  const reasons: string[] = [];
  if (r.isEntry) reasons.push('entry point');
  else if (r.dist !== undefined) reasons.push(r.dist === 0 ? 'in an entry-point file' : `${r.dist} import${r.dist > 1 ? 's' : ''} from an entry point`);
  if (r.fanIn > 0) reasons.push(`imported by ${r.fanIn} file${r.fanIn > 1 ? 's' : ''}`);
  reasons.push(`${r.unreadLines} unread line${r.unreadLines > 1 ? 's' : ''}`);
  if (r.hot > 0) reasons.push(`hotspot ${r.hot.toFixed(2)}`);
  return reasons;
}
