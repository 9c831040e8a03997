// How Next Unread says where it went, in the status bar. The status bar shares one line with
// every other item: a message of the full path, range, symbol and every reason was cut after
// a few words. Short: the unit, the file name and the lines selected; the reasons are in the
// Overview's "Read these first" tooltips.
import type { UnreadPlace } from './nextUnread';

/** Characters a status bar message keeps readable beside the other items. */
export const PLACE_STATUS_MAX = 60;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/** "Next unread: SessionStore.create · sessionStore.ts:12-40", at most `max` characters. */
export function placeStatusText(place: Pick<UnreadPlace, 'path' | 'focus' | 'symbol'>, max = PLACE_STATUS_MAX): string {
  const head = 'Next unread: ';
  const file = place.path.split('/').pop() ?? place.path;
  const { start, end } = place.focus;
  const where = `${file}:${start === end ? start : `${start}-${end}`}`;
  if (!place.symbol) return cut(head + where, max);
  // The location is what the reader needs to find the selection: the unit's name gives way first.
  const room = max - head.length - where.length - 3;
  if (room < 8) return cut(head + where, max);
  return `${head}${cut(place.symbol, room)} · ${where}`;
}
