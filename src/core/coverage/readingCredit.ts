// What counts as read in the editor: one rule for every way code comes on screen — scrolling,
// a search result, Next Unread, stepping through a flow. A screenful counts once it stayed still
// on screen long enough to be read; only the lines that were on screen count. Showing a 95-line
// function for three seconds credits nothing, and a step's lines below the fold stay unread.
import type { Pair } from './ranges';
import { countLines, normalizeRanges } from './ranges';

/** Never less than this: paging through a file does not count. */
export const MIN_DWELL_SECONDS = 3;
/** A reader skims code at about four lines a second. */
export const SECONDS_PER_LINE = 0.25;

/**
 * Seconds a screenful of `visibleLines` must stay still before it counts as read: the setting
 * when it is positive, else max(3 s, 0.25 s a line).
 */
export function dwellSeconds(visibleLines: number, settingSeconds = 0): number {
  if (Number.isFinite(settingSeconds) && settingSeconds > 0) return settingSeconds;
  return Math.max(MIN_DWELL_SECONDS, Math.max(0, visibleLines) * SECONDS_PER_LINE);
}

/**
 * The lines a screenful earns after `secondsStill` on screen without a scroll: all the visible
 * lines once the dwell has passed, none before. Lines that were never visible are never
 * credited, whatever brought the code on screen.
 */
export function creditedLines(visible: readonly (readonly [number, number])[], secondsStill: number, settingSeconds = 0): Pair[] {
  const lines = normalizeRanges(visible);
  const n = countLines(lines);
  if (!n || !(secondsStill >= dwellSeconds(n, settingSeconds))) return [];
  return lines;
}
