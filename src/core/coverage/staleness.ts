// What a reading record means for the code as it is now. Lines read inside a fingerprinted
// symbol follow that symbol when it moves (lines inserted above it) and become unread when its
// own text changed or it is gone: "changed since read". Lines read outside any symbol (imports,
// top-level statements) stay on their line numbers.
import type { SymbolInfo } from '../map/types';
import type { FileReading, LineRange, ReadFingerprint } from '../model/types';
import { fingerprintsFor, hashLines, ownRanges } from './fingerprint';
import type { Pair } from './ranges';
import { intersectRanges, normalizeRanges, rangesFromLines, subtractRanges, unionRanges } from './ranges';

export interface StaleSymbol {
  symbol: string;
  /** Where the symbol is now (changed), or where it was when read (removed). */
  range: LineRange;
  reason: 'changed' | 'removed';
  /** Lines of it that had been read and now count as unread. */
  lines: number;
}

/** The file as it is now: its text split in lines and its symbols (from the map or a re-parse). */
export interface CurrentFile {
  lines: readonly string[];
  symbols: readonly SymbolInfo[];
}

export interface EffectiveReading {
  /** Read lines in today's line numbers. */
  ranges: Pair[];
  /** Fingerprints still valid, moved to today's ranges. */
  fingerprints: ReadFingerprint[];
  stale: StaleSymbol[];
}

function expand(ranges: readonly Pair[]): number[] {
  const out: number[] = [];
  for (const [s, e] of ranges) for (let l = s; l <= e; l++) out.push(l);
  return out;
}

function matchSymbol(fp: ReadFingerprint, symbols: readonly SymbolInfo[]): SymbolInfo | undefined {
  let best: SymbolInfo | undefined;
  for (const s of symbols) {
    if (s.path !== fp.symbol) continue;
    if (!best || Math.abs(s.range.start - fp.range.start) < Math.abs(best.range.start - fp.range.start)) best = s;
  }
  return best;
}

export function effectiveReading(reading: FileReading | undefined, current: CurrentFile | undefined): EffectiveReading {
  const stored = normalizeRanges(reading?.ranges ?? []);
  const fps = reading?.fingerprints ?? [];
  if (!current || !fps.length) return { ranges: stored, fingerprints: [...fps], stale: [] };
  const oldOwn = (fp: ReadFingerprint): Pair[] => normalizeRanges(fp.own ?? [[fp.range.start, fp.range.end]]);
  let ranges = subtractRanges(stored, fps.flatMap(oldOwn));
  const fingerprints: ReadFingerprint[] = [];
  const stale: StaleSymbol[] = [];
  for (const fp of fps) {
    const own = oldOwn(fp);
    const seg = intersectRanges(own, stored);
    const cur = matchSymbol(fp, current.symbols);
    const readLines = seg.reduce((n, [s, e]) => n + e - s + 1, 0);
    if (!cur) {
      if (readLines) stale.push({ symbol: fp.symbol, range: { ...fp.range }, reason: 'removed', lines: readLines });
      continue;
    }
    const curOwn = ownRanges(cur, current.symbols);
    if (hashLines(current.lines, curOwn) !== fp.hash) {
      if (readLines) stale.push({ symbol: fp.symbol, range: { ...cur.range }, reason: 'changed', lines: readLines });
      continue;
    }
    // Same own text: carry each read line to its counterpart. Line by line when the own line
    // counts agree (a child grew or shrank), else by the symbol's offset.
    const oldLines = expand(own);
    const newLines = expand(curOwn);
    const moved: number[] = [];
    if (oldLines.length === newLines.length) {
      const index = new Map(oldLines.map((l, i) => [l, i]));
      for (const l of expand(seg)) moved.push(newLines[index.get(l)!]);
    } else {
      const delta = cur.range.start - fp.range.start;
      for (const l of expand(seg)) if (l + delta >= cur.range.start && l + delta <= cur.range.end) moved.push(l + delta);
    }
    ranges = unionRanges(ranges, rangesFromLines(moved));
    const next: ReadFingerprint = { symbol: fp.symbol, range: { start: cur.range.start, end: cur.range.end }, hash: fp.hash };
    if (curOwn.length !== 1 || curOwn[0][0] !== cur.range.start || curOwn[0][1] !== cur.range.end) next.own = curOwn;
    fingerprints.push(next);
  }
  return { ranges, fingerprints, stale };
}

/**
 * The reading record after marking `read` as read, against the file as it is now: the old record
 * is first brought to today's lines (stale parts dropped), then the new lines are added and the
 * symbols they touch are fingerprinted afresh.
 */
export function addRead(reading: FileReading | undefined, read: readonly Pair[], current: CurrentFile | undefined, now = new Date()): FileReading {
  const eff = effectiveReading(reading, current);
  const ranges = unionRanges(eff.ranges, read);
  const out: FileReading = { ranges, seconds: reading?.seconds ?? 0, lastRead: now.toISOString() };
  if (current) {
    // Fresh fingerprints for every symbol that has read lines, replacing older ones.
    const fresh = fingerprintsFor(current.lines, current.symbols, ranges);
    if (fresh.length) out.fingerprints = fresh;
  } else if (eff.fingerprints.length) {
    out.fingerprints = eff.fingerprints;
  }
  return out;
}

/** The reading record after marking `unread` as not read (undefined range: the whole file). */
export function removeRead(reading: FileReading | undefined, unread: readonly Pair[] | undefined, current: CurrentFile | undefined): FileReading | undefined {
  if (!reading) return undefined;
  const eff = effectiveReading(reading, current);
  const ranges = unread ? subtractRanges(eff.ranges, unread) : [];
  const out: FileReading = { ranges, seconds: reading.seconds };
  if (reading.lastRead) out.lastRead = reading.lastRead;
  const keep = current ? fingerprintsFor(current.lines, current.symbols, ranges) : eff.fingerprints.filter((f) => intersectRanges([[f.range.start, f.range.end]], ranges).length);
  if (keep.length) out.fingerprints = keep;
  return out;
}
