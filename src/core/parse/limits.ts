// What is too large to hand to a parser. tree-sitter on a 50 MB one-line minified file runs out
// of memory (2 GB and an abort) instead of failing; such files are data, not reading. A file over
// the limits is "too large to parse" with its reason: its lines are still counted and can be
// read and noted, but no tree is built. DEEPDIVE_MAX_PARSE_BYTES and DEEPDIVE_MAX_LINE_CHARS
// override the defaults (the map's own size limit is the walker's maxBytes).

export const DEFAULT_MAX_PARSE_BYTES = 2 * 1024 * 1024;
export const DEFAULT_MAX_LINE_CHARS = 20_000;

function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

export function maxParseBytes(): number {
  return envNumber('DEEPDIVE_MAX_PARSE_BYTES', DEFAULT_MAX_PARSE_BYTES);
}

export function maxLineChars(): number {
  return envNumber('DEEPDIVE_MAX_LINE_CHARS', DEFAULT_MAX_LINE_CHARS);
}

/** Why `text` must not be parsed ("too large to parse: …"), or undefined when it may be. */
export function tooLargeToParse(text: string): string | undefined {
  const bytes = text.length > maxParseBytes() / 3 ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > maxParseBytes()) return `too large to parse: ${bytes} bytes, over the ${maxParseBytes()}-byte limit`;
  const limit = maxLineChars();
  if (text.length > limit) {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl === -1 ? text.length : nl;
      if (end - start > limit) return `too large to parse: line ${lineNumberAt(text, start)} has ${end - start} characters, over the ${limit}-character limit`;
      if (nl === -1) return undefined;
      start = nl + 1;
    }
  }
  return undefined;
}

function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
