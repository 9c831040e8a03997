// A record crossing between threads (passWorker.ts → passPool.ts) goes by structured clone, which
// keeps Maps, Sets and arrays but gives every object Object.prototype. The detectors keep names
// from the analysed code (routers, imports, constants) in prototype-less objects, so that a name
// like `constructor` or `__proto__` is just a name: such objects are marked before the crossing
// and made prototype-less again after it.

/** A key no source name can be: a NUL character begins it. */
const NO_PROTOTYPE = '\u0000noPrototype';

type Seen = Set<unknown>;

/** Marks, in place, every prototype-less object under `value` (the thread that made it calls this before posting). */
export function markForClone<T>(value: T): T {
  walk(value, new Set(), (o) => {
    if (Object.getPrototypeOf(o) === null) (o as Record<string, unknown>)[NO_PROTOTYPE] = 1;
  });
  return value;
}

/** Gives every marked object under the cloned `value` its null prototype back, unmarked. */
export function restoreAfterClone<T>(value: T): T {
  walk(value, new Set(), (o) => {
    if (!Object.prototype.hasOwnProperty.call(o, NO_PROTOTYPE)) return;
    delete (o as Record<string, unknown>)[NO_PROTOTYPE];
    Object.setPrototypeOf(o, null);
  });
  return value;
}

function walk(value: unknown, seen: Seen, visit: (o: object) => void): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) walk(v, seen, visit);
    return;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      walk(k, seen, visit);
      walk(v, seen, visit);
    }
    return;
  }
  if (value instanceof Set) {
    for (const v of value) walk(v, seen, visit);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  // Only plain data: anything else does not survive the clone as itself anyway.
  if (proto !== null && proto !== Object.prototype) return;
  for (const k of Object.keys(value)) walk((value as Record<string, unknown>)[k], seen, visit);
  visit(value);
}

/**
 * Keys no source name can be (a NUL character begins them): a Set's or a Map's items in JSON, and
 * a value the record holds in more than one place (its first place gives it a number, the others
 * refer to it): detectors compare such values by identity (the rules of one Spring filter chain
 * share their chain), which structured clone keeps and a plain copy would not.
 */
const SET = '\u0000set';
const MAP = '\u0000map';
const ID = '\u0000id';
const VALUE = '\u0000value';
const REF = '\u0000ref';

class NotJson extends Error {}

/**
 * A copy of `value` that JSON carries as it is (a record kept in the map cache: passEntry.ts):
 * prototype-less objects marked, Sets and Maps as tagged objects, a value held in several places
 * once and referred to elsewhere, members holding undefined left out (the detectors read an absent
 * member and an undefined one alike). Undefined when `value` holds what JSON cannot give back: a
 * function, a class instance, an undefined array item, a number JSON has no word for, a cycle.
 */
export function forJson(value: unknown): unknown {
  try {
    const shared = new Set<object>();
    countShared(value, new Set(), shared, 0);
    return new JsonWriter(shared).write(value, 0);
  } catch (err) {
    if (err instanceof NotJson) return undefined;
    throw err;
  }
}

/** The objects met more than once under `value` (a cycle is refused). */
function countShared(value: unknown, seen: Set<object>, shared: Set<object>, depth: number, path: Set<object> = new Set()): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth > 10_000 || path.has(value)) throw new NotJson();
  if (seen.has(value)) {
    shared.add(value);
    return;
  }
  seen.add(value);
  path.add(value);
  const items = Array.isArray(value) ? value : value instanceof Set ? [...value] : value instanceof Map ? [...value].flat() : Object.values(value);
  for (const v of items) countShared(v, seen, shared, depth + 1, path);
  path.delete(value);
}

class JsonWriter {
  private readonly ids = new Map<object, number>();
  constructor(private readonly shared: Set<object>) {}

  write(value: unknown, depth: number): unknown {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new NotJson();
      return value;
    }
    if (typeof value !== 'object') throw new NotJson();
    if (!this.shared.has(value)) return this.inner(value, depth);
    const known = this.ids.get(value);
    if (known !== undefined) return { [REF]: known };
    const id = this.ids.size;
    this.ids.set(value, id);
    return { [ID]: id, [VALUE]: this.inner(value, depth) };
  }

  private inner(value: object, depth: number): unknown {
    if (Array.isArray(value))
      return value.map((v) => {
        if (v === undefined) throw new NotJson();
        return this.write(v, depth + 1);
      });
    if (value instanceof Set) return { [SET]: [...value].map((v) => this.write(v, depth + 1)) };
    if (value instanceof Map) return { [MAP]: [...value].map(([k, v]) => [this.write(k, depth + 1), this.write(v, depth + 1)]) };
    const proto = Object.getPrototypeOf(value);
    if (proto !== null && proto !== Object.prototype) throw new NotJson();
    // Prototype-less itself, so that a member named `__proto__` is a member (JSON.stringify writes it as one).
    const out = Object.create(null) as Record<string, unknown>;
    if (proto === null) out[NO_PROTOTYPE] = 1;
    for (const k of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = this.write(v, depth + 1);
    }
    return out;
  }
}

/**
 * `value` as forJson made it, after JSON (or as it is, in the same thread): prototype-less objects,
 * Sets, Maps and shared values as they were, in a fresh copy that leaves `value` as it is — a
 * record kept in the map's facts is decoded once but may be read again, or written to the cache,
 * later in the process.
 */
export function restoredCopy<T>(value: unknown): T {
  return new JsonReader().read(value, 0) as T;
}

class JsonReader {
  private readonly byId = new Map<number, unknown>();

  read(value: unknown, depth: number): unknown {
    if (typeof value !== 'object' || value === null) return value;
    if (depth > 10_000) throw new RangeError('record nested too deeply');
    if (Array.isArray(value)) return value.map((v) => this.read(v, depth + 1));
    const src = value as Record<string, unknown>;
    const own = (k: string): boolean => Object.prototype.hasOwnProperty.call(src, k);
    if (own(REF)) return this.byId.get(src[REF] as number);
    if (own(ID)) {
      const v = this.read(src[VALUE], depth + 1);
      this.byId.set(src[ID] as number, v);
      return v;
    }
    if (own(SET) && Array.isArray(src[SET])) return new Set((src[SET] as unknown[]).map((v) => this.read(v, depth + 1)));
    if (own(MAP) && Array.isArray(src[MAP])) return new Map((src[MAP] as [unknown, unknown][]).map(([k, v]) => [this.read(k, depth + 1), this.read(v, depth + 1)]));
    const marked = own(NO_PROTOTYPE);
    const out: Record<string, unknown> = marked ? Object.create(null) : {};
    for (const k of Object.keys(src)) {
      if (k === NO_PROTOTYPE && marked) continue;
      // `__proto__` from the analysed code is a name: set as a member, never as the prototype.
      if (k === '__proto__') Object.defineProperty(out, k, { value: this.read(src[k], depth + 1), enumerable: true, writable: true, configurable: true });
      else out[k] = this.read(src[k], depth + 1);
    }
    return out;
  }
}
