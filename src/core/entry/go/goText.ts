// Small readings of Go source as text, for the detectors that read files the map's Go pass does
// not hand them facts of (grpcGateway.ts reads the registration calls and the middleware around a
// grpc-gateway mux). Comments and string contents are blanked first (offsets and lines kept), so a
// brace or a comma inside either never counts.

const blanked = new Map<string, string>();

/** The text with comments and the contents of strings and runes replaced by spaces (quotes and newlines kept). Remembered: a function's body is read again by every middleware reaching it. */
export function blankGo(text: string): string {
  const known = blanked.get(text);
  if (known !== undefined) return known;
  const out = blankText(text);
  if (blanked.size > 500) blanked.clear();
  blanked.set(text, out);
  return out;
}

/** Forgets the remembered texts (the end of a pass: an editor's session keeps no file text here). */
export function forgetBlanked(): void {
  blanked.clear();
}

function blankText(text: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out.push(' '.repeat(stop - i));
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out.push(text.slice(i, stop).replace(/[^\n]/g, ' '));
      i = stop;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      const stop = end < 0 ? text.length : end + 1;
      out.push('`' + text.slice(i + 1, stop - 1).replace(/[^\n]/g, ' ') + (end < 0 ? '' : '`'));
      i = stop;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      j = Math.min(j, text.length);
      out.push(c + ' '.repeat(Math.max(0, j - i - 1)) + (j < text.length && text[j] === c ? c : ''));
      i = j < text.length && text[j] === c ? j + 1 : j;
    } else {
      out.push(c);
      i++;
    }
  }
  return out.join('');
}

/** The offset of the bracket closing the one at `open` (`(`, `{` or `[`) in blanked text; the text's end when unclosed. */
export function closeParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if ((c === ')' || c === '}' || c === ']') && --depth === 0) return i;
  }
  return src.length;
}

/** A call's arguments as written (`text` and its blanked twin `src` of the same span), split at top-level commas. */
export function splitArgs(text: string, src: string = blankGo(text)): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  const last = text.slice(from).trim();
  if (last) out.push(last);
  return out;
}

export interface GoFuncText {
  name: string;
  recv?: { name: string; type: string };
  /** The body's text, braces included. */
  body: string;
  line: number;
}

const FUNC = /^func\s*(?:\(\s*(\w+)?\s*\*?\s*(\w+)(?:\[[^\]]*\])?\s*\))?\s*(\w+)\s*(?:\[[^\]]*\])?\s*\(/gm;

/** Every top-level function and method of a file, with its body. */
export function goFuncs(text: string, src: string = blankGo(text)): (GoFuncText & { start: number; end: number })[] {
  const out: (GoFuncText & { start: number; end: number })[] = [];
  for (const m of src.matchAll(FUNC)) {
    const params = closeParen(src, m.index + m[0].length - 1);
    // The body's `{`: the first one after the parameters at depth 0 (results may be parenthesised).
    let open = -1;
    let depth = 0;
    for (let i = params + 1; i < src.length; i++) {
      const c = src[i];
      if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (c === '{' && depth === 0) {
        // `struct{}`/`interface{}` in a result type are not the body.
        if (/\b(struct|interface)\s*$/.test(src.slice(Math.max(0, i - 12), i))) {
          i = closeParen(src, i);
          continue;
        }
        open = i;
        break;
      }
    }
    if (open < 0) continue;
    const end = closeParen(src, open);
    out.push({ name: m[3], ...(m[2] ? { recv: { name: m[1] ?? '', type: m[2] } } : {}), body: text.slice(open, end + 1), line: text.slice(0, m.index).split('\n').length, start: m.index, end });
  }
  return out;
}

/** The top-level function holding offset `off`. */
export function enclosingFunc(src: string, text: string, off: number): GoFuncText | undefined {
  return goFuncs(text, src).find((f) => f.start <= off && off <= f.end);
}
