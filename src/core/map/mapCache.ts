import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { LanguageId } from '../parse/languages';
import type { FileFacts } from './facts';
import { dict, getOwn } from '../ownKeys';
import { JS_FILE_ENTRY_VERSION } from '../entry/jsFileEntry';
import { DeepDiveError } from '../errors';
import { buildStamp } from '../cache/buildStamp';
import { markOwned, openCacheFile, prepareCacheDir, readCacheBytes, readExactly, tempNameFor, writeIgnoreFile } from '../cache/cacheFile';
import type { CallInfo, SymbolInfo } from './types';
import { PASS_ENTRY_VERSION, isPassEntry } from '../entry/passEntry';

/** Bump when the facts' shape or extraction changes: old caches are then ignored. */
const ENGINE_VERSION = 31;

export interface CacheEntry {
  size: number;
  mtimeMs: number;
  hash: string;
  language: LanguageId;
  facts: FileFacts;
  /** The facts as stored, kept so that an unchanged entry is not encoded again (body read lazily). */
  encoded?: StoredFacts;
}

/** A file's facts as three JSON texts: the head, the body (symbols, calls) and the entry facts ('' when none). */
export type EncodedFacts = [head: string, body: string, entry: string];
/** The same, with body and entry facts read from the bodies file only when asked for. */
export type StoredFacts = [head: string, body: string | (() => string), entry: string | (() => string)];

/**
 * Body at [start, start + length) of bodies.bin (bytes), the entry facts right after it
 * ([start + length, start + length + entryLength)).
 */
type StoredEntry = [size: number, mtimeMs: number, hash: string, language: LanguageId, head: string, bodyStart: number, bodyLength: number, entryLength: number];

/** A file the map skipped for its content (minified, generated…): not re-read while unchanged. */
export interface SkipEntry {
  size: number;
  mtimeMs: number;
  reason: string;
}

interface CacheFile {
  version: string;
  skipped?: Record<string, [size: number, mtimeMs: number, reason: string]>;
  /** Also the first bytes of bodies.bin: the two files belong together only when they match. */
  generation: string;
  entries: Record<string, StoredEntry>;
}

const GEN_BYTES = 16;


/**
 * The bodies file, read in one piece the first time any body is needed (a warm map that only
 * counts never reads it). The descriptor is opened at load, so a later rewrite of the cache by
 * another process cannot swap the bytes under us.
 */
class BodyStore {
  private buf?: Buffer;

  constructor(
    private fd: number | undefined,
    private readonly size: number,
    private readonly place: string,
  ) {}

  get(start: number, length: number): string {
    if (!this.buf) {
      const fd = this.fd!;
      let buf: Buffer | undefined;
      try {
        buf = readExactly(fd, 0, this.size);
      } finally {
        fs.closeSync(fd);
        this.fd = undefined;
      }
      // load() checked every entry lies within `size`; a shorter read means the file was cut
      // under us (not by our writers: they rename). Said in one line, not a JSON error later.
      if (!buf) throw new DeepDiveError('the map cache changed while it was read; run again', this.place);
      this.buf = buf;
    }
    return this.buf.toString('utf8', start, start + length);
  }
}

interface StoredCalls {
  c: string[];
  l: number[];
  /** Index of the caller in `symbols`, -1 at top level: callers are always symbol paths. */
  k: number[];
}

/**
 * Facts are stored per file as two JSON strings: a head the map needs at once (lines, imports,
 * counts) and a body with symbols and calls (calls in columns), decoded only when someone reads
 * them. A few thousand strings deserialise far faster than a million small objects.
 */
export function encodeFacts(facts: FileFacts): EncodedFacts {
  const index = new Map<string, number>();
  facts.symbols.forEach((s, i) => {
    if (!index.has(s.path)) index.set(s.path, i);
  });
  const calls: StoredCalls = { c: [], l: [], k: [] };
  for (const c of facts.calls) {
    calls.c.push(c.callee);
    calls.l.push(c.line);
    calls.k.push(c.caller === undefined ? -1 : (index.get(c.caller) ?? -1));
  }
  // Everything but symbols, calls and entry facts goes in the head, so fields added to FileFacts survive.
  const { symbols, calls: _calls, entry, ...rest } = facts;
  // A lazily extracted entry is marked in the head, which is always read: a session that wants every file's router facts tells it without reading the entry.
  const head = { ...rest, symbolCount: symbols.length, ...(entry && !isPassEntry(entry) && entry.lazy ? { entryLazy: true as const } : {}) };
  return [JSON.stringify(head), JSON.stringify({ symbols, calls }), entry ? JSON.stringify(entry) : ''];
}

/**
 * `damaged`: what to do when a lazily read part does not parse (a cache planted or damaged with
 * the right generation and lengths); it throws. Without it the JSON error itself is thrown.
 */
export function decodeFacts(head: string, body: string | (() => string), entry: string | (() => string) = '', damaged?: (what: string) => never): FileFacts {
  const facts = JSON.parse(head) as FileFacts;
  const parse = <T>(text: string, what: string): T => {
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      if (damaged) damaged(what);
      throw err;
    }
  };
  // Only the entry-point pass reads them, and only when its answer is not cached.
  let entryFacts: FileFacts['entry'] | null = null;
  Object.defineProperty(facts, 'entry', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (entryFacts === null) {
        const text = typeof entry === 'string' ? entry : entry();
        entryFacts = text ? parse<FileFacts['entry']>(text, 'entry facts') : undefined;
      }
      return entryFacts;
    },
  });
  let decoded: { symbols: SymbolInfo[]; calls: CallInfo[] } | undefined;
  const decode = () => {
    if (!decoded) {
      const raw = parse<{ symbols: SymbolInfo[]; calls: StoredCalls }>(typeof body === 'string' ? body : body(), 'symbols');
      const { c, l, k } = raw.calls;
      const calls: CallInfo[] = new Array(c.length);
      for (let i = 0; i < c.length; i++) calls[i] = k[i] >= 0 ? { callee: c[i], line: l[i], caller: raw.symbols[k[i]].path } : { callee: c[i], line: l[i] };
      decoded = { symbols: raw.symbols, calls };
    }
    return decoded;
  };
  Object.defineProperty(facts, 'symbols', { enumerable: true, configurable: true, get: () => decode().symbols });
  Object.defineProperty(facts, 'calls', { enumerable: true, configurable: true, get: () => decode().calls });
  return facts;
}

/** One file per root holding every file's facts, keyed by path with size, mtime and content hash. */
export class MapCache {
  readonly file: string;

  /**
   * `within`: the repository the folder belongs to; nothing is read or written when the folder
   * resolves outside it (a `.deepdive/cache` link shipped by the repository). Without it, a
   * folder the caller chose (tests, benchmarks).
   */
  /**
   * `version` may be given as a function: it is then asked only when an index is read or written.
   * The default one hashes every query source, which a command that finds no index (a cold
   * `history`, which only looks the files up) need not pay for.
   */
  constructor(
    dir: string,
    version: string | (() => string),
    private readonly within?: string,
  ) {
    this.file = path.join(dir, 'files.bin');
    this.versionOf = version;
  }

  private versionOf: string | (() => string);

  private get version(): string {
    if (typeof this.versionOf === 'function') this.versionOf = this.versionOf();
    return this.versionOf;
  }

  private get place(): string {
    return this.within ? path.relative(this.within, this.file).split(path.sep).join('/') : this.file;
  }

  /**
   * A part that passed the generation and length checks does not parse: the files are not ours
   * (planted) or were damaged on disk. They are removed so that the next run starts cold, and
   * the command stops with one line instead of a JSON error from deep inside the map.
   */
  private damaged = (what: string): never => {
    try {
      fs.rmSync(this.file, { force: true });
      fs.rmSync(this.bodiesFile, { force: true });
    } catch {
      /* read-only: the message still says what to remove */
    }
    throw new DeepDiveError(`the map cache was damaged (${what} do not parse) and was removed; run again (or delete .deepdive/cache/map)`, this.place);
  };

  /** The index when it is of this version and shaped as this code writes it. */
  private readIndex(): CacheFile | undefined {
    const bytes = readCacheBytes(this.file, this.within);
    if (!bytes) return undefined;
    const data = v8.deserialize(bytes) as CacheFile;
    if (!data || typeof data !== 'object' || data.version !== this.version || !data.entries || typeof data.entries !== 'object' || typeof data.generation !== 'string') return undefined;
    return data;
  }

  /** The bodies file, open, when it is of `generation` and long enough for every entry of the index. */
  private openBodies(data: CacheFile): { fd: number; size: number } | undefined {
    const opened = openCacheFile(this.bodiesFile, this.within, 'any');
    if (!opened) return undefined;
    const gen = opened.size >= GEN_BYTES ? readExactly(opened.fd, 0, GEN_BYTES) : undefined;
    if (!gen || gen.toString('latin1') !== data.generation) {
      fs.closeSync(opened.fd);
      return undefined;
    }
    return opened;
  }

  static versionFor(querySources: string): string {
    let h = 0;
    for (let i = 0; i < querySources.length; i++) h = (Math.imul(h, 31) + querySources.charCodeAt(i)) | 0;
    // The entry facts' version too, and the build: a change to their extraction re-extracts them
    // even where nobody bumped a number.
    return `${ENGINE_VERSION}:${JS_FILE_ENTRY_VERSION}:${PASS_ENTRY_VERSION}:${buildStamp()}:${h >>> 0}`;
  }

  private get bodiesFile(): string {
    return path.join(path.dirname(this.file), 'bodies.bin');
  }

  /** The index as lookup() read it (see there). */
  private index?: CacheFile;

  /** Content-skipped files as of the last load(). */
  skipped = new Map<string, SkipEntry>();

  load(): Map<string, CacheEntry> {
    const out = new Map<string, CacheEntry>();
    this.skipped = new Map();
    let fd: number | undefined;
    try {
      const data = this.readIndex();
      if (!data) return out;
      const opened = this.openBodies(data);
      if (!opened) return out;
      fd = opened.fd;
      for (const [p, [size, mtimeMs, reason]] of Object.entries(data.skipped ?? {})) this.skipped.set(p, { size, mtimeMs, reason });
      const entries = Object.entries(data.entries);
      // Every entry must lie within the bodies file: a cut file is a miss now, not a JSON error later.
      for (const [, e] of entries) {
        const [, , , , head, start, length, entryLength] = e;
        if (typeof head !== 'string' || !Number.isInteger(start) || !Number.isInteger(length) || !Number.isInteger(entryLength ?? 0) || start < GEN_BYTES || start + length + (entryLength ?? 0) > opened.size) {
          fs.closeSync(fd);
          fd = undefined;
          this.skipped.clear();
          return out;
        }
      }
      const bodies = new BodyStore(fd, opened.size, this.place);
      fd = undefined;
      for (const [p, [size, mtimeMs, hash, language, head, start, length, entryLength]] of entries) {
        const body = () => bodies.get(start, length);
        const entry = entryLength ? () => bodies.get(start + length, entryLength) : '';
        out.set(p, { size, mtimeMs, hash, language, facts: decodeFacts(head, body, entry, this.damaged), encoded: [head, body, entry] });
      }
    } catch {
      /* a missing or damaged cache is only a slower map */
      if (fd !== undefined) fs.closeSync(fd);
      out.clear();
      this.skipped.clear();
    }
    return out;
  }

  /**
   * One file's facts when the cache holds them for exactly this content (its hash), without
   * loading every entry: a command about one file (note add, read) needs only its symbols, and a
   * parse costs a query compile and the parse itself (0.3–0.6 s) where this costs a read.
   */
  lookup(rel: string, hash: string): FileFacts | undefined {
    try {
      // The index is read once per instance: `import` looks up every file a scanner named.
      const data = (this.index ??= this.readIndex());
      if (!data) return undefined;
      const e = getOwn(data.entries, rel); // names are data: a file called `__proto__` is a file
      if (!Array.isArray(e) || e[2] !== hash) return undefined;
      const [, , , , head, start, length, entryLength] = e;
      const opened = this.openBodies(data);
      if (!opened) return undefined;
      try {
        const buf = readExactly(opened.fd, start, length + (entryLength ?? 0));
        if (!buf) return undefined;
        const facts = decodeFacts(head, buf.toString('utf8', 0, length), buf.toString('utf8', length));
        void facts.symbols; // decode now: a damaged body is a miss, not a later throw
        void facts.entry;
        return facts;
      } finally {
        fs.closeSync(opened.fd);
      }
    } catch {
      return undefined; // no cache, another version or damaged: the caller parses
    }
  }

  save(entries: Map<string, CacheEntry>, skipped?: ReadonlyMap<string, SkipEntry>): void {
    let tmpBodies: string | undefined;
    let tmp: string | undefined;
    try {
      const dir = path.dirname(this.file);
      if (!prepareCacheDir(dir, this.within)) return;
      // Keep the cache out of commits even where the repository does not ignore it ('wx': never
      // through a link planted under that name).
      writeIgnoreFile(dir);
      const generation = crypto.randomBytes(12).toString('base64url'); // GEN_BYTES characters
      const stored: Record<string, StoredEntry> = dict();
      const parts: string[] = [generation];
      let offset = GEN_BYTES;
      for (const [p, e] of entries) {
        e.encoded ??= encodeFacts(e.facts);
        const body = typeof e.encoded[1] === 'string' ? e.encoded[1] : e.encoded[1]();
        const entry = typeof e.encoded[2] === 'string' ? e.encoded[2] : e.encoded[2]();
        const length = Buffer.byteLength(body, 'utf8');
        const entryLength = Buffer.byteLength(entry, 'utf8');
        stored[p] = [e.size, e.mtimeMs, e.hash, e.language, e.encoded[0], offset, length, entryLength];
        parts.push(body, entry);
        offset += length + entryLength;
      }
      // Bodies first: a heads file never points at bodies of another generation. Two writers
      // interleaving leave an index and bodies of different generations: a miss, never a mix.
      // Temp names unique per write (cacheFile.ts): pid alone was shared by threads and by
      // processes of two containers on one folder, which then wrote into one temp file.
      tmpBodies = tempNameFor(this.bodiesFile);
      fs.writeFileSync(tmpBodies, parts.join(''), { flag: 'wx' });
      fs.renameSync(tmpBodies, this.bodiesFile);
      tmpBodies = undefined;
      tmp = tempNameFor(this.file);
      const skips: NonNullable<CacheFile['skipped']> = dict();
      for (const [p, k] of skipped ?? []) skips[p] = [k.size, k.mtimeMs, k.reason];
      fs.writeFileSync(tmp, v8.serialize({ version: this.version, generation, entries: stored, skipped: skips } satisfies CacheFile), { flag: 'wx' });
      fs.renameSync(tmp, this.file);
      tmp = undefined;
      // The index is stamped ours; the bodies need no stamp: they must carry the index's random generation.
      markOwned(this.file);
    } catch {
      /* a read-only or full tree still gets its map; no temp file stays behind */
      for (const t of [tmpBodies, tmp]) {
        try {
          if (t) fs.rmSync(t, { force: true });
        } catch {
          /* the folder went away */
        }
      }
    }
  }
}

