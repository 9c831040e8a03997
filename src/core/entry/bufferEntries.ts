// The map entry of an editor's unsaved buffer as the map would have it once the buffer is saved.
// The map is the disk's until a save, but the entry-point pass reads the buffer's own text: with
// the disk's symbols beside the buffer's facts, a line added above a route moved the route and
// left its handler where it was, and the answer could not be followed from the last one (the map
// named the old lines, the facts the new ones), so every typed line ran the full pass (about 6 s
// on a million lines). With the buffer's own entry, the answer is the one a save would give, and a
// line added is followed (entryFollow.ts) as a saved edit is.
import type { SourceFiles } from '../files/sourceFiles';
import type { RawImport } from '../map/facts';
import { parseFile } from '../map/extractFile';
import { attachEntryFacts, entryFactsOf, passEntriesOf } from '../map/mapEntryFacts';
import type { FileInfo, ImportInfo } from '../map/types';
import { dict } from '../ownKeys';
import type { MapLike } from './findEntryPoints';

/**
 * The last buffer parsed for each disk entry (a map's own object: another map's entry of the same
 * file may resolve its imports otherwise): a view asks again for the same buffer many times.
 */
const parsed = new WeakMap<FileInfo, { text: string; entry: FileInfo | undefined }>();

/**
 * `map` with each mapped file that `files` gives as an edited buffer in its buffer's entry: the
 * buffer parsed as the map parses a file (symbols, lines), its imports those of the disk's entry
 * at the buffer's lines. When the buffer's imports differ from the disk's (they would resolve
 * anew) the disk's entry stays, as before. The same map when no buffer is mapped.
 */
export async function withBufferEntries<M extends MapLike>(map: M, files: SourceFiles): Promise<M> {
  let out: MapLike['files'] | undefined;
  for (let i = 0; i < map.files.length; i++) {
    const f = map.files[i];
    if (!files.edited(f.path) || !isFileInfo(f)) continue;
    const text = files.read(f.path);
    if (text === undefined) continue;
    const entry = await bufferEntry(f, text);
    if (!entry) continue;
    out ??= [...map.files] as MapLike['files'];
    (out as FileInfo[])[i] = entry;
  }
  if (!out) return map;
  const view = { ...map, files: out } as M;
  const known = entryFactsOf(map);
  if (known) attachEntryFacts(view, known, passEntriesOf(map));
  return view;
}

function isFileInfo(f: MapLike['files'][number]): f is FileInfo {
  return 'symbols' in f && 'importDetails' in f && Array.isArray((f as FileInfo).importDetails);
}

async function bufferEntry(disk: FileInfo, text: string): Promise<FileInfo | undefined> {
  const known = parsed.get(disk);
  if (known?.text === text) return known.entry;
  let facts: Awaited<ReturnType<typeof parseFile>>;
  try {
    facts = await parseFile(disk.path, text, disk.language);
  } catch {
    return undefined; // the disk's entry, as before: the pass reads the buffer's text itself
  }
  const importDetails = relined(disk.importDetails, facts.imports);
  const entry: FileInfo | undefined = importDetails && {
    ...disk,
    lines: facts.lines,
    codeLines: facts.codeLines,
    symbols: facts.symbols,
    calls: facts.calls,
    importDetails,
    parseErrors: facts.parseErrors,
  };
  if (entry) {
    for (const k of ['memberTypes', 'exportAliases', 'valueAliases', 'objectMethods'] as const) {
      if (facts[k] === undefined) delete entry[k];
      else (entry as unknown as Record<string, unknown>)[k] = facts[k];
    }
    // codeLineRanges (an accessor on the map's entries) is the disk's; the pass never reads it.
    delete entry.codeLineRanges;
  }
  parsed.set(disk, { text, entry });
  return entry;
}

/**
 * The disk entry's resolved imports at the buffer's lines, when the buffer imports the same things
 * in the same order; undefined otherwise. One import as written gives one resolved import, or
 * several with the same line (Python's `from pkg import a, b` of submodules, split by name).
 */
function relined(details: readonly ImportInfo[], raws: readonly RawImport[]): ImportInfo[] | undefined {
  const out: ImportInfo[] = [];
  let i = 0;
  for (const raw of raws) {
    const group: ImportInfo[] = [];
    while (i < details.length && details[i].specifier === raw.specifier && (group.length === 0 || details[i].line === group[0].line)) group.push(details[i++]);
    if (!group.length || (group[0].reexport === true) !== (raw.reexport === true)) return undefined;
    const names: Record<string, string> = dict();
    for (const d of group) Object.assign(names, d.names ?? {});
    if (!sameNames(names, raw.names)) return undefined;
    for (const d of group) out.push({ ...d, line: raw.line });
  }
  return i === details.length ? out : undefined;
}

function sameNames(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && kb.every((k) => Object.prototype.hasOwnProperty.call(a, k) && a[k] === b[k]);
}
