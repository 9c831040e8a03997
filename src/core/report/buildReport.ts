// Everything a report needs, gathered from disk: the map (unless given), coverage, where notes
// and steps are now, entry points, history (git only when trusted) and the remote's address.
import type { SnapshotProvider } from '../coverage/coverage';
import { computeCoverage, snapshotsFrom } from '../coverage/coverage';
import type { SourceFiles } from '../files/sourceFiles';
import { diskFiles } from '../files/sourceFiles';
import { CodeLinesCache, defaultCodeLinesCacheDir } from '../coverage/codeLinesCache';
import { changedSinceRead, withCommits, withReadDiffs } from '../coverage/changedSinceRead';
import { entryPointsOf } from '../entry/entryCache';
import type { EntryPoint, EntryWarning } from '../entry/types';
import { analyzeHistory, unavailableHistory } from '../history/analyze';
import { defaultCacheDir } from '../history/cache';
import type { HistoryReport } from '../history/types';
import { buildMap } from '../map/buildMap';
import type { RepoMap } from '../map/types';
import type { DeepDive } from '../model/types';
import { resolveNoteLocations, resolveStepLocations } from '../notes/locations';
import { checkApiSpec } from '../apispec/checkRepo';
import type { ApiSpecCheck } from '../apispec/types';
import { gatherReport } from './gather';
import { readRemote } from './remote';
import { SUGGESTED_FLOW_LIMIT, suggestUntracedFlows } from './suggested';
import { ownScopesOf } from '../callgraph/suggestFlows';
import type { FlowMemo } from '../callgraph/flowMemo';
import type { ReportData } from './types';
import { dict } from '../ownKeys';
import { isWholeRepository } from '../walk/scope';

export interface BuildReportOptions {
  /** The map, when the caller has one (the editor keeps it up to date). */
  map?: RepoMap;
  /**
   * The map of the whole repository, for entry points and suggested flows when the deep dive has
   * a scope (default: built here when needed). A router mounted by a file outside the scope keeps
   * its full path (`POST /api/auth.config`, as `deepdive routes` says, not `POST /auth.config`).
   */
  wholeMap?: RepoMap;
  /** Workspace Trust: git runs only when true. */
  trusted: boolean;
  /** Coverage snapshots (the editor passes open documents); default: files on disk. */
  snapshot?: SnapshotProvider;
  /** Today's text of a file; default: through `files`. */
  readText?: (rel: string) => string | undefined;
  /** The files seam: coverage, note and step locations and entry points read through it (default: the disk under root). */
  files?: SourceFiles;
  /** Entry points already found; default: found now. */
  entries?: EntryPoint[];
  /** The route analysis' warnings, with `entries` (found now otherwise). */
  warnings?: EntryWarning[];
  /** History already read; default: read now (when trusted). */
  history?: HistoryReport;
  /** Code lines by content hash; default: the one in .deepdive/cache (unless noCache). */
  codeLines?: CodeLinesCache;
  /** Write nothing to .deepdive/cache (history). */
  noCache?: boolean;
  now?: Date;
  generator?: string;
  /** Routes to show suggested flows for when the deep dive has none from them (default SUGGESTED_FLOW_LIMIT; 0: none). */
  suggestedFlows?: number;
  /** Flows walked by earlier reports on the same map (the editor's analysis session keeps one). */
  flowMemo?: FlowMemo;
  /** The JSON and YAML files the API description check looks at (default: those a walk of root lists). */
  specFiles?: readonly string[];
  /** Called between the steps, for a progress bar. */
  onStep?: (step: string) => void;
}

/** The entry points registered in the scope's files, or whose handler is there. */
export function inScope(entries: readonly EntryPoint[], scoped: RepoMap): EntryPoint[] {
  const files = new Set(scoped.files.map((f) => f.path));
  return entries.filter((e) => files.has(e.file) || (!!e.handlerLocation && files.has(e.handlerLocation.file)));
}

export async function buildReport(root: string, dive: DeepDive, o: BuildReportOptions): Promise<ReportData> {
  const files = o.files ?? diskFiles(root);
  const readText = o.readText ?? ((rel: string) => files.read(rel));
  o.onStep?.('mapping');
  const map = o.map ?? (await buildMap({ root, scope: dive.scope.include.length ? dive.scope : undefined, cache: !o.noCache, entryFacts: true }));
  o.onStep?.('coverage');
  const codeLines = o.codeLines ?? new CodeLinesCache(o.noCache ? undefined : defaultCodeLinesCacheDir(root), root);
  const coverage = await computeCoverage(dive, map, o.snapshot ?? snapshotsFrom(files), codeLines);
  if (!o.codeLines) codeLines.save(root);
  const byPath = new Map(map.files.map((f) => [f.path, f]));
  const locate = { symbols: (p: string) => byPath.get(p)?.symbols, files: map.files.map((f) => f.path) };
  const notes = resolveNoteLocations(dive, readText, locate);
  const steps = resolveStepLocations(dive, readText, locate);
  o.onStep?.('entry points');
  let entries = o.entries;
  let warnings = o.warnings ?? [];
  // Routes and flows are found on the whole repository, then the routes of the scope are kept.
  const scoped = !isWholeRepository(dive.scope);
  // Entries handed in for a scoped dive are the whole repository's kept to the scope: their flows
  // run through the whole map, where they were found.
  let flowMap = scoped && o.wholeMap ? o.wholeMap : map;
  if (!entries) {
    try {
      flowMap = !scoped ? map : (o.wholeMap ?? (await buildMap({ root, cache: !o.noCache, entryFacts: true })));
      const found = await entryPointsOf(flowMap, files, { cacheDir: o.noCache ? false : undefined });
      entries = scoped ? inScope(found.entries, map) : found.entries;
      warnings = found.warnings ?? [];
    } catch (err) {
      entries = [];
      flowMap = map;
      warnings = [{ file: '.', reason: `route analysis failed: ${err instanceof Error ? err.message : String(err)}` }];
    }
  }
  o.onStep?.('suggested flows');
  const ownScopes = ownScopesOf(files);
  const suggested = suggestUntracedFlows(flowMap, entries, dive, o.suggestedFlows ?? SUGGESTED_FLOW_LIMIT, { ownScopes }, o.flowMemo?.flowsOf(flowMap, ownScopes));
  o.onStep?.('history');
  const modules: Record<string, string> = dict();
  for (const f of map.files) modules[f.path] = f.module;
  const history =
    o.history ??
    (await analyzeHistory(root, { trusted: o.trusted, modules, cacheDir: o.noCache ? undefined : defaultCacheDir(root), cacheWithin: root, files: false }).catch(
      (err: unknown): HistoryReport => unavailableHistory(`unavailable (${err instanceof Error ? err.message : String(err)})`),
    ));
  // Commits since each changed unit was read, and its diff from the version read: one git log
  // and one cat-file per file (only when trusted).
  const withLog = await withCommits(root, changedSinceRead(coverage), { trusted: o.trusted }).catch(() => changedSinceRead(coverage));
  const changed = await withReadDiffs(root, withLog, { trusted: o.trusted, readText }).catch(() => withLog);
  o.onStep?.('API description');
  let apiSpec: ApiSpecCheck | undefined;
  try {
    apiSpec = checkApiSpec(root, entries, o.specFiles);
  } catch {
    apiSpec = undefined; // a description that cannot be read leaves the report without the check, never without the report
  }
  o.onStep?.('writing');
  const data = gatherReport({ dive, map, coverage, notes, steps, entries, warnings, suggested, history, changed, remote: readRemote(root), readText, now: o.now, generator: o.generator });
  return apiSpec ? { ...data, apiSpec } : data;
}
