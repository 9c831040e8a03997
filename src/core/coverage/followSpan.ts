// Where the lines of one read span are in today's text. The span carries the codes of the lines
// it covered when read; they are found again the way a diff does: first where they were, else at
// the offset most of its distinctive lines vote for, else through a line diff (longest common
// subsequence) in a window around that offset. Lines found are still read; lines not found
// changed (or went away); lines found in between that were not there are new.
import { matchLines } from '../anchor/lineDiff';
import type { ReadSpan } from '../model/types';
import type { LineIndex } from './lineHashes';
import { decodeCodes, isBlankCode, isTrivialCode } from './lineHashes';
import type { Pair } from './ranges';

/** A place in a read span where the code changed since it was read. Lines are 1-based. */
export interface SpanChange {
  /** Non-blank lines of the read version that are gone or changed (old line numbers). */
  lost: number[];
  /** Today's non-blank lines that replaced them or were added between read lines. */
  added: number[];
  /** Today's line of the read line just before / after the change, when there is one. */
  after?: number;
  before?: number;
}

export interface SpanFollow {
  /** [old line, today's line] of every read line found again. */
  pairs: Pair[];
  changes: SpanChange[];
}

/** Codes a line may vote with: rarer lines place a block better; very common ones say nothing. */
const MAX_POSITIONS = 4;
const MIN_PAD = 16;
const MAX_PAD = 200;

export function spanCodes(span: ReadSpan): string[] {
  const codes = decodeCodes(span.hashes ?? '');
  return codes.length === span.end - span.start + 1 ? codes : [];
}

export function followSpan(span: ReadSpan, ix: LineIndex): SpanFollow {
  const codes = spanCodes(span);
  const n = codes.length;
  const N = ix.codes.length;
  // Without codes (a read recorded without the text) the span stays on its line numbers.
  if (!n) {
    const pairs: Pair[] = [];
    for (let l = span.start; l <= Math.min(span.end, N); l++) pairs.push([l, l]);
    return { pairs, changes: [] };
  }
  const s0 = span.start - 1;
  const exactAt = (d: number) => {
    if (d < 0 || d + n > N) return false;
    for (let i = 0; i < n; i++) if (ix.codes[d + i] !== codes[i]) return false;
    return true;
  };
  const shifted = (d: number): SpanFollow => ({ pairs: codes.map((_, i) => [span.start + i, d + i + 1] as Pair), changes: [] });
  if (exactAt(s0)) return shifted(s0);

  const votes = new Map<number, number>();
  codes.forEach((c, i) => {
    const pos = ix.positions.get(c);
    if (!pos || pos.length > MAX_POSITIONS) return;
    for (const p of pos) votes.set(p - i, (votes.get(p - i) ?? 0) + 1);
  });
  let delta = s0;
  let best = 0;
  for (const [d, v] of votes) {
    if (v > best || (v === best && Math.abs(d - s0) < Math.abs(delta - s0))) {
      delta = d;
      best = v;
    }
  }
  if (exactAt(delta)) return shifted(delta);

  const pad = Math.max(MIN_PAD, Math.min(n, MAX_PAD));
  const lo = Math.max(0, delta - pad);
  const hi = Math.min(N, delta + n + pad);
  const key = (c: string) => (isBlankCode(c) ? '' : c);
  let idx = matchLines(codes.map(key), ix.codes.slice(lo, hi).map(key)).map(([i, j]) => [i, j + lo] as Pair);
  // Punctuation alone (`}` `});`) does not say the block is still there.
  const solid = (i: number) => !isBlankCode(codes[i]) && !isTrivialCode(codes[i]);
  if (codes.some((_, i) => solid(i)) && !idx.some(([i]) => solid(i))) idx = [];
  return { pairs: idx.map(([i, j]) => [span.start + i, j + 1] as Pair), changes: changesOf(codes, span.start, idx, ix) };
}

/** Runs of lost old lines and added new lines between (and at the ends of) the matched pairs. */
function changesOf(codes: readonly string[], start: number, idx: readonly Pair[], ix: LineIndex): SpanChange[] {
  const n = codes.length;
  const N = ix.codes.length;
  const lostIn = (from: number, to: number) => {
    const out: number[] = [];
    for (let i = Math.max(0, from); i <= Math.min(n - 1, to); i++) if (!isBlankCode(codes[i])) out.push(start + i);
    return out;
  };
  const addedIn = (from: number, to: number) => {
    const out: number[] = [];
    for (let j = Math.max(0, from); j <= Math.min(N - 1, to); j++) if (!isBlankCode(ix.codes[j])) out.push(j + 1);
    return out;
  };
  if (!idx.length) return [{ lost: lostIn(0, n - 1), added: [] }];
  const out: SpanChange[] = [];
  const [fi, fj] = idx[0];
  if (fi > 0) {
    const lost = lostIn(0, fi - 1);
    // What stands just above the first line found is taken as what replaced the lost lines.
    if (lost.length) out.push({ lost, added: addedIn(fj - fi, fj - 1), before: fj + 1 });
  }
  for (let k = 1; k < idx.length; k++) {
    const [a, p] = idx[k - 1];
    const [b, q] = idx[k];
    const lost = lostIn(a + 1, b - 1);
    const added = addedIn(p + 1, q - 1);
    if (lost.length || added.length) out.push({ lost, added, after: p + 1, before: q + 1 });
  }
  const [li, lj] = idx[idx.length - 1];
  if (li < n - 1) {
    const lost = lostIn(li + 1, n - 1);
    if (lost.length) out.push({ lost, added: addedIn(lj + 1, lj + (n - 1 - li)), after: lj + 1 });
  }
  return out;
}
