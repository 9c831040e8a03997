// What the analysis worker does: owns the map session of one workspace folder and computes,
// from the one full map it keeps, everything heavy the editor asks for — entry points (once per
// map version and set of unsaved buffers), suggested flows, the module map's coverage, the
// report. Runs in a worker thread (analysisWorker.ts) or, without a worker bundle, in-process.
import { createHash } from 'node:crypto';
import { ownScopesOf } from '../callgraph/suggestFlows';
import { FlowMemo } from '../callgraph/flowMemo';
import { computeCoverage, snapshotsFrom } from '../coverage/coverage';
import { CodeLinesCache } from '../coverage/codeLinesCache';
import { codeLinesOf } from '../coverage/codeLines';
import type { EntryRef } from '../coverage/nextUnread';
import { entryRefsOf, nextUnread } from '../coverage/nextUnread';
import type { ApiSpecCheck } from '../apispec/types';
import { checkApiSpec, specCandidates } from '../apispec/checkRepo';
import { walk } from '../walk/walker';
import { entryPointsOf } from '../entry/entryCache';
import { parseFile } from '../map/extractFile';
import { languageForPath } from '../parse/languages';
import type { EntryPoint, EntryPointsResult } from '../entry/types';
import type { SourceFiles } from '../files/sourceFiles';
import { diskFiles, overlayFiles } from '../files/sourceFiles';
import { MapSession } from '../map/mapSession';
import type { RepoMap } from '../map/types';
import { buildReport, inScope } from '../report/buildReport';
import { buildMap } from '../map/buildMap';
import { graphModules, layoutModuleView } from '../report/moduleGraph';
import { renderReport } from '../report/render';
import { layoutsPlaced } from '../report/layout';
import { defaultLayoutCacheDir, loadLayouts, saveLayouts } from '../report/layoutCache';
import type { Scope } from '../walk/scope';
import { isWholeRepository } from '../walk/scope';
import { DeltaWriter } from './mapDelta';
import type { Op, Ops, Overlay } from './protocol';

export interface EngineOptions {
  root: string;
  /** Map cache folder (default: the session's, under .deepdive/cache). */
  cacheDir?: string;
  cache?: boolean;
  /** Parser threads for a cold map (default: the session's). */
  workers?: number;
}

/** Entry points per chunk sent to the editor (about 650 bytes each). */
const ENTRY_CHUNK = 100;

export type Progress = (p: { done?: number; total?: number; step?: string }) => void;

function overlayKey(overlay: Overlay): string {
  const keys = Object.keys(overlay).sort();
  if (!keys.length) return '';
  const h = createHash('sha1');
  for (const k of keys) h.update(k).update('\u0000').update(overlay[k]).update('\u0000');
  return h.digest('hex');
}

export class AnalysisEngine {
  private session?: MapSession;
  private scopeKey = '';
  private building?: Promise<RepoMap>;
  private map?: RepoMap;
  private readonly delta = new DeltaWriter();
  private entriesFor?: { map: RepoMap; key: string; result: Promise<EntryPointsResult> };
  /** The session's scope when it is not the whole repository. */
  private scope?: Scope;
  /** The whole repository's map for a scoped session, built once per version of the scoped map. */
  private wholeFor?: { scoped: RepoMap; whole: Promise<RepoMap> };
  private apiSpecFor?: { entries: EntryPointsResult; generation: number; check: ApiSpecCheck | undefined };
  /** The last entry points announced to the editor, cut in chunks it pulls one at a time. */
  private readonly entryChunks = new Map<number, { result: EntryPointsResult; chunks: EntryPoint[][] }>();
  private entryChunkId = 0;
  /** Code lines by content hash for the session: coverage and the report parse a file for them once. */
  private readonly codeLines = new CodeLinesCache();
  /** Suggested flows of the current map's routes: a report walks only those no report walked yet. */
  private readonly flowMemo = new FlowMemo();
  private layoutsLoaded = false;
  private specList?: { generation: number; files: string[] };

  constructor(private readonly opts: EngineOptions) {}

  async handle<K extends Op>(op: K, args: Ops[K]['args'], progress: Progress, signal: AbortSignal): Promise<Ops[K]['result']> {
    const a = args as never;
    switch (op) {
      case 'map':
        return (await this.mapOp(a, progress, signal)) as Ops[K]['result'];
      case 'update':
        return (await this.updateOp(a)) as Ops[K]['result'];
      case 'chunk': {
        const { version, index } = args as Ops['chunk']['args'];
        const c = this.delta.chunk(version, index);
        if (!c) throw new Error(`map delta ${version} chunk ${index} is gone`);
        return c as Ops[K]['result'];
      }
      case 'entries': {
        // Announced, then pulled in chunks: 1,020 routes in one message took the editor's thread
        // about 60 ms to read (a loaded 2-core machine); a chunk takes a few.
        const result = await this.entries((args as Ops['entries']['args']).overlay);
        const { entries, ...head } = result;
        let sent = [...this.entryChunks].find(([, c]) => c.result === result);
        if (!sent) {
          const chunks: EntryPoint[][] = [];
          for (let i = 0; i < entries.length; i += ENTRY_CHUNK) chunks.push(entries.slice(i, i + ENTRY_CHUNK));
          sent = [++this.entryChunkId, { result, chunks }];
          this.entryChunks.set(...sent);
          // A few answers stay pullable (two views may pull at once, with and without a buffer).
          for (const old of this.entryChunks.keys()) if (this.entryChunks.size > 4) this.entryChunks.delete(old);
        }
        return { id: sent[0], head, chunks: sent[1].chunks.length } as Ops[K]['result'];
      }
      case 'entryChunk': {
        const { id, index } = args as Ops['entryChunk']['args'];
        const c = this.entryChunks.get(id)?.chunks[index];
        if (!c) throw new Error(`entry points ${id} chunk ${index} is gone`);
        return c as Ops[K]['result'];
      }
      case 'apiSpec':
        {
        const { overlay, generation } = args as Ops['apiSpec']['args'];
        return (await this.apiSpec(overlay, generation ?? 0)) as Ops[K]['result'];
      }
      case 'flow':
        return (await this.flow(a)) as Ops[K]['result'];
      case 'moduleGraph':
        return (await this.moduleGraph(a)) as Ops[K]['result'];
      case 'moduleLayout': {
        const { modules, view } = args as Ops['moduleLayout']['args'];
        const edges = this.current().edges;
        return (await this.withLayouts(async () => layoutModuleView(modules, edges, view))) as Ops[K]['result'];
      }
      case 'report':
        return (await this.report(a, progress)) as Ops[K]['result'];
      case 'preview': {
        const { csp, styleNonce, ...rest } = args as Ops['preview']['args'];
        const data = await this.report(rest, progress);
        progress({ step: 'rendering' });
        return { title: data.dive.title, html: await this.withLayouts(() => renderReport(data, 'html', { csp, styleNonce })) } as Ops[K]['result'];
      }
      case 'rank': {
        const { overlay, dive, entries, hotspots, limit } = args as Ops['rank']['args'];
        const map = this.current();
        const cov = await computeCoverage(dive, map, snapshotsFrom(this.files(overlay)), this.codeLines);
        return nextUnread({ files: cov.files, map, entries: entries ?? (await this.entryRefs(overlay)), ...(hotspots ? { hotspots } : {}), limit }) as Ops[K]['result'];
      }
      case 'analyze': {
        const { rel, text, symbols } = args as Ops['analyze']['args'];
        const language = languageForPath(rel);
        const codeLines = await codeLinesOf(rel, text, language);
        return { codeLines, ...(symbols && language ? { symbols: (await parseFile(rel, text, language)).symbols } : {}) } as Ops[K]['result'];
      }
      case 'close':
        this.dispose();
        return undefined as Ops[K]['result'];
    }
    throw new Error(`unknown analysis request '${String(op)}'`);
  }

  private async mapOp(args: Ops['map']['args'], progress: Progress, signal: AbortSignal): Promise<Ops['map']['result']> {
    const scope: Scope | undefined = args.scope && args.scope.include.length ? args.scope : undefined;
    const key = JSON.stringify(scope ?? null);
    if (this.session && key !== this.scopeKey) {
      this.session.dispose();
      this.session = undefined;
      this.building = undefined;
      this.map = undefined;
      this.entriesFor = undefined;
      this.wholeFor = undefined;
      this.delta.reset();
    }
    if (!this.building) {
      this.scopeKey = key;
      this.scope = scope && !isWholeRepository(scope) ? scope : undefined;
      const session = new MapSession({
        root: this.opts.root,
        scope,
        signal,
        ...(this.opts.cache !== undefined ? { cache: this.opts.cache } : {}),
        ...(this.opts.cacheDir ? { cacheDir: this.opts.cacheDir } : {}),
        ...(this.opts.workers !== undefined ? { workers: this.opts.workers } : {}),
        onProgress: (done, total) => progress({ done, total }),
        // The editor shows the entry points of every map it builds.
        entryFacts: true,
      });
      this.session = session;
      this.building = session.build().catch((err) => {
        if (this.session === session) {
          this.session = undefined;
          this.building = undefined;
        }
        session.dispose();
        throw err;
      });
    }
    const map = await this.building;
    this.map = map;
    return this.delta.next(map);
  }

  private async updateOp(args: Ops['update']['args']): Promise<Ops['update']['result']> {
    if (!this.session || !this.building) throw new Error('no map to update');
    await this.building;
    const map = await this.session.update(args.paths);
    this.map = map;
    return this.delta.next(map);
  }

  private current(): RepoMap {
    if (!this.map) throw new Error('no map yet');
    return this.map;
  }

  private files(overlay: Overlay): SourceFiles {
    const disk = diskFiles(this.opts.root);
    return Object.keys(overlay).length ? overlayFiles(disk, (rel) => overlay[rel]) : disk;
  }

  entries(overlay: Overlay): Promise<EntryPointsResult> {
    const map = this.current();
    const key = overlayKey(overlay);
    const known = this.entriesFor;
    if (known && known.map === map && known.key === key) return known.result;
    // The content-hash cache (.deepdive/cache/entry) answers a workspace opened again at once.
    const opts = this.opts.cache === false ? { cacheDir: false as const } : {};
    const files = this.files(overlay);
    // A scoped session's routes are found on the whole repository (a router mounted by code outside
    // the scope keeps its prefix), then the scope's are kept — as the report and the CLI do.
    const result = this.scope
      ? this.wholeMap(map).then(async (whole) => {
          const found = await entryPointsOf(whole, files, opts);
          return { ...found, entries: inScope(found.entries, map) };
        })
      : entryPointsOf(map, files, opts);
    this.entriesFor = { map, key, result };
    result.catch(() => {
      if (this.entriesFor?.result === result) this.entriesFor = undefined;
    });
    return result;
  }

  /**
   * The whole repository's map beside a scoped session's: from the map cache once warm, rebuilt
   * when the scoped map changes (a save), so the routes follow edits outside the scope too.
   */
  private wholeMap(scoped: RepoMap): Promise<RepoMap> {
    if (this.wholeFor?.scoped === scoped) return this.wholeFor.whole;
    const whole = buildMap({
      root: this.opts.root,
      ...(this.opts.cache !== undefined ? { cache: this.opts.cache } : {}),
      ...(this.opts.cacheDir ? { cacheDir: this.opts.cacheDir } : {}),
      ...(this.opts.workers !== undefined ? { workers: this.opts.workers } : {}),
      entryFacts: true,
    });
    this.wholeFor = { scoped, whole };
    whole.catch(() => {
      if (this.wholeFor?.whole === whole) this.wholeFor = undefined;
    });
    return whole;
  }

  /** Where each entry point's handler is, for ranking; none when entry points cannot be found. */
  private async entryRefs(overlay: Overlay): Promise<EntryRef[]> {
    try {
      return entryRefsOf((await this.entries(overlay)).entries);
    } catch {
      return [];
    }
  }

  /**
   * Checked once per entry-point answer and generation: the documents are found by a walk of the
   * folder, and an edit that leaves the routes alone need not walk again; a refresh (a new
   * generation) does, since an OpenAPI file is not a source file the map would notice.
   */
  private async apiSpec(overlay: Overlay, generation: number): Promise<ApiSpecCheck | undefined> {
    const result = await this.entries(overlay);
    const known = this.apiSpecFor;
    if (known?.entries === result && known.generation === generation) return known.check;
    const check = checkApiSpec(this.opts.root, result.entries, this.specFiles(generation));
    this.apiSpecFor = { entries: result, generation, check };
    return check;
  }

  /**
   * The JSON and YAML files an API description may be, found by a walk of the whole folder once
   * per generation: they are not source files the map watches, so the check and the report look
   * again when the user refreshes (a new generation), as the Entry Points view's check does. A walk
   * of a real service took about as long as the rest of a warm preview.
   */
  private specFiles(generation?: number): string[] {
    const g = generation ?? this.specList?.generation ?? 0;
    if (this.specList?.generation !== g) this.specList = { generation: g, files: specCandidates(walk({ root: this.opts.root })) };
    return this.specList.files;
  }

  private async flow(args: Ops['flow']['args']): Promise<Ops['flow']['result']> {
    const map = this.current();
    const r = await this.entries(args.overlay);
    const entry = r.entries.find((e) => e.id === args.entry);
    if (!entry) return undefined;
    // A scoped session's flow runs through the whole repository, where its route was found. The
    // call graph and the flows walked are the report's (flowMemo): a trace, then a preview, build
    // the graph once per map.
    const flowMap = this.scope ? await this.wholeMap(map) : map;
    return this.flowMemo.flowsOf(flowMap, ownScopesOf(this.files(args.overlay)))([entry])[0];
  }

  private async moduleGraph(args: Ops['moduleGraph']['args']): Promise<Ops['moduleGraph']['result']> {
    const map = this.current();
    const files = this.files(args.overlay);
    const coverage = args.dive ? await computeCoverage(args.dive, map, snapshotsFrom(files), this.codeLines) : undefined;
    let entryFiles: string[] = [];
    try {
      entryFiles = (await this.entries(args.overlay)).entries.map((e) => e.handlerLocation?.file ?? e.file);
    } catch {
      // The map still draws without its entry-point marks.
    }
    const noteFiles = (args.dive?.notes ?? []).flatMap((n) => (n.target.type === 'code' ? [n.target.anchor.path] : []));
    return graphModules(map, coverage, entryFiles, noteFiles);
  }

  /**
   * Runs work that lays out the module graph with the layouts `deepdive report` keeps on disk
   * (.deepdive/cache/report): dagre took seconds on a real service's graph at the first preview of
   * every session. Loaded once per session; saved when dagre placed a new one.
   */
  private async withLayouts<T>(work: () => Promise<T>): Promise<T> {
    const dir = this.opts.cache === false ? undefined : defaultLayoutCacheDir(this.opts.root);
    if (dir && !this.layoutsLoaded) {
      loadLayouts(dir);
      this.layoutsLoaded = true;
    }
    const before = layoutsPlaced();
    const result = await work();
    if (dir && layoutsPlaced() !== before) saveLayouts(dir, this.opts.root);
    return result;
  }

  private async report(args: Ops['report']['args'] | Omit<Ops['preview']['args'], 'csp' | 'styleNonce'>, progress: Progress): Promise<Ops['report']['result']> {
    const map = this.current();
    let found: EntryPointsResult | undefined;
    // The session's map holds the scope only: a router mounted outside it would lose its prefix.
    // buildReport then finds the routes on the whole repository, as `deepdive report` does.
    const whole = !isWholeRepository(args.dive.scope) && this.scope ? await this.wholeMap(map).catch(() => undefined) : undefined;
    // The session's own entry points are the report's when the dive's scope is the session's (the
    // whole repository's routes, kept to the scope): the same objects each time, so the flows
    // walked for an earlier report or trace are found again in the memo.
    if (isWholeRepository(args.dive.scope) || (whole && this.sameScope(args.dive.scope))) {
      try {
        found = await this.entries(args.overlay);
      } catch {
        found = undefined; // buildReport finds them again and reports why it could not
      }
    }
    return buildReport(this.opts.root, args.dive, {
      map,
      ...(whole ? { wholeMap: whole } : {}),
      files: this.files(args.overlay),
      codeLines: this.codeLines,
      flowMemo: this.flowMemo,
      trusted: args.trusted,
      generator: args.generator,
      ...(found ? { entries: found.entries, warnings: found.warnings ?? [] } : {}),
      specFiles: this.specFiles(),
      onStep: (step) => progress({ step }),
    });
  }

  /** True when `scope` is the one this session was mapped with. */
  private sameScope(scope: Scope): boolean {
    return JSON.stringify(scope.include.length ? scope : null) === this.scopeKey;
  }

  dispose(): void {
    this.session?.dispose();
    this.session = undefined;
  }
}
