// What a read line looked like, in four characters: the content of every read line is kept as a
// short hash of its text with all whitespace removed, so the reading record can find its lines
// again after edits (a line diff on hashes) and tell exactly which ones changed. Re-indenting or
// re-spacing a line is no change. A line made only of punctuation (`}`, `});`) is "trivial": it
// says nothing about where it belongs, so it never places a block on its own.
import * as crypto from 'node:crypto';

/** Width of one line's code in a span's `hashes` string. */
export const HASH_WIDTH = 4;
/** The code of a blank line. */
export const BLANK = '~~~~';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function isTrivialText(norm: string): boolean {
  return !/[\p{L}\p{N}'"`]/u.test(norm);
}

/** The 4-character code of one line: `~~~~` blank, `~xyz` trivial (punctuation only), else a 24-bit hash. */
export function lineCode(line: string): string {
  const norm = line.replace(/\s+/g, '');
  if (!norm) return BLANK;
  const h = fnv1a(norm);
  if (isTrivialText(norm)) return '~' + B64[h & 63] + B64[(h >>> 6) & 63] + B64[(h >>> 12) & 63];
  return B64[h & 63] + B64[(h >>> 6) & 63] + B64[(h >>> 12) & 63] + B64[(h >>> 18) & 63];
}

export const isBlankCode = (c: string): boolean => c === BLANK;
export const isTrivialCode = (c: string): boolean => c.charCodeAt(0) === 126; /* '~' */

/** Codes of lines[start-1 .. end-1], concatenated. */
export function encodeLines(lines: readonly string[], start: number, end: number): string {
  let out = '';
  for (let l = start; l <= end; l++) out += lineCode(lines[l - 1] ?? '');
  return out;
}

export function decodeCodes(hashes: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + HASH_WIDTH <= hashes.length; i += HASH_WIDTH) out.push(hashes.slice(i, i + HASH_WIDTH));
  return out;
}

/** Codes of every line of a file, and where each code occurs; cached per lines array. */
export interface LineIndex {
  codes: string[];
  positions: Map<string, number[]>;
}

const indexes = new WeakMap<readonly string[], LineIndex>();

export function lineIndex(lines: readonly string[]): LineIndex {
  let ix = indexes.get(lines);
  if (!ix) {
    const codes = lines.map(lineCode);
    const positions = new Map<string, number[]>();
    codes.forEach((c, i) => {
      if (isBlankCode(c) || isTrivialCode(c)) return;
      let p = positions.get(c);
      if (!p) positions.set(c, (p = []));
      p.push(i);
    });
    ix = { codes, positions };
    indexes.set(lines, ix);
  }
  return ix;
}

/**
 * The git blob id of a file's text (lines joined with "\n"), computed as git does: with it the
 * exact version that was read can be shown later (`git cat-file blob <id>`) without storing text.
 */
export function blobIdOf(lines: readonly string[]): string {
  const body = Buffer.from(lines.join('\n'), 'utf8');
  return crypto.createHash('sha1').update(`blob ${body.length}\0`).update(body).digest('hex');
}
