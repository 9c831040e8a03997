// The methods of a named type (a Go struct; a JS class the interpreter knows only by name) among
// a file's functions: the first function whose owner is the type and whose name is the method's
// own or `Type.method`. Asked on every member read of such an instance (each `this.x` in its
// methods); scanning every function of the file each time (with a new string per function) was a
// visible share of a cold run on a large service. Indexed once per file's facts instead.
import type { EntryFacts } from '../facts/types';

/** Per facts: owner → method name → the first function's index. */
const indexes = new WeakMap<EntryFacts, Map<string, Map<string, number>>>();

function indexOf(facts: EntryFacts): Map<string, Map<string, number>> {
  let byOwner = indexes.get(facts);
  if (byOwner) return byOwner;
  byOwner = new Map();
  facts.fns.forEach((fn, i) => {
    if (fn.owner === undefined) return;
    let byName = byOwner!.get(fn.owner);
    if (!byName) byOwner!.set(fn.owner, (byName = new Map()));
    // The first function that answers a name keeps it, as a search from the start finds it.
    if (!byName.has(fn.name)) byName.set(fn.name, i);
    const qualified = `${fn.owner}.`;
    if (fn.name.startsWith(qualified)) {
      const own = fn.name.slice(qualified.length);
      if (!byName.has(own)) byName.set(own, i);
    }
  });
  indexes.set(facts, byOwner);
  return byOwner;
}

/** The index of `owner`'s method `prop` among the file's functions, or -1. */
export function typeMethodIndex(facts: EntryFacts, owner: string, prop: string): number {
  return indexOf(facts).get(owner)?.get(prop) ?? -1;
}
