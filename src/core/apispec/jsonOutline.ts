// Where the keys of a JSON document are, without the general YAML parser: an API description
// written as JSON (komga's 370 KB openapi.json) took the `yaml` package 1-2 s to parse with
// positions, most of a report's time; JSON.parse gives the values and this scan the lines of the
// keys a description's paths and operations need. Only for text JSON.parse accepted.

/** A value's place in the text; an object's pairs, in order (repeated keys kept), down to `depth`. */
export interface JsonNode {
  kind: 'object' | 'other';
  start: number;
  end: number;
  pairs?: JsonPair[];
}

export interface JsonPair {
  key: string;
  /** 1-based line of the key. */
  line: number;
  value: JsonNode;
}

const WS = new Set([' ', '\t', '\n', '\r']);

/**
 * The outline of a JSON text: objects down to `depth` levels below the root list their pairs,
 * deeper values only their place. Throws on text that is not JSON (the caller parses it first).
 */
export function jsonOutline(text: string, depth: number): JsonNode {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  let i = 0;
  const space = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  const expect = (c: string) => {
    if (text[i] !== c) throw new Error(`JSON: expected ${c} at ${i}`);
    i++;
  };
  /** Past the string starting at i (a quote); its end. */
  const string = (): number => {
    expect('"');
    for (;;) {
      const q = text.indexOf('"', i);
      if (q < 0) throw new Error('JSON: unterminated string');
      let backslashes = 0;
      for (let b = q - 1; text[b] === '\\'; b--) backslashes++;
      i = q + 1;
      if (backslashes % 2 === 0) return i;
    }
  };
  const value = (level: number): JsonNode => {
    space();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const pairs: JsonPair[] | undefined = level <= depth ? [] : undefined;
      space();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', start, end: i, ...(pairs ? { pairs } : {}) };
      }
      for (;;) {
        space();
        const keyStart = i;
        const keyEnd = string();
        space();
        expect(':');
        const v = value(level + 1);
        pairs?.push({ key: JSON.parse(text.slice(keyStart, keyEnd)) as string, line: lineOf(keyStart), value: v });
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect('}');
        return { kind: 'object', start, end: i, ...(pairs ? { pairs } : {}) };
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') {
        i++;
        return { kind: 'other', start, end: i };
      }
      for (;;) {
        value(level + 1);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        expect(']');
        return { kind: 'other', start, end: i };
      }
    }
    if (c === '"') {
      string();
      return { kind: 'other', start, end: i };
    }
    // A number, true, false or null: up to the next delimiter.
    while (i < text.length && !WS.has(text[i]) && text[i] !== ',' && text[i] !== '}' && text[i] !== ']') i++;
    if (i === start) throw new Error(`JSON: unexpected ${c ?? 'end'} at ${i}`);
    return { kind: 'other', start, end: i };
  };
  return value(0);
}
