// Per-symbol fingerprints of what was read. A symbol's "own" lines are its range minus the
// symbols nested in it, so an edit inside one method does not make the whole class unread.
import * as crypto from 'node:crypto';
import type { SymbolInfo } from '../map/types';
import type { ReadFingerprint } from '../model/types';
import type { Pair } from './ranges';
import { intersectRanges, subtractRanges } from './ranges';

/** Lines of a symbol not inside a symbol nested in it. */
export function ownRanges(symbol: SymbolInfo, symbols: readonly SymbolInfo[]): Pair[] {
  const { start, end } = symbol.range;
  const children = symbols
    .filter((s) => s !== symbol && s.range.start >= start && s.range.end <= end && (s.range.start > start || s.range.end < end))
    .map((s) => [s.range.start, s.range.end] as Pair);
  return subtractRanges([[start, end]], children);
}

/** Whitespace-insensitive text hash: re-indenting or re-wrapping blank lines is no change. */
export function hashLines(lines: readonly string[], ranges: readonly Pair[]): string {
  const h = crypto.createHash('sha256');
  for (const [s, e] of ranges) {
    for (let l = s; l <= e && l <= lines.length; l++) {
      const norm = lines[l - 1].trim().replace(/\s+/g, ' ');
      if (norm) h.update(norm + '\n');
    }
  }
  return h.digest('hex').slice(0, 16);
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Fingerprints of the symbols whose own lines overlap the read ranges. */
export function fingerprintsFor(lines: readonly string[], symbols: readonly SymbolInfo[], read: readonly Pair[]): ReadFingerprint[] {
  const out: ReadFingerprint[] = [];
  for (const s of symbols) {
    if (s.range.end < s.range.start) continue;
    const own = ownRanges(s, symbols);
    if (!intersectRanges(own, read).length) continue;
    const fp: ReadFingerprint = { symbol: s.path, range: { start: s.range.start, end: s.range.end }, hash: hashLines(lines, own) };
    if (own.length !== 1 || own[0][0] !== s.range.start || own[0][1] !== s.range.end) fp.own = own;
    out.push(fp);
  }
  return out;
}
