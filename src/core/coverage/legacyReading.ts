// Reading records written before read spans existed (only `ranges` and per-symbol
// `fingerprints`): lines read inside a fingerprinted symbol follow that symbol and become unread
// when its own text changed; other lines stay on their line numbers. Such a record gains spans
// (and the line-by-line behaviour) the next time anything in its file is marked read with the
// text known.
import type { SymbolInfo } from '../map/types';
import type { FileReading, ReadFingerprint } from '../model/types';
import { hashLines, ownRanges } from './fingerprint';
import type { Pair } from './ranges';
import { intersectRanges, normalizeRanges, rangesFromLines, subtractRanges, unionRanges } from './ranges';
import type { CurrentFile, EffectiveReading, StaleSymbol } from './staleness';

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

export function legacyEffectiveReading(reading: FileReading | undefined, current: CurrentFile | undefined): EffectiveReading {
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
