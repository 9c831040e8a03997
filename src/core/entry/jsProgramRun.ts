// The JavaScript/TypeScript program's run (interp/run.ts) inside the entry-point pass: the JSON
// modules and data files the code reads by fixed paths, the data files it names by paths it
// evaluates (read when the run asks), the run itself, and what the other detectors take from it
// (constants their paths name, re-exported file-route handlers, helpers of ours that refuse).
import type { MapLike, ReadFile } from './findEntryPoints';
import type { DataFileStamp, EntryPoint, EntryWarning, FileDecls } from './types';
import type { EntryFacts } from './facts/types';
import type { OwnPackages } from './ownPackages';
import type { Program } from './interp/program';
import { mapProgram } from './interp/mapProgram';
import { jsonImports, jsonModuleFacts } from './facts/jsonFacts';
import { dataFileCandidates, isDataFile, MAX_DATA_CHARS, MAX_EVALUATED_DATA_FILES, stampOf, unreadStamp } from './interp/dataFiles';
import { interpretEntries } from './interp/run';
import { frameworksFor } from './frameworks';
import { symbolAt } from './handlerLocations';
import { resolvePathConstants } from './routePath';
import { applyReexportedHandlers, applyReexportedModules } from './fileRouting/reexportedHandlers';
import { applyHelperChecks } from './helperChecks';
import { applyWrapperChecks } from './wrapperChecks';

export interface JsProgramInputs {
  map: MapLike;
  /** Every JS/TS file's entry facts (JSON modules the code imports are added). */
  facts: Map<string, EntryFacts>;
  /** Declarations of the other detectors: constants in their paths are resolved here. */
  decls: FileDecls[];
  readFile: ReadFile;
  ownPackages: OwnPackages | undefined;
  /** Stamps of the data files read (added to). */
  dataFiles: DataFileStamp[];
  /** The run's warnings (added to). */
  warnings: EntryWarning[];
}

/** The routes the program's run finds, their handlers located in the map. */
export async function runJsProgram({ map, facts, decls, readFile, ownPackages, dataFiles, warnings }: JsProgramInputs): Promise<EntryPoint[]> {
  const routes: EntryPoint[] = [];
  // JSON files the modules import: modules whose default export is their content (evaluated as JS).
  const jsonFiles: { path: string; language: 'javascript' }[] = [];
  for (const p of jsonImports(facts)) {
    const text = facts.has(p) ? undefined : await readOptional(readFile, p);
    const ef = text !== undefined ? jsonModuleFacts(text) : undefined;
    if (!ef) continue;
    facts.set(p, ef);
    jsonFiles.push({ path: p, language: 'javascript' });
  }
  // Data files read by a path fixed in the code (`readFileSync(path.join(__dirname, 'routes.yaml'))`): their text, for the interpreter.
  const data = new Map<string, string>();
  for (const p of dataFileCandidates(facts)) {
    const text = await readOptional(readFile, p);
    dataFiles.push(stampOf(p, text));
    if (text !== undefined && text.length <= MAX_DATA_CHARS) data.set(p, text);
  }
  const programFiles = [...(map.files as Parameters<typeof mapProgram>[0]), ...(ownPackages?.files ?? []), ...jsonFiles];
  const absent = new Set(dataFiles.filter((d) => unreadStamp(d) && !data.has(d.path)).map((d) => d.path));
  const looked = new Set(dataFiles.map((d) => d.path));
  // Data files the run names by a path it evaluated (a folder from the configuration joined with
  // a file name constant) rather than one written in the code: read when the run asks, or known
  // not to be there (a read of one throws). Their stamps are kept either way, so that adding one
  // later (a user's routes file where the default was read) invalidates the answer.
  const late = new Map<string, string | undefined>();
  let lateAsync = false;
  const readNow = (p: string): boolean => {
    if (lateAsync || !isDataFile(p) || looked.has(p) || late.size >= MAX_EVALUATED_DATA_FILES) return false;
    let text: string | undefined;
    try {
      const r = readFile(p);
      if (typeof r !== 'string') {
        // A reader that answers later (an editor's): read after this run, which is then made again.
        lateAsync = true;
        r.then(undefined, () => undefined);
        return false;
      }
      text = r;
    } catch {
      text = undefined;
    }
    late.set(p, text);
    if (text !== undefined && text.length <= MAX_DATA_CHARS) data.set(p, text);
    else absent.add(p);
    return true;
  };
  let program = withOwnUnread(mapProgram(programFiles, facts, ownPackages?.bare, data, absent, readNow), ownPackages);
  // Files whose constants resolvePathConstants asks for below: their module scope must be as complete as ever.
  const constantFiles = decls.filter((d) => d.routes.some((r) => r.pathConst)).map((d) => d.file);
  let interpreted = interpretEntries(program, frameworksFor(['js']), constantFiles);
  for (const p of [...late.keys()].sort()) dataFiles.push(stampOf(p, late.get(p)));
  // With a reader that answers later, the files the run asked for are read now and the run made again once with them.
  const asked = lateAsync ? (program.missedData?.() ?? []).filter((p) => isDataFile(p) && !looked.has(p) && !late.has(p)).slice(0, MAX_EVALUATED_DATA_FILES - late.size) : [];
  for (const p of asked) {
    const text = await readOptional(readFile, p);
    dataFiles.push(stampOf(p, text));
    if (text !== undefined && text.length <= MAX_DATA_CHARS) data.set(p, text);
    else absent.add(p);
  }
  if (asked.length) {
    program = withOwnUnread(mapProgram(programFiles, facts, ownPackages?.bare, data, absent), ownPackages);
    interpreted = interpretEntries(program, frameworksFor(['js']), constantFiles);
  }
  warnings.push(...interpreted.warnings);
  for (const { entry } of interpreted.routes) {
    if (entry.handlerLocation) entry.handlerLocation.symbol = symbolAt(map, entry.handlerLocation.file, entry.handlerLocation.range.start) ?? '<inline>';
    routes.push(entry);
  }
  // Paths other detectors of these files found written as a constant (a Nest module's option):
  // the interpreter followed the imports, so it knows their strings.
  resolvePathConstants(decls, interpreted.constantIn);
  // A file route whose handler is another file route's, imported and exported again: that route's checks.
  applyReexportedHandlers(decls, program);
  // File-route handlers that end with what a helper of ours gives back: the helper's code says whether it refuses.
  applyHelperChecks(decls, program);
  // File-route handlers wrapped by a function of ours (`withWorkspace(h)`): its code says whether it refuses.
  applyWrapperChecks(decls, program);
  // `export * from '../links/route'`: the other route file's handlers, with their checks, at this path.
  applyReexportedModules(decls, program);
  return routes;
}

async function readOptional(readFile: ReadFile, rel: string): Promise<string | undefined> {
  try {
    return await readFile(rel);
  } catch {
    return undefined;
  }
}

/** The own-scope packages the files import that could not be read, told to the program (Program.ownUnread). */
function withOwnUnread<P extends Program>(program: P, own: OwnPackages | undefined): P {
  const unread = own?.unread;
  if (unread?.size) program.ownUnread = (spec: string) => unread.has(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
  return program;
}
