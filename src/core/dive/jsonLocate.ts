import { dict, table } from '../ownKeys';
// A small JSON parser that remembers where every value starts, so that a broken or invalid
// deep-dive file can be reported as `file:line:col ($.notes[2].kind): reason` instead of a
// byte offset. Deep-dive files are small; clarity beats speed here.

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: TextPosition,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface LocatedJson {
  value: unknown;
  /** Where the value at a JSON path ("$.notes[2].kind") starts, when it exists. */
  locate(jsonPath: string): TextPosition | undefined;
}

/** Deeper nesting is refused before it can exhaust the stack (a deep dive nests about 8 levels). */
export const MAX_JSON_DEPTH = 256;

export function parseJsonLocated(text: string): LocatedJson {
  // Positions are only needed to report a problem: parse without them, and parse again with
  // them the first time a place is asked for. The engine's JSON.parse is several times faster
  // than ours (a 20,000-note dive every command) but takes duplicate keys (the last wins) and
  // any depth; a file it accepts goes through ours only when it has either, so ours still
  // refuses it with the place.
  const fast = parseNative(text);
  const { value } = fast.ok ? fast : parse(text, false);
  let located: LocatedJson | undefined;
  return {
    value,
    locate: (jsonPath) => (located ??= parse(text, true)).locate(jsonPath),
  };
}

/**
 * JSON.parse, then the two checks ours makes and it does not: nesting depth (JSON.parse does not
 * recurse, so a 5,000-deep file parses, but everything after it would) and duplicate keys.
 *
 * Both are read off the parsed value, not from a walk over every character of the text (that
 * walk was a third of a 20,000-note dive's load). Duplicate keys: in valid JSON every ':' outside
 * a string separates a name from its value, and every ':' inside one is a ':' of a parsed key or
 * string. So the text's ':' count minus the parsed strings' ':' count is the number of names in
 * the text; it equals the number of parsed properties only when no key was given twice (a
 * duplicate drops a property, and its strings' ':' with it, which only makes the difference
 * larger). A `\u003a` escape is the one way to get a ':' in a string without one in the text:
 * a file with one takes our parser.
 */
function parseNative(text: string): { ok: true; value: unknown } | { ok: false } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false }; // ours finds the place and says why
  }
  if (text.includes('\\u003a') || text.includes('\\u003A')) return { ok: false };
  const walk = walkValue(value);
  if (walk.depth > MAX_JSON_DEPTH) return { ok: false };
  return colons(text) - walk.colons === walk.properties ? { ok: true, value } : { ok: false };
}

function colons(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i !== -1; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/** Deepest nesting, own properties of every object, and ':' in every key and string (iterative: the value may be deep). */
function walkValue(value: unknown): { depth: number; properties: number; colons: number } {
  let properties = 0;
  let inStrings = 0;
  let max = 0;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length) {
    const v = stack.pop();
    const d = depths.pop()!;
    if (typeof v === 'string') {
      if (v.includes(':')) inStrings += colons(v);
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) max = d;
    if (Array.isArray(v)) {
      for (let k = 0; k < v.length; k++) {
        const x = v[k];
        if (typeof x === 'string') {
          if (x.includes(':')) inStrings += colons(x);
        } else if (typeof x === 'object' && x !== null) {
          stack.push(x);
          depths.push(d + 1);
        }
      }
      continue;
    }
    for (const k in v) {
      properties++;
      if (k.includes(':')) inStrings += colons(k);
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'string') {
        if (x.includes(':')) inStrings += colons(x);
      } else if (typeof x === 'object' && x !== null) {
        stack.push(x);
        depths.push(d + 1);
      }
    }
  }
  return { depth: max, properties, colons: inStrings };
}

function parse(text: string, track: boolean): LocatedJson {
  const positions = new Map<string, number>();
  let i = 0;
  // A byte-order mark is legal at the start of a file that editors wrote.
  if (text.charCodeAt(0) === 0xfeff) i = 1;

  const posAt = (offset: number): TextPosition => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < offset && k < text.length; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        lineStart = k + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  };
  const fail = (message: string, offset = i): never => {
    throw new JsonSyntaxError(message, posAt(offset));
  };
  const skipWs = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const describe = (offset: number) => (offset >= text.length ? 'end of file' : `'${text[offset]}'`);

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    // Most strings have no escape: find the closing quote and take the slice.
    let j = i;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 34 || c === 92 || c < 0x20) break;
      j++;
    }
    if (text.charCodeAt(j) === 34) {
      i = j + 1;
      return text.slice(start + 1, j);
    }
    let out = text.slice(i, j);
    i = j;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string (escape it)');
      if (c === 92) {
        const e = text[i + 1];
        const simple: Record<string, string> = table({ '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' });
        if (e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape in string');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          fail(`bad escape '\\${e ?? ''}' in string`);
        }
      } else {
        out += text[i];
        i++;
      }
    }
  };

  let depth = 0;
  const parseValue = (path: string): unknown => {
    skipWs();
    if (track) positions.set(path, i);
    const c = text[i];
    if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
      const v = parseContainer(path, c);
      depth--;
      return v;
    }
    return parseScalar(c);
  };

  const parseContainer = (path: string, c: string): unknown => {
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = dict();
      skipWs();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skipWs();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
        const keyAt = i;
        const key = parseString();
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`duplicate key "${key}"`, keyAt);
        skipWs();
        if (text[i] !== ':') fail(`expected ':' after "${key}", found ${describe(i)}`);
        i++;
        const childPath = !track ? '' : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
        // defineProperty for "__proto__": it must stay data, never become the prototype (a plain
        // assignment is safe for every other key, and much faster on a large dive).
        const value = parseValue(childPath);
        if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
        else obj[key] = value;
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`expected ',' or '}', found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      skipWs();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(track ? `${path}[${arr.length}]` : ''));
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`expected ',' or ']', found ${describe(i)}`);
      }
    }
    return fail(`unexpected ${describe(i)}`);
  };

  const parseScalar = (c: string | undefined): unknown => {
    if (c === '"') return parseString();
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0].length > 0 && m[0] !== '-') {
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(`unexpected ${describe(i)}`);
  };

  const value = parseValue('$');
  skipWs();
  if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
  return {
    value,
    locate(jsonPath: string) {
      // Fall back to the nearest located ancestor: a missing property is reported at its object.
      for (let p = jsonPath; p; p = parentPath(p)) {
        const at = positions.get(p);
        if (at !== undefined) return posAt(at);
      }
      return undefined;
    },
  };
}

function parentPath(p: string): string {
  if (p === '$') return '';
  const m = /^(.*)(\.[A-Za-z_$][\w$]*|\[[^\]]*\])$/.exec(p);
  return m ? m[1] : '';
}
