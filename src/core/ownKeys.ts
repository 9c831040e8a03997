// Names from a repository or a deep-dive file (paths, symbols, ids) are data, never property
// names of Object.prototype: a file named "__proto__" or "constructor" must be a key like any
// other. Plain-object records (the reading record is one, because it is JSON) are read and
// written through these helpers; new dictionaries in core use Map or null-prototype objects.

/** The value stored under `key`, ignoring anything inherited ("constructor", "__proto__"). */
export function getOwn<T>(rec: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

/** Stores `value` under `key` as an own property, even for "__proto__". */
export function setOwn<T>(rec: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An empty dictionary with no prototype: every key is data. */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * A fixed lookup table with no prototype, frozen: a name read from the code ("constructor",
 * "toString") that is not one of its keys finds nothing, not a member of Object.prototype.
 */
export function table<T>(entries: { readonly [key: string]: T }): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/**
 * The same entries in a dictionary with no prototype: for records read back from JSON (a cache),
 * which `JSON.parse` gives Object.prototype. A "__proto__" key stays an own entry.
 */
export function dictOf<T>(rec: Readonly<Record<string, T>> | undefined): Record<string, T> {
  return Object.assign(dict<T>(), rec);
}

/** `rec[outer][inner]`, both own entries: for nested records that crossed a thread or a JSON cache. */
export function ownMember<T>(rec: Readonly<Record<string, Readonly<Record<string, T>>>> | undefined, outer: string, inner: string): T | undefined {
  const o = rec ? getOwn(rec, outer) : undefined;
  return o ? getOwn(o, inner) : undefined;
}
