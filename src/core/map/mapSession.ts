import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeepDiveError } from '../errors';
import { LANGUAGE_IDS, languageForPath } from '../parse/languages';
import { relativeInside } from '../paths';
import type { Scope } from '../walk/scope';
import { scopeMatcher } from '../walk/scope';
import type { WalkResult } from '../walk/walker';
import { DEFAULT_MAX_BYTES, walk } from '../walk/walker';
import type { ParsedFile } from './assemble';
import { Assembler } from './assemble';
import type { CacheEntry, SkipEntry } from './mapCache';
import { MapCache } from './mapCache';
import type { ParseOutcome } from './processFile';
import { processFile } from './processFile';
import { languageKit } from './extractFile';
import { querySource } from './queries';
import { attachEntryFacts } from './mapEntryFacts';
import { EntryWarmUp } from './entryWarmUp';
import { wantsJsFileEntry } from '../entry/jsFileEntry';
import { isPassEntry, wantsPassEntry } from '../entry/passEntry';
import { mayBeFrameworkSpec, readsRoutersInFull } from '../entry/frameworkPackages';
import { importSpecs } from '../entry/interp/routeReach';
import type { RepoMap } from './types';
import { defaultWorkerCount, EarlyPool, parseAll } from './workerPool';
import { dict } from '../ownKeys';

export interface MapOptions {
  root: string;
  scope?: Scope;
  /** Read and write the per-file cache (default true). */
  cache?: boolean;
  /** Default: <root>/.deepdive/cache/map. */
  cacheDir?: string;
  /** Worker threads for parsing (default: one per core, at most 8; 0 parses in-process). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * Also extract each JS/TS file's entry facts from its tree (entry/jsFileEntry.ts), for a caller
   * that will ask for the entry points (routes, flows, the report, the editor). Off for the map
   * alone: on library code the extraction costs more than the parse. A cached file without them
   * is parsed again when they are asked for. Where no package.json declares a web framework they
   * are extracted lazily (router facts only from files whose text may import one), and in full
   * after all, in a second pass of the workers, when a file does import one (frameworkPackages.ts).
   */
  entryFacts?: boolean;
}

/**
 * Whether a kept entry has the entry facts its file would get (see MapOptions.entryFacts): any,
 * when they are asked for lazily; all, when not (a lazily extracted one lacks its router facts).
 */
function lacksEntryFacts(e: CacheEntry, path: string, lazy: boolean): boolean {
  // A Go, Java or Kotlin file's pass record (passEntry.ts): any the cache kept, even one the pass may find stale (it then reads that file itself).
  if (wantsPassEntry(e.language, path)) return e.encoded ? e.encoded[2] === '' : !e.facts.entry;
  if (!wantsJsFileEntry(e.language, path)) return false;
  if (e.encoded ? e.encoded[2] === '' : !e.facts.entry) return true;
  // The head says so (mapCache.ts encodeFacts): the entry facts themselves are read only when used.
  return !lazy && (e.facts.entryLazy === true || (!e.encoded && !isPassEntry(e.facts.entry) && e.facts.entry?.lazy === true));
}

/**
 * The Go files a Go file's record resolves its imports against (passEntry.ts), with `plus` (a
 * file an update is adding, if it is one). The pass checks each record against the files it links.
 */
function goFilesOf(files: readonly { path: string; language: string }[], plus?: string): string[] {
  const out = files.filter((f) => f.language === 'go').map((f) => f.path);
  if (plus !== undefined && plus.endsWith('.go') && !out.includes(plus)) out.push(plus);
  return out;
}

/** Below this much source to parse, threads cost more than they save (when workers is not set). */
const IN_PROCESS_BYTES = 1 << 20;

function cacheVersion(): string {
  const sources = LANGUAGE_IDS.map((l) => querySource(l, 'tags') + querySource(l, 'imports')).join('\n');
  return MapCache.versionFor(sources);
}

/** The map cache a session under `root` uses by default. */
export function defaultMapCache(root: string): MapCache {
  return new MapCache(path.join(root, '.deepdive', 'cache', 'map'), cacheVersion, root);
}

/**
 * A map kept alive between edits: `build()` maps the repository (workers, cache), `update()`
 * re-maps only the files that changed, in-process, and re-assembles from kept facts.
 */
export class MapSession {
  readonly root: string;
  private readonly entries = new Map<string, CacheEntry>();
  private readonly skips = new Map<string, SkipEntry>();
  private walked?: WalkResult;
  private readonly assembler: Assembler;
  private readonly cache?: MapCache;
  private dirty = false;
  private disposed = false;
  /**
   * How entry facts are asked of the workers, decided per build (MapOptions.entryFacts): in full
   * where a package.json declares a web framework (frameworkPackages.ts), else lazily.
   */
  private entryMode: true | 'lazy' | undefined;

  constructor(private readonly opts: MapOptions) {
    const root = path.resolve(opts.root);
    let st: fs.Stats;
    try {
      st = fs.statSync(root);
    } catch {
      throw new DeepDiveError('root folder does not exist', root);
    }
    if (!st.isDirectory()) throw new DeepDiveError('root is not a folder', root);
    this.root = root;
    this.assembler = new Assembler(root);
    if (opts.cache !== false) this.cache = opts.cacheDir ? new MapCache(opts.cacheDir, cacheVersion()) : defaultMapCache(root);
  }

  async build(): Promise<RepoMap> {
    const t0 = performance.now();
    const prior = this.cache ? this.cache.load() : new Map<string, CacheEntry>();
    const priorSkips = this.cache ? this.cache.skipped : new Map<string, SkipEntry>();
    // With nothing cached nearly every file will be parsed: the threads start during the walk,
    // as soon as it has found enough source to be worth them, so that their start and their
    // grammar loads overlap with the rest of the walk.
    const early = prior.size === 0 && this.opts.workers !== 0 ? new EarlyPool(this.opts.workers ?? defaultWorkerCount(), this.opts.workers ? 0 : IN_PROCESS_BYTES) : undefined;
    try {
      return await this.buildWith(t0, prior, priorSkips, early);
    } finally {
      void early?.close();
    }
  }

  private async buildWith(t0: number, prior: Map<string, CacheEntry>, priorSkips: Map<string, SkipEntry>, early: EarlyPool | undefined): Promise<RepoMap> {
    const walked = walk({ root: this.root, scope: this.opts.scope, ...(early ? { onFile: early.onFile } : {}) });
    const pool = early?.pool;
    this.walked = walked;
    this.entryMode = this.opts.entryFacts ? (readsRoutersInFull(this.root, walked.files) ? true : 'lazy') : undefined;
    const skipped = { ...walked.skipped };
    this.entries.clear();
    this.skips.clear();
    const tasks: (Parameters<typeof processFile>[0] & { size: number })[] = [];
    const goFiles = this.entryMode ? goFilesOf(walked.files) : undefined;
    let cachedCount = 0;
    for (const f of walked.files) {
      let old = prior.get(f.path);
      if (old && this.entryMode && lacksEntryFacts(old, f.path, this.entryMode === 'lazy')) old = undefined;
      if (old && old.size === f.size && old.mtimeMs === f.mtimeMs && old.language === f.language) {
        this.entries.set(f.path, old);
        cachedCount++;
        continue;
      }
      const skip = priorSkips.get(f.path);
      if (skip && skip.size === f.size && skip.mtimeMs === f.mtimeMs) {
        // Minified and generated files stay skipped without being read again.
        skipped[skip.reason] = (skipped[skip.reason] ?? 0) + 1;
        this.skips.set(f.path, skip);
      } else {
        tasks.push({ path: f.path, abs: f.abs, language: f.language, size: f.size, ...(old ? { knownHash: old.hash } : {}), ...(this.entryMode ? { entryFacts: this.entryMode } : {}), ...(goFiles && wantsPassEntry(f.language, f.path) ? { goFiles } : {}) });
      }
    }
    const byPath = new Map(walked.files.map((f) => [f.path, f]));
    let done = cachedCount;
    const total = walked.files.length;
    this.opts.onProgress?.(done, total);
    let parsed = 0;
    const parsedNow = new Set<string>();
    let newSkips = 0;
    // Entry facts asked for and parsed by threads: decoded here while the threads work (entryWarmUp.ts).
    const warmUp = this.entryMode ? new EntryWarmUp() : undefined;
    const onResult = (r: ParseOutcome) => {
      done++;
      const w = byPath.get(r.path)!;
      if ('skip' in r) {
        skipped[r.skip] = (skipped[r.skip] ?? 0) + 1;
        this.skips.set(r.path, { size: w.size, mtimeMs: w.mtimeMs, reason: r.skip });
        newSkips++;
      }
      else if ('unchanged' in r) {
        this.entries.set(r.path, { ...prior.get(r.path)!, size: w.size, mtimeMs: w.mtimeMs });
        cachedCount++;
      } else {
        this.entries.set(r.path, { size: w.size, mtimeMs: w.mtimeMs, hash: r.hash, language: w.language, facts: r.facts, ...(r.encoded ? { encoded: r.encoded } : {}) });
        parsed++;
        parsedNow.add(r.path);
        // Not a lazily extracted file's: the second pass below may replace it.
        if (r.encoded && r.encoded[2] !== '' && !r.facts.entryLazy) warmUp?.add(r.facts);
      }
      if (done % 64 === 0 || done === total) this.opts.onProgress?.(done, total);
    };
    // A worker costs a thread start plus its own grammar and query compilation (~0.25 s): a few
    // touched or edited files (a warm run after a checkout) are done sooner on this thread.
    let taskBytes = 0;
    for (const t of tasks) taskBytes += t.size;
    const workers = this.opts.workers ?? (taskBytes < IN_PROCESS_BYTES ? 0 : (pool?.size ?? defaultWorkerCount()));
    try {
      await parseAll(tasks, { workers, onResult, signal: this.opts.signal, ...(pool && workers > 0 ? { pool } : {}) });
    } finally {
      warmUp?.stop();
    }
    // Asked lazily, yet a file imports a framework after all (no package.json here declares it):
    // then nearly every file may be linked to a router, and the workers extract the rest in full
    // now, rather than the entry-point pass on its own thread (frameworkPackages.ts).
    if (this.entryMode === 'lazy' && this.importsFramework()) {
      this.entryMode = true;
      const again: typeof tasks = [];
      for (const f of walked.files) {
        const e = this.entries.get(f.path);
        if (e && lacksEntryFacts(e, f.path, false)) again.push({ path: f.path, abs: f.abs, language: f.language, size: f.size, entryFacts: true });
      }
      let againBytes = 0;
      for (const t of again) againBytes += t.size;
      const againWorkers = this.opts.workers ?? (againBytes < IN_PROCESS_BYTES ? 0 : (pool?.size ?? defaultWorkerCount()));
      const onAgain = (r: ParseOutcome): void => {
        if (!('facts' in r)) return;
        const w = byPath.get(r.path)!;
        // A file the first pass parsed is counted once.
        if (!parsedNow.has(r.path)) parsed++;
        this.entries.set(r.path, { size: w.size, mtimeMs: w.mtimeMs, hash: r.hash, language: w.language, facts: r.facts, ...(r.encoded ? { encoded: r.encoded } : {}) });
        if (r.encoded && r.encoded[2] !== '') warmAgain.add(r.facts);
      };
      const warmAgain = new EntryWarmUp();
      try {
        await parseAll(again, { workers: againWorkers, onResult: onAgain, signal: this.opts.signal, ...(pool && againWorkers > 0 ? { pool } : {}) });
      } finally {
        warmAgain.stop();
      }
    }
    // A touched but unchanged file is only re-hashed next time: not worth rewriting the cache.
    if (this.cache && (parsed > 0 || newSkips > 0 || prior.size !== this.entries.size || priorSkips.size !== this.skips.size)) this.cache.save(this.entries, this.skips);
    this.skippedByContent = skipped;
    const map = this.assemble(performance.now() - t0, parsed, cachedCount);
    // The first save after a build would otherwise pay for loading grammars and compiling
    // queries on this thread; do it now, off the critical path.
    const present = new Set(walked.files.map((f) => f.language));
    setTimeout(() => {
      if (!this.disposed) for (const l of present) void languageKit(l).catch(() => undefined);
    }, 0).unref?.();
    return map;
  }

  private skippedByContent: Record<string, number> = dict();

  /** Whether a kept JS/TS file's full entry facts import what may be a framework package (only files whose text may have them: few, when asked lazily). */
  private importsFramework(): boolean {
    for (const [p, e] of this.entries) {
      if (!wantsJsFileEntry(e.language, p) || e.facts.entryLazy) continue;
      const entry = e.facts.entry;
      const facts = isPassEntry(entry) ? undefined : entry?.facts;
      if (facts && [...importSpecs(facts)].some(mayBeFrameworkSpec)) return true;
    }
    return false;
  }

  /** What the last build walked (folders and files with their size and time). */
  get walkResult(): WalkResult | undefined {
    return this.walked;
  }

  /** What import resolution read on disk besides the walk (folders listed, files read): a cached answer depends on them too. */
  get resolverReads(): { dirs: ReadonlySet<string>; files: ReadonlySet<string> } {
    return this.assembler.diskReads;
  }

  /**
   * Re-maps after edits: each path (absolute or root-relative) is re-read, or dropped when it is
   * gone; new files in scope join the map. Cheap enough to call on every save.
   */
  async update(changedPaths: string[]): Promise<RepoMap> {
    if (!this.walked) return this.build();
    const t0 = performance.now();
    const scope = scopeMatcher(this.opts.scope);
    let parsed = 0;
    const walked = this.walked;
    for (const p of changedPaths) {
      const rel = relativeInside(this.root, path.resolve(this.root, p));
      if (rel === undefined || rel === '') continue;
      // A remembered content skip is only true of the old bytes; the next build reads it again.
      if (this.skips.delete(rel)) this.dirty = true;
      const language = languageForPath(rel);
      const idx = walked.files.findIndex((f) => f.path === rel);
      let st: fs.Stats | undefined;
      try {
        st = fs.statSync(path.join(this.root, rel));
      } catch {
        st = undefined;
      }
      // Keep the walker's folder listings true: resolution reads them.
      const slash = rel.lastIndexOf('/');
      const listing = walked.listings.get(slash === -1 ? '' : rel.slice(0, slash));
      if (listing) {
        if (st?.isFile()) listing.set(rel.slice(slash + 1), 'file');
        else if (!st) listing.delete(rel.slice(slash + 1));
      }
      if (!st || !st.isFile() || !language || !scope.inScope(rel) || st.size > DEFAULT_MAX_BYTES) {
        if (idx !== -1) walked.files.splice(idx, 1);
        this.entries.delete(rel);
        continue;
      }
      const abs = path.join(this.root, rel);
      let old = this.entries.get(rel);
      if (old && this.entryMode && lacksEntryFacts(old, rel, this.entryMode === 'lazy')) old = undefined;
      const goFiles = this.entryMode && wantsPassEntry(language, rel) ? goFilesOf(walked.files, rel) : undefined;
      const r = await processFile({ path: rel, abs, language, ...(old ? { knownHash: old.hash } : {}), ...(this.entryMode ? { entryFacts: this.entryMode } : {}), ...(goFiles ? { goFiles } : {}) });
      if ('skip' in r) {
        if (idx !== -1) walked.files.splice(idx, 1);
        this.entries.delete(rel);
        continue;
      }
      if (idx === -1) {
        walked.files.push({ path: rel, abs, language, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs });
        walked.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      }
      if ('unchanged' in r) this.entries.set(rel, { ...old!, size: st.size, mtimeMs: st.mtimeMs });
      else {
        this.entries.set(rel, { size: st.size, mtimeMs: st.mtimeMs, hash: r.hash, language, facts: r.facts });
        parsed++;
      }
      this.dirty = true;
    }
    return this.assemble(performance.now() - t0, parsed, this.entries.size - parsed);
  }

  /** Writes the cache if updates changed it (the editor calls this when idle or on close). */
  flush(): void {
    if (this.cache && this.dirty) this.cache.save(this.entries, this.skips);
    this.dirty = false;
  }

  dispose(): void {
    if (this.disposed) return;
    this.flush();
    this.disposed = true;
    this.entries.clear();
  }

  private assemble(ms: number, filesParsed: number, filesCached: number): RepoMap {
    const files: ParsedFile[] = [];
    for (const f of this.walked!.files) {
      const e = this.entries.get(f.path);
      if (e) files.push({ path: f.path, language: f.language, hash: e.hash, facts: e.facts });
    }
    const t = performance.now();
    const map = this.assembler.assemble(files, this.walked!, { ms: 0, filesParsed, filesCached, skipped: this.skippedByContent });
    const factsByPath = new Map(files.map((f) => [f.path, f.facts]));
    attachEntryFacts(
      map,
      (p) => {
        const e = factsByPath.get(p)?.entry;
        return isPassEntry(e) ? undefined : e;
      },
      (p) => {
        const e = factsByPath.get(p)?.entry;
        return isPassEntry(e) ? e : undefined;
      },
    );
    map.stats.ms = Math.round(ms + (performance.now() - t));
    return map;
  }
}
