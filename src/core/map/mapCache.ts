import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { LanguageId } from '../parse/languages';
import type { FileFacts } from './facts';

/** Bump when the facts' shape or extraction changes: old caches are then ignored. */
const ENGINE_VERSION = 1;

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  hash: string;
  language: LanguageId;
  facts: FileFacts;
}

interface CacheFile {
  version: string;
  entries: Record<string, CacheEntry>;
}

/**
 * One file per root holding every file's facts, keyed by path with size, mtime and content
 * hash. One v8-serialised blob loads far faster than thousands of small files.
 */
export class MapCache {
  readonly file: string;

  constructor(
    dir: string,
    private readonly version: string,
  ) {
    this.file = path.join(dir, 'files.bin');
  }

  static versionFor(querySources: string): string {
    let h = 0;
    for (let i = 0; i < querySources.length; i++) h = (Math.imul(h, 31) + querySources.charCodeAt(i)) | 0;
    return `${ENGINE_VERSION}:${h >>> 0}`;
  }

  load(): Map<string, CacheEntry> {
    try {
      const data = v8.deserialize(fs.readFileSync(this.file)) as CacheFile;
      if (data && data.version === this.version && data.entries) return new Map(Object.entries(data.entries));
    } catch {
      /* a missing or damaged cache is only a slower map */
    }
    return new Map();
  }

  save(entries: Map<string, CacheEntry>): void {
    try {
      const dir = path.dirname(this.file);
      fs.mkdirSync(dir, { recursive: true });
      // Keep the cache out of commits even where the repository does not ignore it.
      const ignoreFile = path.join(dir, '.gitignore');
      if (!fs.existsSync(ignoreFile)) fs.writeFileSync(ignoreFile, '*\n');
      const data: CacheFile = { version: this.version, entries: Object.fromEntries(entries) };
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, v8.serialize(data));
      fs.renameSync(tmp, this.file);
    } catch {
      /* a read-only tree still gets its map */
    }
  }
}
