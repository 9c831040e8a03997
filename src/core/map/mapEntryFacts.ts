// The entry facts the map's worker pass extracted (entry/jsFileEntry.ts), reachable from the map
// object that was assembled with them. Kept beside the map, not in it: a map is sent between
// threads and written as JSON, and these are read only by the entry-point pass.
import type { JsFileEntry } from '../entry/jsFileEntry';
import type { PassEntry } from '../entry/passEntry';

export type EntryFactsLookup = (path: string) => JsFileEntry | undefined;
/** Go, Java and Kotlin files' pass records (entry/passEntry.ts), kept the same way. */
export type PassEntryLookup = (path: string) => PassEntry | undefined;

const lookups = new WeakMap<object, EntryFactsLookup>();
const passLookups = new WeakMap<object, PassEntryLookup>();

export function attachEntryFacts(map: object, lookup: EntryFactsLookup, go?: PassEntryLookup): void {
  lookups.set(map, lookup);
  if (go) passLookups.set(map, go);
}

/** The lookup of a map assembled in this thread, if it was. */
export function entryFactsOf(map: object): EntryFactsLookup | undefined {
  return lookups.get(map);
}

/** The pass records' lookup of a map assembled in this thread, if it was. */
export function passEntriesOf(map: object): PassEntryLookup | undefined {
  return passLookups.get(map);
}
