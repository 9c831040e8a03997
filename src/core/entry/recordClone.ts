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
