// Reading-record operations on the model: what the CLI `read` command and the editor's
// tracker ("Mark as read/unread", time on screen) call before saving.
import type { DeepDive, FileReading } from '../model/types';
import type { Pair } from '../coverage/ranges';
import type { CurrentFile } from '../coverage/staleness';
import { addRead, removeRead } from '../coverage/staleness';
import { getOwn, setOwn } from '../ownKeys';

/**
 * The reading record of a file, or undefined. Own keys only: a file named "constructor" or
 * "__proto__" must not read Object.prototype's members as its record.
 */
export function readingOf(dive: DeepDive | undefined, path: string): FileReading | undefined {
  return dive ? getOwn(dive.reading, path) : undefined;
}

/**
 * Marks lines of a file read. Pass `current` (today's text lines and symbols) so the read is
 * fingerprinted per symbol and earlier reads are carried to today's lines first.
 */
export function markRead(dive: DeepDive, path: string, ranges: readonly Pair[], current?: CurrentFile, now = new Date()): void {
  setOwn(dive.reading, path, addRead(getOwn(dive.reading, path), ranges, current, now));
}

/** Marks lines (or, without ranges, the whole file) unread. Time spent is kept. */
export function markUnread(dive: DeepDive, path: string, ranges?: readonly Pair[], current?: CurrentFile): void {
  const next = removeRead(getOwn(dive.reading, path), ranges, current);
  if (!next) return;
  if (!next.ranges.length && !next.seconds) delete dive.reading[path];
  else setOwn(dive.reading, path, next);
}

/** Adds time the file was on screen with the window focused (the tracker batches these). */
export function addReadingTime(dive: DeepDive, path: string, seconds: number): void {
  if (!(seconds > 0) || !Number.isFinite(seconds)) return;
  let r = getOwn(dive.reading, path);
  if (!r) setOwn(dive.reading, path, (r = { ranges: [], seconds: 0 }));
  r.seconds = Math.round((r.seconds + seconds) * 10) / 10;
}
