// contentSkipReason (walker.ts) needs a file's text, but a caller that only asks whether the map
// would keep a file (a cold `history`: core/map/pathModules.ts) read every walked file into a
// string for it: tens of megabytes decoded and then collected, a third of that command's own
// time. The checks run on the bytes instead, with the text's answers:
// - in ASCII (most code) one byte is one character: lengths, offsets, NUL and newline are the
//   same in the bytes as in the text;
// - otherwise the bytes still settle the common cases, since a UTF-16 unit of the text takes one
//   to three bytes: a NUL byte among the first 8000 is among the first 8000 characters, and ten
//   lines within the first 8000 bytes are the text's first ten lines (only they are decoded, for
//   the banner); the newlines are counted in the bytes against the threshold of the bytes'
//   length (at least the text's): enough there are enough for the text; fewer than the threshold
//   of a third of it (at most the text's) are too few. Only what falls between is decoded whole.
//   A cold history on Ghost decoded 61 bundled, minified files (4.3 MB) and the first 24 KB of
//   270 other files (5 MB) into strings only to count and collect them: the check of its 2033
//   files, run again in a warm process, took 19 ms of CPU, now 6 ms (a whole cold history's
//   CPU did not move measurably beside the noise of a loaded machine).
import { isAscii } from 'node:buffer';
import { CONTENT_HEAD_CHARS, contentSkipReason, generatedBanner, headSkipReason } from './walker';

const NUL = 0;
const NEWLINE = 0x0a;
const BANNER_LINES = 10;
/**
 * At most this many bytes per UTF-16 unit of the decoded text: three for a character of three
 * bytes, two per unit of a four-byte one (a surrogate pair), and an invalid sequence decodes to
 * one U+FFFD per maximal part, of one to three bytes. (And at least one.)
 */
const MAX_BYTES_PER_UNIT = 3;
/**
 * Bytes that hold the text's first CONTENT_HEAD_CHARS UTF-16 units whatever they are: a unit
 * takes at most three bytes (a four-byte sequence is two units; an invalid byte decodes to one),
 * plus one whole sequence so that the cut falls after them.
 */
const HEAD_BYTES = CONTENT_HEAD_CHARS * MAX_BYTES_PER_UNIT + 4;

/** contentSkipReason of the text these bytes decode to (UTF-8), with the same answer. */
export function bytesSkipReason(bytes: Buffer): string | undefined {
  const length = bytes.length;
  const ascii = isAscii(bytes);
  const headReason = ascii ? asciiHeadReason(bytes) : utf8HeadReason(bytes);
  if (headReason) return headReason;
  // Never more characters than bytes: a file of 2000 bytes or fewer is not checked for minified.
  if (length <= 2000) return undefined;
  // Enough lines for an average under 300 (see contentSkipReason), counted against the bytes.
  const enough = length / 300 - 1;
  let newlines = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1 && newlines < enough; i = bytes.indexOf(NEWLINE, i + 1)) newlines++;
  if (newlines >= enough) return undefined;
  if (ascii) return 'minified';
  // The count ran to the end: it is the text's. The text has at least a third as many characters
  // as bytes (MAX_BYTES_PER_UNIT), so longer than 2000 and too few lines even for that many: minified.
  const fewest = length / MAX_BYTES_PER_UNIT;
  if (fewest > 2000 && newlines < fewest / 300 - 1) return 'minified';
  return contentSkipReason(bytes.toString('utf8'));
}

/**
 * headSkipReason of the text's first CONTENT_HEAD_CHARS characters, for bytes that are not all
 * ASCII. A byte holds at most one unit, so the first CONTENT_HEAD_CHARS bytes are within those
 * characters: a NUL among them is the text's, and ten lines that end among them are its first ten
 * lines (UTF-8 never puts a NUL or a newline byte inside a character, and decoding starts afresh
 * after one). Otherwise the start is decoded, as the text check reads it.
 */
function utf8HeadReason(bytes: Buffer): string | undefined {
  const length = bytes.length;
  const nul = bytes.subarray(0, Math.min(length, HEAD_BYTES)).indexOf(NUL);
  if (nul !== -1 && nul < CONTENT_HEAD_CHARS) return 'binary';
  const topEnd = tenthNewline(bytes.subarray(0, Math.min(length, CONTENT_HEAD_CHARS)));
  // No NUL in the bytes the head can come from, and the first lines all within the sure part
  // (or the whole text there, with fewer lines).
  if (nul === -1 && (topEnd !== -1 || length <= CONTENT_HEAD_CHARS)) {
    return generatedBanner(bytes.toString('utf8', 0, topEnd === -1 ? length : topEnd)) ? 'generated' : undefined;
  }
  return headSkipReason(bytes.toString('utf8', 0, Math.min(length, HEAD_BYTES)).slice(0, CONTENT_HEAD_CHARS));
}

/** Where the first BANNER_LINES lines end (the offset of the tenth newline), or -1 with fewer. */
function tenthNewline(head: Buffer): number {
  let end = -1;
  for (let n = 0; n < BANNER_LINES; n++) {
    end = head.indexOf(NEWLINE, end + 1);
    if (end === -1) break;
  }
  return end;
}

/** headSkipReason on ASCII bytes, decoding only the first lines. */
function asciiHeadReason(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, Math.min(bytes.length, CONTENT_HEAD_CHARS));
  if (head.includes(NUL)) return 'binary';
  // The first ten lines of the head (what `head.split('\n', 10).join('\n')` keeps).
  const topEnd = tenthNewline(head);
  return generatedBanner(head.toString('latin1', 0, topEnd === -1 ? head.length : topEnd)) ? 'generated' : undefined;
}
