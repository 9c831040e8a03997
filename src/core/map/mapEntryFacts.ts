// The entry facts the map's worker pass extracted (entry/jsFileEntry.ts), reachable from the map
// object that was assembled with them. Kept beside the map, not in it: a map is sent between
// threads and written as JSON, and these are read only by the entry-point pass.
import type { JsFileEntry } from '../entry/jsFileEntry';

export type EntryFactsLookup = (path: string) => JsFileEntry | undefined;

const lookups = new WeakMap<object, EntryFactsLookup>();

export function attachEntryFacts(map: object, lookup: EntryFactsLookup): void {
  lookups.set(map, lookup);
}

/** The lookup of a map assembled in this thread, if it was. */
export function entryFactsOf(map: object): EntryFactsLookup | undefined {
  return lookups.get(map);
}
