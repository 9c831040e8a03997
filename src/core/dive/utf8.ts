// Strict UTF-8 for deep-dive files: a file with bytes that are not UTF-8 is refused with the
// place of the first bad byte, never decoded with U+FFFD replacements that the next save would
// write back — that would silently rewrite a leader's notes.
import type { TextPosition } from './jsonLocate';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export type Utf8Result = { ok: true; text: string } | { ok: false; offset: number; position: TextPosition };

export function decodeUtf8Strict(bytes: Uint8Array): Utf8Result {
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const offset = firstInvalid(bytes);
    return { ok: false, offset, position: positionOfByte(bytes, offset) };
  }
}

/** Byte offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalid(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** 1-based line and column (in characters of the valid text before it) of a byte offset. */
function positionOfByte(b: Uint8Array, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset; k++) {
    if (b[k] === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  const before = Buffer.from(b.subarray(lineStart, offset)).toString('utf8');
  return { line, column: [...before].length + 1 };
}
