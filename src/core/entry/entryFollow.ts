// The entry-point answer after a one-file edit, without linking the repository again. Linking
// is a whole-program pass (the interpreter runs every module), so any change to its input used to
// cost the full pass — about 4 s on a million lines for a line typed in a function body. Most
// edits change no declaration: the edited file's facts keep their shape and only its positions
// move (entryShift.ts). Then the previous answer, its positions renamed, is exactly what the full
// pass would give: its cost grows with the edit (one file compared, one answer renamed), not with
// the repository. Any other edit (a route added, a mount changed, two files, package.json) is
// answered by the full pass. The same holds for every language and for an editor's unsaved
// buffer: what the pass takes from a file it reads itself (Go, Python, Java, Kotlin, a buffer)
// is kept per file (passFileFacts.ts) and compared the same way as the map's facts of a saved
// JavaScript/TypeScript file.
import type { SourceFiles } from '../files/sourceFiles';
import { entryReader } from '../files/sourceFiles';
import type { EntryFactsLookup } from '../map/mapEntryFacts';
import type { createParser, LanguageId } from '../parse/languages';
import { emptyShift, pairPositions, shiftKeepsOrder, shiftResult } from './entryShift';
import type { MapLike } from './findEntryPoints';
import { fileRoutesContext, isTestFile } from './fileRoutes';
import { inTestPackageOnly } from './python/djangoReachedTests';
import { settleGuardStates } from './guardState';
import { JS_FILE_ENTRY_VERSION, mayHaveJsFileEntry, type JsFileEntry } from './jsFileEntry';
import { noFacts, passFileFacts, recordJson } from './passFileFacts';
import { ModuleIndex } from './resolveModule';
import type { EntryPointsResult } from './types';

/** A file's content in the key when it is an editor's unsaved buffer (read and parsed by the pass itself). */
export const EDITED = 'edited:';

/** What the entry key is made of: one line per mapped file, in the map's order, and the rest. */
export interface KeyParts {
  files: string[];
  rest: string;
}

/** The inputs of an answer, as far as following an edit needs them. */
export interface AnswerBasis {
  map: MapLike;
  parts: KeyParts;
  /** The entry facts the map's worker pass extracted (mapEntryFacts.ts). */
  known?: EntryFactsLookup;
  /**
   * What the pass took from each file it read itself, as recordJson gave it, by path; absent
   * when not known (an answer read from the cache): then only the map's facts can be compared.
   */
  records?: ReadonlyMap<string, string>;
}

export interface LastAnswer extends AnswerBasis {
  json: string;
}

/**
 * The answer for `now` from the answer for `prev` when exactly one file differs and only its
 * positions moved, with that file and the records of `now`; undefined otherwise (the caller runs
 * the full pass).
 */
export async function followEdit(prev: LastAnswer, now: AnswerBasis, files: SourceFiles): Promise<{ result: EntryPointsResult; file: string; records?: Map<string, string> } | undefined> {
  const changed = onlyChange(prev.parts, now.parts);
  if (changed === undefined) return undefined;
  const before = prev.map.files[changed];
  const after = now.map.files[changed];
  if (!before || !after || before.path !== after.path || before.language !== after.language) return undefined;
  const file = after.path;
  const shift = emptyShift(file);
  // What the pass reads of the file in the map: symbols (handler locations), imports, line count.
  if (!pairPositions(mapPart(before), mapPart(after), shift)) return undefined;
  const last = JSON.parse(prev.json) as EntryPointsResult;
  let records = prev.records ? new Map(prev.records) : undefined;
  // Tests and compiled copies are left out of the pass (findEntryPoints.ts): only their map entry counts.
  // A Python test-package file the routing reached was read (python/djangoReachedTests.ts): as any other.
  const read = !isTestFile(file) || (inTestPackageOnly(file) && prev.records?.has(file) !== false);
  if (read && !last.skippedCompiled.includes(file)) {
    const a = usedBefore(prev, changed, after);
    const b = await usedNow(now, changed, after, files);
    if (a === undefined || b === undefined) return undefined;
    if (!pairPositions(JSON.parse(a), JSON.parse(b.json), shift)) return undefined;
    records ??= new Map();
    if (b.record) records.set(file, b.json);
    else records.delete(file);
  }
  if (!shiftKeepsOrder(shift)) return undefined;
  const result = shiftResult(last, file, shift);
  if (!result) return undefined;
  // "Public on purpose" reads the text around a route (a comment above it): read again.
  for (const e of result.entries) delete e.publicOnPurpose;
  await settleGuardStates(result.entries, entryReader(files));
  return { result, file, ...(records ? { records } : {}) };
}

type MapFile = MapLike['files'][number];

/** The map's facts the pass used for this file, when it did (findEntryPoints.ts: saved, of this version). */
function knownUsed(basis: AnswerBasis, index: number, f: MapFile): JsFileEntry | undefined {
  if (basis.parts.files[index].includes(`\0${EDITED}`) || !mayHaveJsFileEntry(f.language, f.path)) return undefined;
  const k = basis.known?.(f.path);
  // A lazily extracted entry lacks the router facts an answer may have read in full (findEntryPoints.ts): the pass's record of the file, if any, is what it used.
  return k?.v === JS_FILE_ENTRY_VERSION && !k.lazy ? k : undefined;
}

/** What the pass took from the file for the previous answer, as JSON; undefined when not known or not its own. */
function usedBefore(prev: AnswerBasis, index: number, f: MapFile): string | undefined {
  const known = knownUsed(prev, index, f);
  const json = known ? recordJson({ js: known }) : prev.records?.get(f.path);
  return json === undefined || isShared(json) ? undefined : json;
}

/** What the pass takes from the file now (reading it once, as the pass would), and whether it is a record of its own to keep. */
async function usedNow(now: AnswerBasis, index: number, f: MapFile, files: SourceFiles): Promise<{ json: string; record: boolean } | undefined> {
  const known = knownUsed(now, index, f);
  if (known) {
    const json = recordJson({ js: known });
    return json === undefined ? undefined : { json, record: false };
  }
  const text = files.read(f.path);
  const parsers = new Map<LanguageId, Awaited<ReturnType<typeof createParser>>>();
  try {
    // The file list and package.json are the previous answer's (onlyChange): the pass's context for one file.
    const modules = new ModuleIndex(now.map.files.map((x) => x.path));
    // The root package's import path, as the full pass resolves it (findEntryPoints.ts).
    if (f.language === 'go') modules.setGoModule(files.read('go.mod'));
    const ctx = { modules, fileRoutes: fileRoutesContext(files.read('package.json')), parsers };
    const json = recordJson(text === undefined ? noFacts() : await passFileFacts(f, text, ctx));
    return json === undefined || isShared(json) ? undefined : { json, record: true };
  } finally {
    for (const p of parsers.values()) p.delete();
  }
}

/** A record that added to cross-file facts besides its own (passFileFacts.ts `shared`). */
function isShared(json: string): boolean {
  return (JSON.parse(json) as { shared?: true }).shared === true;
}

/** The index of the one file line that differs (same files otherwise). */
function onlyChange(prev: KeyParts, now: KeyParts): number | undefined {
  if (prev.rest !== now.rest || prev.files.length !== now.files.length) return undefined;
  let changed: number | undefined;
  for (let i = 0; i < now.files.length; i++) {
    if (prev.files[i] === now.files[i]) continue;
    if (changed !== undefined) return undefined;
    changed = i;
  }
  return changed;
}

/** The parts of a map entry the entry-point pass reads (a map without them gives nothing to compare). */
function mapPart(f: MapLike['files'][number]): unknown {
  const r = f as Partial<Record<'lines' | 'symbols' | 'importDetails' | 'imports', unknown>>;
  return { lines: r.lines, symbols: r.symbols, importDetails: r.importDetails, imports: r.imports };
}
