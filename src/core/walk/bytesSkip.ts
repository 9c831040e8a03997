// contentSkipReason (walker.ts) needs a file's text, but a caller that only asks whether the map
// would keep a file (a cold `history`: core/map/pathModules.ts) read every walked file into a
// string for it: tens of megabytes decoded and then collected, a third of that command's own
// time. The checks run on the bytes instead, with the text's answers:
// - in ASCII (most code) one byte is one character: lengths, offsets, NUL and newline are the
//   same in the bytes as in the text;
// - otherwise only the start is decoded for the NUL and banner checks, and the newlines are
//   counted in the bytes against a threshold that the bytes' length can only raise (a character
//   is at least one byte): enough newlines there are enough for the text; too few, and the text
//   itself decides (rare: a long-lined file that is not ASCII).
import { isAscii } from 'node:buffer';
import { CONTENT_HEAD_CHARS, GENERATED_BANNER, contentSkipReason, headSkipReason } from './walker';

const NUL = 0;
const NEWLINE = 0x0a;
const BANNER_LINES = 10;
/**
 * Bytes that hold the text's first CONTENT_HEAD_CHARS UTF-16 units whatever they are: a unit
 * takes at most three bytes (a four-byte sequence is two units; an invalid byte decodes to one),
 * plus one whole sequence so that the cut falls after them.
 */
const HEAD_BYTES = CONTENT_HEAD_CHARS * 3 + 4;

/** contentSkipReason of the text these bytes decode to (UTF-8), with the same answer. */
export function bytesSkipReason(bytes: Buffer): string | undefined {
  const length = bytes.length;
  const ascii = isAscii(bytes);
  const headReason = ascii ? asciiHeadReason(bytes) : headSkipReason(bytes.toString('utf8', 0, Math.min(length, HEAD_BYTES)).slice(0, CONTENT_HEAD_CHARS));
  if (headReason) return headReason;
  // Never more characters than bytes: a file of 2000 bytes or fewer is not checked for minified.
  if (length <= 2000) return undefined;
  // Enough lines for an average under 300 (see contentSkipReason), counted against the bytes.
  const enough = length / 300 - 1;
  let newlines = 0;
  for (let i = bytes.indexOf(NEWLINE); i !== -1 && newlines < enough; i = bytes.indexOf(NEWLINE, i + 1)) newlines++;
  if (newlines >= enough) return undefined;
  return ascii ? 'minified' : contentSkipReason(bytes.toString('utf8'));
}

/** headSkipReason on ASCII bytes, decoding only the first lines. */
function asciiHeadReason(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, Math.min(bytes.length, CONTENT_HEAD_CHARS));
  if (head.includes(NUL)) return 'binary';
  // The first ten lines of the head (what `head.split('\n', 10).join('\n')` keeps).
  let topEnd = -1;
  for (let n = 0; n < BANNER_LINES; n++) {
    topEnd = head.indexOf(NEWLINE, topEnd + 1);
    if (topEnd === -1) break;
  }
  return GENERATED_BANNER.test(head.toString('latin1', 0, topEnd === -1 ? head.length : topEnd)) ? 'generated' : undefined;
}
