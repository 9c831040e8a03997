// The one way a deep-dive file is written: fixed key order per type (so a git diff shows what
// changed, not how a map happened to be iterated), two-space indent, [start, end] pairs on one
// line, a final newline. Unknown keys (from a newer Deep Dive, or added by hand) are kept, after
// the known ones, in alphabetical order.

interface Shape {
  keys: string[];
  /** Shapes of known children: an object, an array of objects, or a map of objects. */
  children?: Record<string, Shape | { array: Shape } | { map: Shape }>;
}

const range: Shape = { keys: ['start', 'end'] };
const anchor: Shape = {
  keys: ['path', 'range', 'symbol', 'symbolRange', 'commit', 'text', 'before', 'after'],
  children: { range, symbolRange: range },
};
const target: Shape = { keys: ['type', 'anchor', 'module', 'flow'], children: { anchor } };
const reply: Shape = { keys: ['id', 'author', 'created', 'body'] };
const note: Shape = {
  keys: ['id', 'kind', 'severity', 'status', 'body', 'impact', 'target', 'links', 'author', 'created', 'updated', 'replies'],
  children: { target, links: { keys: ['module', 'flow', 'question'] }, replies: { array: reply } },
};
const step: Shape = { keys: ['id', 'title', 'visited', 'anchor'], children: { anchor } };
const flow: Shape = { keys: ['id', 'title', 'entry', 'status', 'created', 'updated', 'steps'], children: { steps: { array: step } } };
const question: Shape = { keys: ['id', 'text', 'status', 'answeredBy'] };
const fingerprint: Shape = { keys: ['symbol', 'range', 'hash', 'own'], children: { range } };
const span: Shape = { keys: ['start', 'end', 'commit', 'blob', 'hashes'] };
const fileReading: Shape = { keys: ['ranges', 'seconds', 'lastRead', 'fingerprints', 'spans'], children: { fingerprints: { array: fingerprint }, spans: { array: span } } };
export const DIVE_SHAPE: Shape = {
  keys: ['schema', 'id', 'title', 'created', 'updated', 'due', 'template', 'baseCommit', 'scope', 'questions', 'flows', 'notes', 'reading'],
  children: {
    scope: { keys: ['include', 'exclude'] },
    questions: { array: question },
    flows: { array: flow },
    notes: { array: note },
    reading: { map: fileReading },
  },
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A shape with its key set and child shapes in Maps: no key ("constructor") reads Object.prototype. */
interface Compiled {
  keys: string[];
  known: Set<string>;
  children: Map<string, { kind: 'object' | 'array' | 'map'; shape: Compiled }>;
}

const compiled = new Map<Shape, Compiled>();
function compile(shape: Shape): Compiled {
  let c = compiled.get(shape);
  if (!c) {
    c = { keys: shape.keys, known: new Set(shape.keys), children: new Map() };
    compiled.set(shape, c);
    for (const [k, child] of Object.entries(shape.children ?? {})) {
      if ('array' in child) c.children.set(k, { kind: 'array', shape: compile(child.array) });
      else if ('map' in child) c.children.set(k, { kind: 'map', shape: compile(child.map) });
      else c.children.set(k, { kind: 'object', shape: compile(child) });
    }
  }
  return c;
}

/** Sets a property as data, even "__proto__" (plain assignment is much faster for every other key). */
function put(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

/** Rebuilds a value with canonical key order; undefined properties are dropped. */
export function canonicalize(value: unknown, shape: Shape | undefined = DIVE_SHAPE): unknown {
  return copy(value, shape && compile(shape));
}

function copy(value: unknown, shape: Compiled | undefined): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i], shape);
    return out;
  }
  if (!isPlainObject(value)) return value;
  // A plain object on purpose: one per note and value on every save, and V8 keeps objects made
  // without a prototype in its slow dictionary mode (saves of a 20,000-note dive took 0.15 s
  // longer). put() already stores "__proto__" as data, and nothing here looks a key up.
  // eslint-disable-next-line no-restricted-syntax -- see above
  const out: Record<string, unknown> = {};
  const own = Object.keys(value);
  if (!shape) {
    for (const k of own.sort()) if (value[k] !== undefined) put(out, k, copy(value[k], undefined));
    return out;
  }
  // Known keys first, in the shape's order (none of them is "__proto__": plain assignment).
  let present = 0;
  for (const k of shape.keys) {
    const v = value[k];
    if (v === undefined) continue;
    if (Object.prototype.hasOwnProperty.call(value, k)) present++;
    if (typeof v !== 'object' || v === null) {
      out[k] = v;
      continue;
    }
    const child = shape.children.get(k);
    if (!child) out[k] = copy(v, undefined);
    else if (child.kind === 'object') out[k] = copy(v, child.shape);
    else if (child.kind === 'array') out[k] = Array.isArray(v) ? copy(v, child.shape) : copy(v, undefined);
    else out[k] = isPlainObject(v) ? copyMap(v, child.shape) : copy(v, undefined);
  }
  // Then the keys a newer Deep Dive (or a hand edit) added, sorted. Most objects have none.
  if (present !== own.length) {
    const rest: string[] = [];
    for (const k of own) if (!shape.known.has(k)) rest.push(k);
    for (const k of rest.sort()) if (value[k] !== undefined) put(out, k, copy(value[k], undefined));
  }
  return out;
}

function copyMap(value: Record<string, unknown>, shape: Compiled): Record<string, unknown> {
  // eslint-disable-next-line no-restricted-syntax -- a plain object for speed, as in copy()
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) if (value[k] !== undefined) put(out, k, copy(value[k], shape));
  return out;
}

/**
 * A multi-line array of numbers as JSON.stringify(…, null, 2) prints it, matched where a "[" and
 * a line break start one. Strings in JSON text hold no raw line break, so "[\n" is always an
 * array's start, never text.
 */
const NUMBER_ARRAY = /\[\n[ ]*(-?\d[\d.eE+-]*(?:,\n[ ]*-?\d[\d.eE+-]*)*)\n[ ]*\]/y;

/** Puts every array of numbers on one line (a jump from "[\n" to "[\n": no scan of all the text by a regular expression). */
function numberArraysOnOneLine(text: string): string {
  let out = '';
  let last = 0;
  for (let i = text.indexOf('[\n'); i >= 0; i = text.indexOf('[\n', i + 1)) {
    NUMBER_ARRAY.lastIndex = i;
    const m = NUMBER_ARRAY.exec(text);
    if (!m) continue;
    out += `${text.slice(last, i)}[${m[1].split(/,\n[ ]*/).join(', ')}]`;
    last = i + m[0].length;
    i = last - 1;
  }
  return out + text.slice(last);
}

/**
 * The bytes of a deep-dive file: same model in, byte-identical text out. Fixed key order
 * (canonicalize), two-space indent, number tuples ([start, end] reading ranges) on one line —
 * one range, one diff line — and a final newline. The engine's JSON.stringify does the writing:
 * a 20,000-note dive printed by hand took most of a save.
 */
export function serializeDive(dive: unknown): string {
  return printCanonical(canonicalize(dive));
}

/** The file text of a value canonicalize made (the store validates that value, then prints it). */
export function printCanonical(canonical: unknown): string {
  return numberArraysOnOneLine(JSON.stringify(canonical, null, 2) ?? 'null') + '\n';
}
