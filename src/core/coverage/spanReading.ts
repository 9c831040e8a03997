// The reading record of one file through its read spans: every read line is found again in
// today's text by what it said (followSpan), whatever construct it is in. What changed since it
// was read is grouped by the unit it is in (a symbol, or a top-level statement) for the
// "changed since read" list.
import type { LineRange, ReadFingerprint, ReadSpan } from '../model/types';
import type { SpanChange } from './followSpan';
import { followSpan } from './followSpan';
import type { LineIndex } from './lineHashes';
import { blobIdOf, encodeLines, isBlankCode, lineIndex } from './lineHashes';
import type { Pair } from './ranges';
import { containsLine, intersectRanges, rangesFromLines } from './ranges';
import type { CurrentFile, StaleSymbol } from './staleness';
import type { CodeUnit } from './unitAt';
import { unitAt } from './unitAt';

/** Longest span written: a long read is cut in pieces that each find their place on their own. */
export const MAX_SPAN_LINES = 200;

export interface FollowedSpan {
  span: ReadSpan;
  /** Changes still to review: today's added lines that are unread, or read lines gone. */
  changes: SpanChange[];
}

export interface FollowedReading {
  ranges: Pair[];
  stale: StaleSymbol[];
  /** Spans with changes to review, kept as read until the reader reads the change. */
  pending: FollowedSpan[];
}

/** Joins read ranges separated only by blank lines, so the record stays a few ranges. */
function fillBlankGaps(ranges: Pair[], ix: LineIndex): Pair[] {
  const out: Pair[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last) {
      let allBlank = true;
      for (let l = last[1] + 1; l < r[0] && allBlank; l++) allBlank = isBlankCode(ix.codes[l - 1]);
      if (allBlank) {
        last[1] = r[1];
        continue;
      }
    }
    out.push([r[0], r[1]]);
  }
  return out;
}

export function followSpans(spans: readonly ReadSpan[], current: CurrentFile, fingerprints: readonly ReadFingerprint[] = []): FollowedReading {
  const ix = lineIndex(current.lines);
  const follows = spans.map((span) => ({ span, follow: followSpan(span, ix) }));
  const lines: number[] = [];
  for (const f of follows) for (const [, now] of f.follow.pairs) lines.push(now);
  const ranges = fillBlankGaps(rangesFromLines(lines), ix);
  const pending: FollowedSpan[] = [];
  const stale = new Map<string, StaleSymbol>();
  for (const { span, follow } of follows) {
    const changes: SpanChange[] = [];
    for (const ch of follow.changes) {
      // Lines that replaced read ones but are read themselves (another span) need no review.
      const added = ch.added.filter((l) => !containsLine(ranges, l));
      if (!ch.lost.length && !added.length) continue;
      changes.push({ ...ch, added });
    }
    if (!changes.length) continue;
    pending.push({ span, changes });
    for (const ch of changes) addStale(stale, span, ch, current, fingerprints, ranges);
  }
  return { ranges, stale: [...stale.values()].sort((a, b) => a.range.start - b.range.start || (a.symbol < b.symbol ? -1 : 1)), pending };
}

/** The unit a change is in, or undefined when it is only new code between read statements. */
function unitOfChange(ch: SpanChange, current: CurrentFile, read: readonly Pair[]): CodeUnit | 'gone' | undefined {
  const anchor = ch.added[0] ?? ch.after ?? ch.before;
  if (anchor === undefined) return 'gone';
  const unit = unitAt(anchor, current.symbols, current.lines);
  // A new statement between read ones is new code to read, not a change of what was read.
  if (!ch.lost.length && !intersectRanges(read, [[unit.range.start, unit.range.end]]).length) return undefined;
  return unit;
}

function addStale(out: Map<string, StaleSymbol>, span: ReadSpan, ch: SpanChange, current: CurrentFile, fingerprints: readonly ReadFingerprint[], read: readonly Pair[]): void {
  const unit = unitOfChange(ch, current, read);
  if (!unit) return;
  let name: string;
  let range: LineRange;
  let reason: StaleSymbol['reason'];
  if (unit !== 'gone') {
    name = unit.name;
    range = unit.range;
    reason = 'changed';
  } else {
    // Nothing of the span is left: name it by the symbol it was in when read, if known.
    const first = ch.lost[0] ?? span.start;
    const last = ch.lost[ch.lost.length - 1] ?? span.end;
    const fp = fingerprints.filter((f) => f.range.start <= first && f.range.end >= first).sort((a, b) => a.range.end - a.range.start - (b.range.end - b.range.start))[0];
    name = fp?.symbol ?? `lines ${first}-${last}`;
    range = { start: first, end: last };
    reason = 'removed';
  }
  const key = `${reason}\0${name}\0${range.start}`;
  let s = out.get(key);
  if (!s) {
    s = { symbol: name, range, reason, lines: 0 };
    if (span.blob) s.blob = span.blob;
    if (span.commit) s.commit = span.commit;
    out.set(key, s);
  }
  s.lines += ch.lost.length;
  if (ch.added.length) s.changed = rangesFromLines([...rangesToLines(s.changed ?? []), ...ch.added]);
  if (ch.lost.length) {
    const lo = Math.min(s.readRange?.start ?? Infinity, ch.lost[0]);
    const hi = Math.max(s.readRange?.end ?? 0, ch.lost[ch.lost.length - 1]);
    s.readRange = { start: lo, end: hi };
  }
}

function rangesToLines(ranges: readonly Pair[]): number[] {
  const out: number[] = [];
  for (const [s, e] of ranges) for (let l = s; l <= e; l++) out.push(l);
  return out;
}

/**
 * Whether reading `read` (just marked) settles a change: every line that replaced read code is
 * read now, and for code that only went away, the reader looked at the place where it was.
 */
export function settles(ch: SpanChange, current: CurrentFile, ranges: readonly Pair[], read: readonly Pair[]): boolean {
  if (!unitOfChange(ch, current, ranges)) return true;
  if (ch.added.length) return ch.added.every((l) => containsLine(ranges, l));
  const lo = ch.after ?? ch.before;
  const hi = ch.before ?? ch.after;
  if (lo === undefined || hi === undefined) return false;
  return intersectRanges(read, [[Math.max(1, lo - 1), hi + 1]]).length > 0;
}

/** Read ranges of today's text as spans of at most MAX_SPAN_LINES lines, with their codes. */
export function spansFor(ranges: readonly Pair[], current: CurrentFile): ReadSpan[] {
  const blob = blobIdOf(current.lines);
  const out: ReadSpan[] = [];
  for (const [s, e] of ranges) {
    for (let a = s; a <= e; a += MAX_SPAN_LINES) {
      const b = Math.min(e, a + MAX_SPAN_LINES - 1);
      const span: ReadSpan = { start: a, end: b, hashes: encodeLines(current.lines, a, b), blob };
      if (current.commit) span.commit = current.commit;
      out.push(span);
    }
  }
  return out;
}

/** Spans without codes (the text was not known): they keep their line numbers. */
export function bareSpans(ranges: readonly Pair[]): ReadSpan[] {
  return ranges.map(([start, end]) => ({ start, end, hashes: '' }));
}
