// Reading that left its file with the code: a function moved to another file is still read
// there when the map can tell it is the same code — every non-blank line of a symbol in the new
// file has the hash of a read line that went missing, in order, from one read span elsewhere.
// The lines count as read in the new file, and the old file no longer lists them as changed.
import type { SymbolInfo } from '../map/types';
import type { FileCoverage } from './coverage';
import { spanCodes } from './followSpan';
import { isBlankCode, isTrivialCode, lineIndex } from './lineHashes';
import type { Pair } from './ranges';
import { countLines, intersectRanges, subtractRanges, unionRanges } from './ranges';
import type { FollowedSpan } from './spanReading';

export interface MoveCandidate {
  cov: FileCoverage;
  codeLines: readonly Pair[];
  pending: readonly FollowedSpan[];
  symbols: readonly SymbolInfo[];
  lines: readonly string[];
}

/** Fewest distinctive lines for a symbol to be taken as the same code. */
const MIN_SOLID = 3;

interface LostRun {
  file: FileCoverage;
  /** Codes of the lost lines, blank ones left out, concatenated. */
  codes: string;
  lines: number;
}

/** Runs of read lines that left a file, long enough to be recognised elsewhere. */
function lostRuns(pending: readonly FollowedSpan[]): Omit<LostRun, 'file'>[] {
  const runs: Omit<LostRun, 'file'>[] = [];
  for (const p of pending) {
    const codes = spanCodes(p.span);
    for (const ch of p.changes) {
      if (!ch.lost.length) continue;
      const seq = ch.lost.map((l) => codes[l - p.span.start]).filter((c) => c && !isBlankCode(c));
      if (seq.filter((c) => !isTrivialCode(c)).length >= MIN_SOLID) runs.push({ codes: seq.join(''), lines: ch.lost.length });
    }
  }
  return runs;
}

/**
 * True when read code left this file in a piece another file could have taken: only then is it
 * worth looking at every other file (the editor checks this before opening the unread ones).
 */
export function mayHaveMoved(pending: readonly FollowedSpan[]): boolean {
  return lostRuns(pending).length > 0;
}

export function followMovedCode(files: readonly MoveCandidate[], percentOf: (read: number, lines: number) => number): void {
  const runs: LostRun[] = files.flatMap((f) => lostRuns(f.pending).map((r) => ({ ...r, file: f.cov })));
  if (!runs.length) return;
  const movedOut = new Map<FileCoverage, number>();
  for (const f of files) {
    if (!f.cov.unreadRanges.length) continue;
    const index = lineIndex(f.lines);
    for (const s of f.symbols) {
      const range: Pair = [s.range.start, s.range.end];
      if (!intersectRanges(f.cov.unreadRanges, [range]).length) continue;
      const seq: string[] = [];
      for (let l = s.range.start; l <= s.range.end; l++) {
        const c = index.codes[l - 1];
        if (c && !isBlankCode(c)) seq.push(c);
      }
      if (seq.filter((c) => !isTrivialCode(c)).length < MIN_SOLID) continue;
      const key = seq.join('');
      const run = runs.find((r) => r.file !== f.cov && alignedIndexOf(r.codes, key) >= 0);
      if (!run) continue;
      const readRanges = unionRanges(f.cov.readRanges, intersectRanges([range], f.codeLines));
      f.cov.readRanges = readRanges;
      f.cov.unreadRanges = subtractRanges(f.codeLines, readRanges);
      f.cov.read = countLines(readRanges);
      f.cov.percent = percentOf(f.cov.read, f.cov.lines);
      movedOut.set(run.file, (movedOut.get(run.file) ?? 0) + seq.length);
    }
  }
  // In the old file, a deletion whose read lines all went to another file is no change to review.
  for (const [file, moved] of movedOut) {
    let left = moved;
    file.stale = file.stale.filter((s) => {
      if (s.changed?.length || s.lines > left) return true;
      left -= s.lines;
      return false;
    });
  }
}

/** indexOf at a multiple of the code width (4), so codes never match across their borders. */
function alignedIndexOf(hay: string, needle: string): number {
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) if (i % 4 === 0) return i;
  return -1;
}
