// The deep-dive store: `.deepdive/<id>.json` under the workspace root. Loads validate and
// migrate; saves re-read the disk first and merge a change made elsewhere (another window, a git
// pull) instead of overwriting it; a file that does not parse or validate is never written over,
// and a backup of it is kept. Every write holds the dive's inter-process lock (lock.ts), so any
// number of writers — CLI runs, editor windows — keep every change. Synchronous on purpose: a
// save must not interleave with another save in the same process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeepDiveError } from '../errors';
import type { DeepDive } from '../model/types';
import { SCHEMA_ID } from '../model/types';
import { canonicalize, printCanonical } from './canonical';
import { decodeDiveBytes } from './decode';
import { DiveFileError, isDiveFileError } from './diveError';
import type { DiskStamp } from './files';
import { backupBytes, diveDir, diveFile, diveFileName, ensureDiveDir, readWithStamp, sha256, writeAtomic } from './files';
import { tmpDir } from './cacheDir';
import { sweepLeftovers } from './leftovers';
import { withDiveLock } from './lock';
import { mergeDives } from './merge';
import { validateDive } from './validate';

export interface LoadedDive {
  root: string;
  id: string;
  /** Root-relative file name, ".deepdive/<id>.json". */
  file: string;
  /** The model: edit it, then saveDive. */
  dive: DeepDive;
  /**
   * The model as loaded: the common ancestor when merging with a change on disk. Decoded again
   * from the loaded bytes the first time a save needs it (a merge, which is rare) instead of
   * deep-copied on every load: that copy was a fifth of a 20,000-note dive's load.
   */
  base: () => DeepDive;
  /** What was on disk at load or last save. */
  stamp: DiskStamp;
  /** Set when the file had an older (or newer-minor) schema and was migrated on load. */
  migratedFrom?: string;
}

export interface SaveResult {
  loaded: LoadedDive;
  /** True when the file had changed on disk and the change was merged in. */
  merged: boolean;
  /** False when the file already held exactly these bytes. */
  written: boolean;
}

function decodeOrBackup(root: string, id: string, bytes: Buffer): ReturnType<typeof decodeDiveBytes> {
  try {
    return decodeDiveBytes(bytes, diveFileName(id), id);
  } catch (err) {
    if (isDiveFileError(err)) err.backup = backupBytes(root, id, bytes);
    throw err;
  }
}

/** A decoder run at most once, on first use. */
function once(decode: () => DeepDive): () => DeepDive {
  let value: DeepDive | undefined;
  return () => (value ??= decode());
}

/** The as-loaded model of bytes that decoded once already (decoding is deterministic). */
function baseOf(bytes: Buffer, id: string): () => DeepDive {
  return once(() => decodeDiveBytes(bytes, diveFileName(id), id).dive);
}

export function loadDive(root: string, id: string): LoadedDive {
  sweepLeftovers(root);
  const file = diveFile(root, id);
  const read = readWithStamp(file);
  if (!read) throw new DeepDiveError(`no deep dive "${id}" (no file ${diveFileName(id)})`);
  const { dive, migratedFrom } = decodeOrBackup(root, id, read.bytes);
  return { root, id, file: diveFileName(id), dive, base: baseOf(read.bytes, id), stamp: read.stamp, ...(migratedFrom ? { migratedFrom } : {}) };
}

export type ReloadResult =
  | { status: 'unchanged'; loaded: LoadedDive }
  | { status: 'reloaded'; loaded: LoadedDive }
  | { status: 'deleted' }
  | { status: 'broken'; error: DiveFileError };

/**
 * For a file watcher: cheap when nothing changed (stat only). A reloaded model replaces the
 * in-memory one; unsaved in-memory edits should be saved first (saveDive merges them).
 */
export function reloadDive(loaded: LoadedDive): ReloadResult {
  const file = diveFile(loaded.root, loaded.id);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return { status: 'deleted' };
  }
  if (st.mtimeMs === loaded.stamp.mtimeMs && st.size === loaded.stamp.size) return { status: 'unchanged', loaded };
  const read = readWithStamp(file);
  if (!read) return { status: 'deleted' };
  if (read.stamp.hash === loaded.stamp.hash) return { status: 'unchanged', loaded: { ...loaded, stamp: read.stamp } };
  try {
    const { dive, migratedFrom } = decodeOrBackup(loaded.root, loaded.id, read.bytes);
    return { status: 'reloaded', loaded: { ...loaded, dive, base: baseOf(read.bytes, loaded.id), stamp: read.stamp, ...(migratedFrom ? { migratedFrom } : {}) } };
  } catch (err) {
    if (isDiveFileError(err)) return { status: 'broken', error: err };
    throw err;
  }
}

/**
 * The file text of a model, refused when what it would write does not validate. Validates the
 * canonical copy that is printed — the values the next load will see (JSON.parse of the text
 * gives the same, without a second parse of a large dive) — and hands that copy back as the
 * saved model, detached from the caller's.
 */
function checkedText(dive: DeepDive, file: string): { text: string; model: DeepDive } {
  const model = canonicalize(dive) as DeepDive;
  const issues = validateDive(model);
  if (issues.length) throw new DiveFileError(file, `refusing to save an invalid deep dive: ${issues[0].message}`, issues[0].path);
  return { text: printCanonical(model), model };
}

/** The schema id a file's text declares (looked for near the start first: it is written first). */
function declaredSchema(bytes: Buffer): string | undefined {
  const pattern = /"schema"\s*:\s*"([^"]*)"/;
  return pattern.exec(bytes.toString('utf8', 0, Math.min(bytes.length, 4096)))?.[1] ?? pattern.exec(bytes.toString('utf8'))?.[1];
}

/**
 * Writes the in-memory model. Re-reads the disk first: unchanged → write; changed and valid →
 * three-way merge (nothing is lost) and write the merge; changed and broken, or deleted → refuse
 * with a DiveFileError and leave the disk as it is.
 */
export function saveDive(loaded: LoadedDive): SaveResult {
  sweepLeftovers(loaded.root);
  // Lock, re-read, merge, write, unlock: a writer between our re-read and our rename would
  // otherwise be overwritten without a trace.
  return withDiveLock(loaded.root, loaded.id, loaded.file, () => saveLocked(loaded));
}

function saveLocked(loaded: LoadedDive): SaveResult {
  const file = diveFile(loaded.root, loaded.id);
  const current = readWithStamp(file);
  if (!current) throw new DiveFileError(loaded.file, 'was deleted on disk since it was loaded; not writing it again (start or restore it)');
  let final = loaded.dive;
  let merged = false;
  if (current.stamp.hash !== loaded.stamp.hash) {
    const theirs = decodeOrBackup(loaded.root, loaded.id, current.bytes).dive;
    final = mergeDives(loaded.base(), loaded.dive, theirs);
    merged = true;
  }
  final = { ...final, schema: SCHEMA_ID };
  const { text, model: dive } = checkedText(final, loaded.file);
  if (declaredSchema(current.bytes) !== SCHEMA_ID) backupBytes(loaded.root, loaded.id, current.bytes);
  const hash = sha256(text);
  let written = false;
  if (hash !== current.stamp.hash) {
    writeAtomic(file, text, tmpDir(loaded.root));
    written = true;
  }
  // Under the lock nobody else writes: the file holds `text` (hash known), only its stat is new.
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new DiveFileError(loaded.file, 'disappeared right after it was written');
  }
  const stamp = { mtimeMs: st.mtimeMs, size: st.size, hash };
  return { loaded: { root: loaded.root, id: loaded.id, file: loaded.file, dive, base: once(() => JSON.parse(text) as DeepDive), stamp }, merged, written };
}

/** Load, change, save: the usual shape of a CLI command. */
export function updateDive(root: string, id: string, mutate: (dive: DeepDive) => void): SaveResult {
  const loaded = loadDive(root, id);
  mutate(loaded.dive);
  return saveDive(loaded);
}

/** Writes a new deep dive; refuses when `.deepdive/<id>.json` exists (valid or not). */
export function insertDive(root: string, dive: DeepDive): LoadedDive {
  const { text } = checkedText(dive, diveFileName(dive.id));
  ensureDiveDir(root);
  sweepLeftovers(root);
  const file = diveFile(root, dive.id);
  return withDiveLock(root, dive.id, diveFileName(dive.id), () => {
    if (fs.existsSync(file)) throw new DeepDiveError(`a deep dive with id "${dive.id}" exists already (${diveFileName(dive.id)})`);
    writeAtomic(file, text, tmpDir(root));
    return loadDive(root, dive.id);
  });
}

/** Ids of every `.deepdive/*.json`, valid or not, sorted. */
export function listDiveIds(root: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(diveDir(root));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .map((n) => n.slice(0, -'.json'.length))
    .filter((id) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(id))
    .sort();
}

export interface BrokenDive {
  id: string;
  file: string;
  error: DeepDiveError;
}

export function listDives(root: string): { dives: LoadedDive[]; broken: BrokenDive[] } {
  sweepLeftovers(root);
  const dives: LoadedDive[] = [];
  const broken: BrokenDive[] = [];
  for (const id of listDiveIds(root)) {
    try {
      dives.push(loadDive(root, id));
    } catch (err) {
      if (err instanceof DeepDiveError) broken.push({ id, file: diveFileName(id), error: err });
      else throw err;
    }
  }
  return { dives, broken };
}

/** Removes a deep dive, keeping a backup copy of it; returns the backup's root-relative path. */
export function deleteDive(root: string, id: string): string {
  const file = diveFile(root, id);
  return withDiveLock(root, id, diveFileName(id), () => {
    const read = readWithStamp(file);
    if (!read) throw new DeepDiveError(`no deep dive "${id}" (no file ${diveFileName(id)})`);
    const backup = backupBytes(root, id, read.bytes);
    fs.rmSync(file);
    return backup;
  });
}

/** For messages: the root-relative name of a dive file given its absolute path. */
export function relativeDiveName(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
