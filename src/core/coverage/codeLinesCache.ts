// Code lines by content hash. Which lines hold code needs a parse of the whole file; a status,
// a report or the Overview asks for every file in scope, so without this each command parsed
// the whole repository again. Kept beside the map cache, keyed by the same content hash, so a
// file is parsed for its code lines once per version of its text, whichever command asks.
import * as path from 'node:path';
import { readCacheText, writeCacheFile } from '../cache/cacheFile';
import type { LanguageId } from '../parse/languages';
import { hashText } from '../map/processFile';
import { codeLinesOf } from './codeLines';
import type { Pair } from './ranges';

/** Bump when the rule for a code line changes (see codeLines.ts): old entries are then ignored. */
const VERSION = 1;
const FILE = 'codeLines.json';
/** Past this many entries, only those used since the cache was loaded are kept. */
const MAX_ENTRIES = 200_000;

interface Stored {
  version: number;
  /** hash → flat [start, end, start, end, …] */
  entries: Record<string, number[]>;
}

export function defaultCodeLinesCacheDir(root: string): string {
  return path.join(root, '.deepdive', 'cache', 'coverage');
}

export class CodeLinesCache {
  private entries = new Map<string, number[]>();
  private readonly used = new Set<string>();
  private dirty = false;
  private loaded = false;

  /** Without a folder the cache lives in memory only (the editor keeps one for its session). */
  /** `within`: the repository; the folder is neither read nor written when it resolves outside it. */
  constructor(
    private readonly dir?: string,
    private readonly within?: string,
  ) {}

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    if (!this.dir) return;
    try {
      const text = readCacheText(path.join(this.dir, FILE), this.within);
      if (text === undefined) return;
      const stored = JSON.parse(text) as Stored;
      if (stored && stored.version === VERSION && stored.entries && typeof stored.entries === 'object') this.entries = new Map(Object.entries(stored.entries));
    } catch {
      /* missing or unreadable: start empty */
    }
  }

  /** Code lines of this text, from the cache when its content was seen before. */
  async of(rel: string, text: string, language?: LanguageId, hash = hashText(text)): Promise<Pair[]> {
    const known = this.get(hash);
    if (known) return known;
    const lines = await codeLinesOf(rel, text, language);
    this.set(hash, lines);
    return lines;
  }

  get(hash: string): Pair[] | undefined {
    this.load();
    const flat = this.entries.get(hash);
    if (!flat) return undefined;
    this.used.add(hash);
    const out: Pair[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
    return out;
  }

  set(hash: string, lines: readonly Pair[]): void {
    this.load();
    const flat: number[] = [];
    for (const [a, b] of lines) flat.push(a, b);
    this.entries.set(hash, flat);
    this.used.add(hash);
    this.dirty = true;
  }

  /**
   * Writes atomically when something was added. A cache is a convenience: if the folder cannot be
   * written, or resolves outside `within` (a symlink planted in the repository), nothing is written.
   */
  save(within?: string): void {
    if (!this.dir || !this.dirty) return;
    try {
      let keep = this.entries;
      if (keep.size > MAX_ENTRIES) keep = new Map([...keep].filter(([h]) => this.used.has(h)));
      if (writeCacheFile(path.join(this.dir, FILE), JSON.stringify({ version: VERSION, entries: Object.fromEntries(keep) } satisfies Stored), within ?? this.within)) this.dirty = false;
    } catch {
      /* the next run parses again */
    }
  }
}
