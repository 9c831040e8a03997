// Coverage: read code lines / code lines in scope, per file, module and deep dive. Pure over its
// inputs; `computeCoverage` gathers them from a map and a snapshot provider, so the CLI can read
// files from disk and the extension can pass the text of open editors.
import { getOwn } from '../ownKeys';
import type { FileInfo, RepoMap, SymbolInfo } from '../map/types';
import type { DeepDive, FileReading } from '../model/types';
import type { SourceFiles } from '../files/sourceFiles';
import { diskFiles } from '../files/sourceFiles';
import { scopeMatcher } from '../walk/scope';
import { codeLinesOf } from './codeLines';
import type { CodeLinesCache } from './codeLinesCache';
import { splitLines } from './fingerprint';
import type { Pair } from './ranges';
import { countLines, intersectRanges, subtractRanges } from './ranges';
import type { CurrentFile, StaleSymbol } from './staleness';
import { effectiveReading } from './staleness';
import type { FollowedSpan } from './spanReading';
import type { MoveCandidate } from './movedReading';
import { followMovedCode } from './movedReading';

export interface FileCoverage {
  path: string;
  module: string;
  /** Code lines (not blank, not comment-only). */
  lines: number;
  /** Code lines read, in today's line numbers, not counting stale reads. */
  read: number;
  percent: number;
  readRanges: Pair[];
  /** Code lines not read: what the gutter marks and "next unread" ranks. */
  unreadRanges: Pair[];
  /** Symbols changed (or removed) since they were read. */
  stale: StaleSymbol[];
  seconds: number;
}

export interface ModuleCoverage {
  id: string;
  lines: number;
  read: number;
  percent: number;
  files: number;
  filesRead: number;
}

export interface DiveCoverage {
  lines: number;
  read: number;
  percent: number;
  files: FileCoverage[];
  modules: ModuleCoverage[];
}

export function percentOf(read: number, lines: number): number {
  // A file with no code lines has nothing left to read.
  if (lines === 0) return 100;
  return Math.floor((read / lines) * 1000) / 10;
}

export interface FileCoverageInput {
  path: string;
  module: string;
  codeLines: readonly Pair[];
  reading?: FileReading;
  /** Today's text and symbols; without it, reads are taken as stored (no staleness check). */
  current?: CurrentFile;
}

export function fileCoverage(input: FileCoverageInput): FileCoverage {
  return fileCoverageWith(input).cov;
}

/** A file's coverage and its read spans whose code changed (what may have moved to another file). */
export function fileCoverageWith(input: FileCoverageInput): { cov: FileCoverage; pending: FollowedSpan[] } {
  const eff = effectiveReading(input.reading, input.current);
  const readRanges = intersectRanges(eff.ranges, input.codeLines);
  const lines = countLines(input.codeLines);
  const read = countLines(readRanges);
  const cov: FileCoverage = {
    path: input.path,
    module: input.module,
    lines,
    read,
    percent: percentOf(read, lines),
    readRanges,
    unreadRanges: subtractRanges(input.codeLines, readRanges),
    stale: eff.stale,
    seconds: input.reading?.seconds ?? 0,
  };
  return { cov, pending: eff.pending ?? [] };
}

export function summarize(files: FileCoverage[]): DiveCoverage {
  const modules = new Map<string, ModuleCoverage>();
  let lines = 0;
  let read = 0;
  for (const f of files) {
    lines += f.lines;
    read += f.read;
    let m = modules.get(f.module);
    if (!m) modules.set(f.module, (m = { id: f.module, lines: 0, read: 0, percent: 0, files: 0, filesRead: 0 }));
    m.lines += f.lines;
    m.read += f.read;
    m.files++;
    if (f.read === f.lines) m.filesRead++;
  }
  for (const m of modules.values()) m.percent = percentOf(m.read, m.lines);
  return {
    lines,
    read,
    percent: percentOf(read, lines),
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    modules: [...modules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

/** A file as it is now. `symbols` and `codeLines` are computed when absent. */
export interface FileSnapshot {
  text: string;
  symbols?: readonly SymbolInfo[];
  codeLines?: readonly Pair[];
}

/**
 * Returns today's content of a mapped file, or undefined when it cannot be read. `asMapped(file)`
 * says that today's text is the one the map hashed, so what is kept by that hash (code lines)
 * holds without reading the file again.
 */
export type SnapshotProvider = ((file: FileInfo) => Promise<FileSnapshot | undefined>) & { asMapped?: (file: FileInfo) => boolean };

/** Snapshots through the files seam: symbols and code lines come from the map unless the text is an edited buffer. */
export function snapshotsFrom(files: SourceFiles): SnapshotProvider {
  const provider: SnapshotProvider = async (file) => {
    const text = files.read(file.path);
    if (text === undefined) return undefined;
    if (files.edited(file.path)) return { text };
    return { text, symbols: file.symbols, ...(file.codeLineRanges ? { codeLines: file.codeLineRanges } : {}) };
  };
  provider.asMapped = (file) => !files.edited(file.path);
  return provider;
}

/** Reads from disk under root; symbols and code lines come from the map when it has them. */
export function diskSnapshots(root: string): SnapshotProvider {
  return snapshotsFrom(diskFiles(root));
}

/** Files of the map that are in the deep dive's scope. */
export function filesInScope(dive: DeepDive, files: readonly FileInfo[]): FileInfo[] {
  const m = scopeMatcher(dive.scope);
  return files.filter((f) => m.inScope(f.path));
}

/**
 * The coverage of files nobody read, by path, for a session's code-lines cache: it is a function of
 * the file's content hash and module alone, so after an edit only the edited file's is made again
 * (a million-line repository has thousands of such files, and views ask again on every save).
 * Shared objects: nothing changes them but moved reading (below), which works on copies.
 */
const unreadMemo = new WeakMap<CodeLinesCache, Map<string, { hash: string; module: string; cov: FileCoverage; codeLines: readonly Pair[] }>>();

/** `codeLines`: code lines by content hash, so that a file is parsed for them once per version. */
export async function computeCoverage(dive: DeepDive, map: Pick<RepoMap, 'files'>, snapshot: SnapshotProvider, codeLines?: CodeLinesCache): Promise<DiveCoverage> {
  const out: FileCoverage[] = [];
  const moves: MoveCandidate[] = [];
  /** Unread files whose code lines were known by hash: opened only if read code moved somewhere. */
  const unopened: { file: FileInfo; cov: FileCoverage; codeLines: readonly Pair[]; at: number }[] = [];
  let memo = codeLines && unreadMemo.get(codeLines);
  if (codeLines && !memo) unreadMemo.set(codeLines, (memo = new Map()));
  for (const file of filesInScope(dive, map.files)) {
    const asMapped = snapshot.asMapped?.(file) === true;
    const reading = getOwn(dive.reading, file.path);
    // A file nobody read needs only its code lines: when they are kept for the map's hash of
    // today's text, the file is not even opened (a status of a big repository reads a handful).
    const same = memo && asMapped && !reading ? memo.get(file.path) : undefined;
    if (same && same.hash === file.hash && same.module === file.module) {
      unopened.push({ file, cov: same.cov, codeLines: same.codeLines, at: out.length });
      out.push(same.cov);
      continue;
    }
    // The map's own parse gave them (map/extractFile.ts); older cached facts lack them.
    const known = asMapped && !reading ? (file.codeLineRanges ?? codeLines?.get(file.hash)) : undefined;
    if (known) {
      const cov = fileCoverage({ path: file.path, module: file.module, codeLines: known });
      memo?.set(file.path, { hash: file.hash, module: file.module, cov, codeLines: known });
      unopened.push({ file, cov, codeLines: known, at: out.length });
      out.push(cov);
      continue;
    }
    const snap = await snapshot(file);
    const text = snap?.text;
    // A file that vanished since the map was built has nothing left to read.
    const lines = snap?.codeLines ?? (text === undefined ? [] : codeLines ? await codeLines.of(file.path, text, file.language, asMapped ? file.hash : undefined) : await codeLinesOf(file.path, text, file.language));
    const current = text !== undefined ? { lines: splitLines(text), symbols: snap?.symbols ?? file.symbols } : undefined;
    const { cov, pending } = fileCoverageWith({ path: file.path, module: file.module, codeLines: lines, reading, current });
    out.push(cov);
    if (current) moves.push({ cov, codeLines: lines, pending, symbols: current.symbols, lines: current.lines });
  }
  // Reading follows code moved to another file (same lines, same order) before totals are made.
  if (moves.some((m) => m.pending.length)) {
    // Read code may have moved into a file not opened above: every file is a candidate then.
    for (const u of unopened) {
      const snap = await snapshot(u.file);
      if (snap?.text === undefined) continue;
      // Moved reading changes the coverage it credits: a copy, never the shared one.
      const cov: FileCoverage = { ...u.cov, readRanges: u.cov.readRanges.map(([a, b]) => [a, b]), unreadRanges: u.cov.unreadRanges.map(([a, b]) => [a, b]), stale: [...u.cov.stale] };
      out[u.at] = cov;
      moves.push({ cov, codeLines: u.codeLines, pending: [], symbols: snap.symbols ?? u.file.symbols, lines: splitLines(snap.text) });
    }
    // In the files' own order, as if every file had been opened.
    const order = new Map(out.map((c, i) => [c, i]));
    moves.sort((x, y) => order.get(x.cov)! - order.get(y.cov)!);
    followMovedCode(moves, percentOf);
  }
  return summarize(out);
}
