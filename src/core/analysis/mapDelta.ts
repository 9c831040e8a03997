// The editor's copy of the map, sent from the analysis worker as deltas. The full map (calls,
// import details, member types) stays in the worker, where entry points, flows, coverage and
// the report run; the editor's thread gets what its views read (files with their symbols and
// code lines, modules, edges) and only the files that changed since the last copy it got.
import type { FileInfo, RepoMap } from '../map/types';

/** A map without its files: small, sent whole with every version. */
export type MapHead = Omit<RepoMap, 'files'>;

export interface MapDelta {
  version: number;
  /** True when the editor must drop its copy first (a new scope, a new session). */
  reset: boolean;
  head: MapHead;
  /** Every file's path, in the map's order. */
  order: string[];
  /** Files new or changed since the last delta, in chunks the editor pulls one at a time. */
  chunks: number;
}

/** What the editor's thread keeps of a file: no calls, import details nor member types. */
export function slimFile(f: FileInfo): FileInfo {
  return {
    path: f.path,
    language: f.language,
    lines: f.lines,
    codeLines: f.codeLines,
    ...(f.codeLineRanges ? { codeLineRanges: f.codeLineRanges } : {}),
    module: f.module,
    imports: f.imports,
    importDetails: [],
    symbols: f.symbols,
    calls: [],
    parseErrors: f.parseErrors,
    hash: f.hash,
  };
}

/** Everything slimFile keeps is decided by these (symbols and lines by the content hash). */
function fileKey(f: FileInfo): string {
  return `${f.hash}\u0000${f.language}\u0000${f.module}\u0000${f.imports.join('\u0000')}`;
}

/**
 * Symbols per chunk: one chunk must deserialize on the editor's thread well within its budget
 * (tens of microseconds a symbol on a loaded 2-core machine).
 */
const CHUNK_SYMBOLS = 600;
const CHUNK_FILES = 200;

/** The worker's side: remembers what the editor holds and cuts the next delta. */
export class DeltaWriter {
  private sent = new Map<string, string>();
  private version = 0;
  private pending: FileInfo[][] = [];
  private pendingVersion = -1;

  /** Forgets what the editor holds: the next delta is the whole map. */
  reset(): void {
    this.sent.clear();
  }

  next(map: RepoMap): MapDelta {
    const reset = this.sent.size === 0;
    const now = new Map<string, string>();
    const changed: FileInfo[] = [];
    for (const f of map.files) {
      const k = fileKey(f);
      now.set(f.path, k);
      if (this.sent.get(f.path) !== k) changed.push(f);
    }
    this.sent = now;
    this.version++;
    const chunks: FileInfo[][] = [];
    let cur: FileInfo[] = [];
    let symbols = 0;
    for (const f of changed) {
      cur.push(slimFile(f));
      symbols += f.symbols.length;
      if (symbols >= CHUNK_SYMBOLS || cur.length >= CHUNK_FILES) {
        chunks.push(cur);
        cur = [];
        symbols = 0;
      }
    }
    if (cur.length) chunks.push(cur);
    this.pending = chunks;
    this.pendingVersion = this.version;
    const { files: _files, ...head } = map;
    return { version: this.version, reset, head, order: map.files.map((f) => f.path), chunks: chunks.length };
  }

  /** One chunk of the latest delta; undefined when a newer delta replaced it. */
  chunk(version: number, index: number): FileInfo[] | undefined {
    if (version !== this.pendingVersion) return undefined;
    return this.pending[index];
  }
}

/** The editor's side: applies deltas to its copy. */
export class DeltaReader {
  private files = new Map<string, FileInfo>();

  /** Starts a delta; then `add` each chunk and `finish`. */
  begin(delta: MapDelta): void {
    if (delta.reset) this.reset();
  }

  /** Forgets the copy (the worker that sent it is gone). */
  reset(): void {
    this.files = new Map();
  }

  add(chunk: readonly FileInfo[]): void {
    for (const f of chunk) this.files.set(f.path, f);
  }

  finish(delta: MapDelta): RepoMap {
    const files: FileInfo[] = [];
    const next = new Map<string, FileInfo>();
    for (const p of delta.order) {
      const f = this.files.get(p);
      if (!f) throw new Error(`map delta ${delta.version}: no data for ${p}`);
      files.push(f);
      next.set(p, f);
    }
    this.files = next;
    return { ...delta.head, files };
  }
}
