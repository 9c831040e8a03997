// Core builds its dictionaries without a prototype (names are data: src/core/ownKeys.ts), while
// what crosses a worker thread or a JSON cache comes back as plain objects. Tests that compare
// such values compare their data: the same keys and values, whatever the prototype.
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
