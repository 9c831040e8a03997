// What a reading record means for the code as it is now. Every read line follows its content:
// a record with read spans finds each read line again by what it said (a line diff on hashes),
// so lines read anywhere — in a named symbol, an anonymous function, a route table, any
// top-level statement — move with the code and become unread exactly where the text changed
// ("changed since read"). Records written before spans existed keep their old meaning until
// their file is next marked read (legacyReading.ts).
import type { SymbolInfo } from '../map/types';
import type { FileReading, LineRange, ReadFingerprint } from '../model/types';
import { fingerprintsFor } from './fingerprint';
import { legacyEffectiveReading } from './legacyReading';
import type { Pair } from './ranges';
import { intersectRanges, normalizeRanges, subtractRanges, unionRanges } from './ranges';
import type { FollowedSpan } from './spanReading';
import { bareSpans, followSpans, settles, spansFor } from './spanReading';

/** A unit (symbol or top-level statement) whose read code changed, or read code that went away. */
export interface StaleSymbol {
  /** The unit: a symbol path ("AuthService.login", "default export"), or a statement's first line. */
  symbol: string;
  /** Where the unit is now (changed), or where the read lines were when read (removed). */
  range: LineRange;
  reason: 'changed' | 'removed';
  /** Lines of it that had been read and are gone or changed now. */
  lines: number;
  /** Today's lines that replaced read code or were added inside it: unread, to review. */
  changed?: Pair[];
  /** Where the changed read lines were in the version that was read. */
  readRange?: LineRange;
  /** The version that was read: the git blob id of the whole file then, and HEAD then when known. */
  blob?: string;
  commit?: string;
}

/** The file as it is now: its text split in lines and its symbols (from the map or a re-parse). */
export interface CurrentFile {
  lines: readonly string[];
  symbols: readonly SymbolInfo[];
  /** HEAD when known: stored with what is read, to name the commits that changed it since. */
  commit?: string;
}

export interface EffectiveReading {
  /** Read lines in today's line numbers. */
  ranges: Pair[];
  /** Fingerprints still valid, moved to today's ranges. */
  fingerprints: ReadFingerprint[];
  stale: StaleSymbol[];
  /** Read spans whose code changed, kept until the change is read (span records only). */
  pending?: FollowedSpan[];
}

export function effectiveReading(reading: FileReading | undefined, current: CurrentFile | undefined): EffectiveReading {
  if (!reading?.spans) return legacyEffectiveReading(reading, current);
  if (!current) return { ranges: normalizeRanges(reading.ranges), fingerprints: [...(reading.fingerprints ?? [])], stale: [] };
  const followed = followSpans(reading.spans, current, reading.fingerprints);
  return { ranges: followed.ranges, fingerprints: [...(reading.fingerprints ?? [])], stale: followed.stale, pending: followed.pending };
}

/** Most spans with unreviewed changes kept per file: the oldest go first. */
const MAX_PENDING = 32;

function record(ranges: Pair[], prior: FileReading | undefined, current: CurrentFile | undefined, pending: FollowedSpan[], lastRead: string | undefined): FileReading {
  const out: FileReading = { ranges, seconds: prior?.seconds ?? 0 };
  if (lastRead) out.lastRead = lastRead;
  if (current) {
    const fps = fingerprintsFor(current.lines, current.symbols, ranges);
    if (fps.length) out.fingerprints = fps;
    out.spans = [...pending.slice(-MAX_PENDING).map((p) => p.span), ...spansFor(ranges, current)];
  } else {
    // Without the text nothing can be hashed: earlier spans stay, new lines keep their numbers.
    const fps = (prior?.fingerprints ?? []).filter((f) => intersectRanges([[f.range.start, f.range.end]], ranges).length);
    if (fps.length) out.fingerprints = fps;
    const kept = (prior?.spans ?? []).filter((s) => intersectRanges([[s.start, s.end]], ranges).length);
    const covered = kept.map((s) => [s.start, s.end] as Pair);
    out.spans = [...kept, ...bareSpans(subtractRanges(ranges, covered))];
  }
  return out;
}

/**
 * The reading record after marking `read` as read, against the file as it is now: the old record
 * is first brought to today's lines, the new lines are added, and the read lines are stored with
 * what they say now. Spans whose code changed since they were read stay (as "changed since read")
 * until the reader reads the change.
 */
export function addRead(reading: FileReading | undefined, read: readonly Pair[], current: CurrentFile | undefined, now = new Date()): FileReading {
  const eff = effectiveReading(reading, current);
  const ranges = unionRanges(eff.ranges, read);
  const pending = current ? (eff.pending ?? []).filter((p) => !p.changes.every((ch) => settles(ch, current, ranges, read))) : [];
  if (!current && !reading?.spans) {
    // An old record and no text: keep the old shape.
    const out: FileReading = { ranges, seconds: reading?.seconds ?? 0, lastRead: now.toISOString() };
    if (eff.fingerprints.length) out.fingerprints = eff.fingerprints;
    return out;
  }
  return record(ranges, reading, current, pending, now.toISOString());
}

/** The reading record after marking `unread` as not read (undefined range: the whole file). */
export function removeRead(reading: FileReading | undefined, unread: readonly Pair[] | undefined, current: CurrentFile | undefined): FileReading | undefined {
  if (!reading) return undefined;
  const eff = effectiveReading(reading, current);
  const ranges = unread ? subtractRanges(eff.ranges, unread) : [];
  if (!current && !reading.spans) {
    const out: FileReading = { ranges, seconds: reading.seconds };
    if (reading.lastRead) out.lastRead = reading.lastRead;
    const keep = eff.fingerprints.filter((f) => intersectRanges([[f.range.start, f.range.end]], ranges).length);
    if (keep.length) out.fingerprints = keep;
    return out;
  }
  // Marking a whole file unread also forgets what changed in it since it was read.
  const out = record(ranges, reading, current, unread ? (eff.pending ?? []) : [], reading.lastRead);
  if (!ranges.length && !out.spans?.length) delete out.spans;
  return out;
}
