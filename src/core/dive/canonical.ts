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

/** Rebuilds a value with canonical key order; undefined properties are dropped. */
export function canonicalize(value: unknown, shape: Shape | undefined = DIVE_SHAPE): unknown {
  if (Array.isArray(value)) return value.map((v) => canonicalize(v, shape));
  if (!isPlainObject(value)) return value;
  const known = shape?.keys ?? [];
  const rest = Object.keys(value)
    .filter((k) => !known.includes(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const k of [...known.filter((k) => k in value), ...rest]) {
    const v = value[k];
    if (v === undefined) continue;
    const child = shape?.children?.[k];
    let c: unknown;
    if (child && 'array' in child) c = Array.isArray(v) ? v.map((x) => canonicalize(x, child.array)) : canonicalize(v, undefined);
    else if (child && 'map' in child) c = isPlainObject(v) ? canonicalMap(v, child.map) : canonicalize(v, undefined);
    else c = canonicalize(v, child as Shape | undefined);
    Object.defineProperty(out, k, { value: c, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function canonicalMap(value: Record<string, unknown>, shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) {
    if (value[k] === undefined) continue;
    Object.defineProperty(out, k, { value: canonicalize(value[k], shape), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The bytes of a deep-dive file: same model in, byte-identical text out. */
export function serializeDive(dive: unknown): string {
  return print(canonicalize(dive), '') + '\n';
}

function print(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    // Number tuples ([start, end] reading ranges) stay on one line: one range, one diff line.
    if (v.every((x) => typeof x === 'number')) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`;
    const inner = indent + '  ';
    return `[\n${v.map((x) => inner + print(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (isPlainObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${keys.map((k) => `${inner}${JSON.stringify(k)}: ${print(v[k], inner)}`).join(',\n')}\n${indent}}`;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
  return JSON.stringify(v) ?? 'null';
}
