// Entry points computed once per version of the code. Routes, flows, the report, the Overview and
// the Entry Points view all ask for the same answer; without this each of them parsed every source
// file again and re-ran the linker (5–9 s on a 145k-line server). The answer depends only on the
// mapped files' contents (the map's content hashes), their languages, package.json and this
// code itself, so those make the key; an unchanged repository gets the stored answer back.
// Kept in `.deepdive/cache/entry/` beside the map cache (ignored by git), and in memory for the
// editor's session. A cache is a convenience: unreadable, of another key or another version, it is
// ignored, and a folder that resolves outside the repository is never written.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { SourceFiles } from '../files/sourceFiles';
import { entryReader } from '../files/sourceFiles';
import { ensureCacheDir } from '../dive/cacheDir';
import { prepareCacheDir, readCacheText, writeCacheFile, writeIgnoreFile } from '../cache/cacheFile';
import { findEntryPoints, siblingStamp, type MapLike } from './findEntryPoints';
import { entryFactsOf, passEntriesOf } from '../map/mapEntryFacts';
import { ENTRY_FACTS_VERSION } from './facts/types';
import { buildStamp } from '../cache/buildStamp';
import { ownScopes } from './ownPackages';
import { dataPath, isStampedFile, stampOf } from './interp/dataFiles';
import type { EntryPointsResult } from './types';
import { EDITED, followEdit, type KeyParts, type LastAnswer } from './entryFollow';
import { recordJson } from './passFileFacts';
import { withBufferEntries } from './bufferEntries';

/** Bump when linking, guard states or the result's shape change without a facts change. */
const RESULT_VERSION = 179;
const FILE = 'entries.json';

export interface EntryCacheOptions {
  /** Folder of the stored answer; default `<root>/.deepdive/cache/entry`; false: memory only. */
  cacheDir?: string | false;
  /** Told of every file the entry-point pass parses itself (tests, benchmarks). */
  onParse?: (path: string) => void;
  /** Told when the answer was followed from the previous one through an edit of this file (tests, benchmarks). */
  onFollow?: (path: string) => void;
}

/**
 * The last answers of this process, by key (as JSON: every caller gets its own copy to change),
 * with what the pass took from the files it read itself when this process computed it.
 */
const memory = new Map<string, { json: string; records?: ReadonlyMap<string, string> }>();
const MEMORY_KEYS = 4;
/** The last answer of this process and what it was computed from: the base an edit is followed from (entryFollow.ts). */
let last: LastAnswer | undefined;

export function defaultEntryCacheDir(root: string): string {
  return path.join(root, '.deepdive', 'cache', 'entry');
}

/**
 * The entry points of the mapped files as `files` gives them. Edited buffers (the editor's unsaved
 * text) are part of the key by their own text, so an edit is never answered from the disk's version.
 */
export async function entryPointsOf(disk: MapLike, files: SourceFiles, opts: EntryCacheOptions = {}): Promise<EntryPointsResult> {
  // An unsaved buffer's map entry is its own (bufferEntries.ts), as a save would make it.
  const map = await withBufferEntries(disk, files);
  const parts = entryKeyParts(map, files);
  const key = parts && keyOf(parts);
  const known = entryFactsOf(map);
  const passKnown = passEntriesOf(map);
  // What the full pass takes from each file it reads itself, kept to follow that file's next edit.
  const records = new Map<string, string>();
  const keep = (p: string, rec: Parameters<typeof recordJson>[0]): void => {
    const json = recordJson(rec);
    if (json !== undefined) records.set(p, json);
  };
  // An edited buffer's facts are not the map's: that file is read (and parsed) as it is now.
  const ws = files.workspace?.();
  const siblings = ws && files.readSibling ? { packages: ws.packages, read: (rel: string) => files.readSibling!(rel) } : undefined;
  const find = () => findEntryPoints(map, entryReader(files), { ...(known ? { fileEntry: (p: string) => (files.edited(p) ? undefined : known(p)) } : {}), ...(passKnown ? { passEntry: (p: string) => (files.edited(p) ? undefined : passKnown(p)) } : {}), ...(opts.onParse ? { onParse: opts.onParse } : {}), ...(key ? { onFileFacts: keep } : {}), ...(files.list ? { listDir: (rel: string) => files.list!(rel) } : {}), ...(siblings ? { siblings } : {}) });
  if (!key || !parts) return find();
  // `parsed`: the caller's own copy when the JSON was already parsed (each answer is parsed once).
  const answer = (json: string, parsed?: EntryPointsResult, kept?: ReadonlyMap<string, string>): EntryPointsResult => {
    remember(key, json, kept);
    last = { map, parts, json, ...(known ? { known } : {}), ...(kept ? { records: kept } : {}) };
    return parsed ?? (JSON.parse(json) as EntryPointsResult);
  };
  const hit = memory.get(key);
  const fromMemory = hit === undefined ? undefined : (JSON.parse(hit.json) as EntryPointsResult);
  if (hit !== undefined && fromMemory && dataUnchanged(fromMemory, files)) return answer(hit.json, fromMemory, hit.records);
  const dir = opts.cacheDir === false ? undefined : (opts.cacheDir ?? defaultEntryCacheDir(files.root));
  const stored = dir ? load(dir, key, files.root) : undefined;
  const parsed = stored === undefined ? undefined : parseResult(stored);
  if (stored !== undefined && parsed && dataUnchanged(parsed, files)) return answer(stored, parsed);
  // One file changed since the last answer and only its positions moved: that answer, renamed
  // (unless a data file it read as a value changed too).
  const prev = last;
  const followed = prev ? await followEdit(prev, { map, parts, ...(known ? { known } : {}) }, files) : undefined;
  const shifted = followed && dataUnchanged(followed.result, files) ? followed : undefined;
  if (shifted) opts.onFollow?.(shifted.file);
  const json = JSON.stringify(shifted?.result ?? (await find()));
  if (dir) save(dir, key, json, files.root);
  return answer(json, undefined, shifted ? shifted.records : records);
}

/**
 * The data files the answer read as values (interp/dataFiles.ts) still read as they did. They are
 * not mapped files, so the key cannot hold them: they are checked here, read through `files` (so
 * that a command's answer cache records them as inputs too).
 */
function dataUnchanged(r: EntryPointsResult, files: SourceFiles): boolean {
  return (r.siblingFiles ?? []).every((d) => siblingStamp(d.path, files.readSibling?.(d.path)).hash === d.hash) && (r.dataFiles ?? []).every((d) => stampOf(d.path, files.read(d.path)).hash === d.hash) && (r.dataFolders ?? []).every((d) => stampOf(d.path, files.list?.(d.path)?.join('\n')).hash === d.hash);
}

/** Forgets the answers kept in memory (tests; the editor after its cache folder was cleared). */
export function clearEntryMemory(): void {
  memory.clear();
  last = undefined;
}

/**
 * The key: this code's version, every mapped file's path, language and content hash (an edited
 * buffer by its text), the JSON modules the code imports, package.json (dependencies decide which
 * conventions apply, `bin` adds CLI entries) and the package.json of each of the service's own installed packages. Undefined when the map carries no content hashes: then nothing is cached.
 */
export function entryKey(map: MapLike, files: SourceFiles): string | undefined {
  const parts = entryKeyParts(map, files);
  return parts && keyOf(parts);
}

function keyOf(parts: KeyParts): string {
  const h = createHash('sha1');
  h.update(`deepdive-entry ${RESULT_VERSION} ${ENTRY_FACTS_VERSION} ${buildStamp()}\n`);
  for (const f of parts.files) h.update(f);
  h.update(parts.rest);
  return h.digest('hex');
}

/** What the key is made of: one line per mapped file, in the map's order, and the rest. */
function entryKeyParts(map: MapLike, files: SourceFiles): KeyParts | undefined {
  const lines: string[] = [];
  for (const f of map.files) {
    const hash = 'hash' in f && typeof f.hash === 'string' ? f.hash : undefined;
    if (!hash) return undefined;
    let content = hash;
    if (files.edited(f.path)) content = `${EDITED}${createHash('sha1').update(files.read(f.path) ?? '').digest('hex')}`;
    lines.push(`${f.path}\0${f.language}\0${content}\n`);
  }
  const rest: string[] = [];
  // JSON modules the JS/TS files import are read as values (a router's path in a plugin's
  // `plugin.json`): an edit to one alone must not get the stored answer.
  const json = new Set<string>();
  for (const f of map.files) for (const imp of 'imports' in f && Array.isArray(f.imports) ? f.imports : []) if (imp.endsWith('.json')) json.add(imp);
  for (const p of [...json].sort()) rest.push(`json\0${p}\0${files.read(p) ?? ''}\n`);
  const pkg = files.read('package.json');
  rest.push(`package.json\0${pkg ?? ''}\n`);
  // The service's own installed packages are read for their code (ownPackages.ts): an update shows in their package.json.
  for (const dep of ownScopes(pkg).deps) rest.push(`${dep}\0${files.read(`node_modules/${dep}/package.json`) ?? ''}\n`);
  // The monorepo's sister packages, where own packages are read from when node_modules lacks them
  // (their files' texts are stamped in the answer: dataUnchanged).
  for (const [name, dir] of files.workspace?.()?.packages ?? []) rest.push(`workspace\0${name}\0${dir}\n`);
  return { files: lines, rest: rest.join('') };
}

function remember(key: string, json: string, records: ReadonlyMap<string, string> | undefined): void {
  memory.delete(key);
  memory.set(key, { json, ...(records ? { records } : {}) });
  while (memory.size > MEMORY_KEYS) memory.delete(memory.keys().next().value as string);
}

/** The stored answer's JSON text when the file is for this key (the key sits first: a stale file is refused unparsed). */
function load(dir: string, key: string, within: string): string | undefined {
  // The default folder must resolve inside the repository; a folder the caller chose is theirs.
  const text = readCacheText(path.join(dir, FILE), isDefaultDir(dir, within) ? within : undefined);
  if (text === undefined) return undefined;
  const head = storedHead(key);
  return text.startsWith(head) && text.endsWith('}') ? text.slice(head.length, -1) : undefined;
}

function isDefaultDir(dir: string, within: string): boolean {
  return path.resolve(dir) === path.resolve(defaultEntryCacheDir(within));
}

function parseResult(json: string): EntryPointsResult | undefined {
  try {
    const r = JSON.parse(json) as Partial<EntryPointsResult> | null;
    return r && Array.isArray(r.entries) && Array.isArray(r.skippedCompiled) && Array.isArray(r.parseErrors) && validDataFiles(r.dataFiles) && validDataFolders(r.dataFolders) && validSiblingFiles(r.siblingFiles) ? (r as EntryPointsResult) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A stored answer's data files: repository paths of the kinds an answer is computed from only (a
 * planted cache names nothing else to read). Java services stamp their build and source files: an
 * answer naming them was once rejected here, so their routes were recomputed on every run.
 */
function validDataFiles(d: unknown): boolean {
  if (d === undefined) return true;
  if (!Array.isArray(d)) return false;
  return d.every((x: unknown) => {
    const { path: p, hash } = (x && typeof x === 'object' ? x : {}) as { path?: unknown; hash?: unknown };
    return typeof p === 'string' && typeof hash === 'string' && isStampedFile(p) && dataPath('', [p]) === p;
  });
}

/** A stored answer's sister-package files: paths that leave the root only by their leading `../`, to source files. */
function validSiblingFiles(d: unknown): boolean {
  if (d === undefined) return true;
  if (!Array.isArray(d)) return false;
  return d.every((x: unknown) => {
    const { path: p, hash } = (x && typeof x === 'object' ? x : {}) as { path?: unknown; hash?: unknown };
    return typeof p === 'string' && typeof hash === 'string' && /^(\.\.\/)+[^.].*\.(json|[cm]?[jt]sx?)$/.test(p) && !/(^|\/)\.\.?(\/|$)/.test(p.replace(/^(\.\.\/)+/, '')) && path.posix.normalize(p) === p;
  });
}

/** A stored answer's folders: repository paths only. */
function validDataFolders(d: unknown): boolean {
  if (d === undefined) return true;
  if (!Array.isArray(d)) return false;
  return d.every((x: unknown) => {
    const { path: p, hash } = (x && typeof x === 'object' ? x : {}) as { path?: unknown; hash?: unknown };
    return typeof p === 'string' && typeof hash === 'string' && p !== '' && dataPath('', [p]) === p;
  });
}

function storedHead(key: string): string {
  return `{"key":${JSON.stringify(key)},"result":`;
}

function save(dir: string, key: string, json: string, within: string): void {
  try {
    // The default folder sits in .deepdive/cache/, which ignores itself and refuses planted symlinks.
    if (isDefaultDir(dir, within)) ensureCacheDir(within);
    if (!prepareCacheDir(dir, within)) return;
    writeIgnoreFile(dir);
    writeCacheFile(path.join(dir, FILE), `${storedHead(key)}${json}}`, within);
  } catch {
    /* the next run computes again */
  }
}
