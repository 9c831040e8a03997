// The entry-point answer after a one-file edit, without linking the repository again. Linking
// is a whole-program pass (the interpreter runs every module), so any change to its input used to
// cost the full pass — about 4 s on a million lines for a line typed in a function body. Most
// edits change no declaration: the edited file's facts keep their shape and only its positions
// move (entryShift.ts). Then the previous answer, its positions renamed, is exactly what the full
// pass would give: its cost grows with the edit (one file compared, one answer renamed), not with
// the repository. Any other edit (a route added, a mount changed, two files, package.json) is
// answered by the full pass.
import type { SourceFiles } from '../files/sourceFiles';
import { entryReader } from '../files/sourceFiles';
import type { EntryFactsLookup } from '../map/mapEntryFacts';
import { TEST_FILE } from './entryFiles';
import { emptyShift, pairPositions, shiftKeepsOrder, shiftResult } from './entryShift';
import type { MapLike } from './findEntryPoints';
import { settleGuardStates } from './guardState';
import { JS_FILE_ENTRY_VERSION, wantsJsFileEntry } from './jsFileEntry';
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
}

export interface LastAnswer extends AnswerBasis {
  json: string;
}

/**
 * The answer for `now` from the answer for `prev` when exactly one file differs and only its
 * positions moved, with that file; undefined otherwise (the caller runs the full pass).
 */
export async function followEdit(prev: LastAnswer, now: AnswerBasis, files: SourceFiles): Promise<{ result: EntryPointsResult; file: string } | undefined> {
  const changed = onlyChange(prev.parts, now.parts);
  if (changed === undefined) return undefined;
  const before = prev.map.files[changed];
  const after = now.map.files[changed];
  if (!before || !after || before.path !== after.path || before.language !== after.language) return undefined;
  const file = after.path;
  const shift = emptyShift();
  // What the pass reads of the file in the map: symbols (handler locations), imports, line count.
  if (!pairPositions(mapPart(before), mapPart(after), shift)) return undefined;
  // Tests are left out of the pass (findEntryPoints.ts): only their map entry counts.
  if (!TEST_FILE.test(file)) {
    // Other files are parsed by the pass itself from their text: not followed here.
    if (!wantsJsFileEntry(after.language, file)) return undefined;
    const a = prev.known?.(file);
    const b = now.known?.(file);
    if (a?.v !== JS_FILE_ENTRY_VERSION || b?.v !== JS_FILE_ENTRY_VERSION) return undefined;
    if (!pairPositions(a, b, shift)) return undefined;
  }
  if (!shiftKeepsOrder(shift)) return undefined;
  const result = shiftResult(JSON.parse(prev.json) as EntryPointsResult, file, shift);
  if (!result) return undefined;
  // "Public on purpose" reads the text around a route (a comment above it): read again.
  for (const e of result.entries) delete e.publicOnPurpose;
  await settleGuardStates(result.entries, entryReader(files));
  return { result, file };
}

/** The index of the one file line that differs (same files otherwise, none an unsaved buffer). */
function onlyChange(prev: KeyParts, now: KeyParts): number | undefined {
  if (prev.rest !== now.rest || prev.files.length !== now.files.length) return undefined;
  let changed: number | undefined;
  for (let i = 0; i < now.files.length; i++) {
    if (prev.files[i] === now.files[i]) continue;
    if (changed !== undefined) return undefined;
    changed = i;
  }
  if (changed === undefined || prev.files[changed].includes(`\0${EDITED}`) || now.files[changed].includes(`\0${EDITED}`)) return undefined;
  return changed;
}

/** The parts of a map entry the entry-point pass reads (a map without them gives nothing to compare). */
function mapPart(f: MapLike['files'][number]): unknown {
  const r = f as Partial<Record<'lines' | 'symbols' | 'importDetails' | 'imports', unknown>>;
  return { lines: r.lines, symbols: r.symbols, importDetails: r.importDetails, imports: r.imports };
}
