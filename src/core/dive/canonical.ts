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
  if (Array.isArray(value)) return value.map((v) => copy(v, shape));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  const own = Object.keys(value);
  let rest = own;
  if (shape) {
    for (const k of shape.keys) {
      if (!(k in value)) continue;
      const v = value[k];
      if (v === undefined) continue;
      const child = shape.children.get(k);
      let c: unknown;
      if (!child) c = copy(v, undefined);
      else if (child.kind === 'object') c = copy(v, child.shape);
      else if (child.kind === 'array') c = Array.isArray(v) ? v.map((x) => copy(x, child.shape)) : copy(v, undefined);
      else c = isPlainObject(v) ? copyMap(v, child.shape) : copy(v, undefined);
      put(out, k, c);
    }
    rest = [];
    for (const k of own) if (!shape.known.has(k)) rest.push(k);
  }
  for (const k of rest.sort()) if (value[k] !== undefined) put(out, k, copy(value[k], undefined));
  return out;
}

function copyMap(value: Record<string, unknown>, shape: Compiled): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) if (value[k] !== undefined) put(out, k, copy(value[k], shape));
  return out;
}

/**
 * A multi-line array of numbers as JSON.stringify(…, null, 2) prints it. Strings in JSON text
 * hold no raw line break, so a "[" followed by one is always the start of an array.
 */
const NUMBER_ARRAY = /\[\n[ ]*(-?\d[\d.eE+-]*(?:,\n[ ]*-?\d[\d.eE+-]*)*)\n[ ]*\]/g;

/**
 * The bytes of a deep-dive file: same model in, byte-identical text out. Fixed key order
 * (canonicalize), two-space indent, number tuples ([start, end] reading ranges) on one line —
 * one range, one diff line — and a final newline. The engine's JSON.stringify does the writing:
 * a 20,000-note dive printed by hand took most of a save.
 */
export function serializeDive(dive: unknown): string {
  const text = JSON.stringify(canonicalize(dive), null, 2) ?? 'null';
  return text.replace(NUMBER_ARRAY, (_, items: string) => `[${items.split(/,\n[ ]*/).join(', ')}]`) + '\n';
}
