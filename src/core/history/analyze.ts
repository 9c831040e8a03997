import { saveState } from './cache';
import { fileComplexity } from './complexity';
import { hotspotCandidates, rankHotspots } from './hotspots';
import { DEFAULTS, assignModules, fileHistories, moduleHistories } from './knowledge';
import type { KnowledgeOptions } from './knowledge';
import { peopleOf } from './people';
import { repoInfo } from './repo';
import type { RepoInfo } from './repo';
import { updateState } from './update';
import type { HistoryReport } from './types';
import { dict, getOwn } from '../ownKeys';
import type { ComplexityCache } from './complexity';
import { prefetchComplexity, recentlyChanged } from './complexityPrefetch';

export interface HistoryOptions extends KnowledgeOptions {
  /** Workspace Trust: when false, no git process is started and the report says so. */
  trusted: boolean;
  /** What repoInfo(root, trusted) said, when the caller has just asked: git is not asked twice. */
  info?: RepoInfo;
  /**
   * Root-relative path → module id (the map's files[].module). Without it: top-level folders.
   * As a function it is called while git runs (a cold history's git log takes long to start
   * writing): the caller's walk then costs no wall time beside it.
   */
  modules?: Record<string, string> | (() => Record<string, string> | undefined | Promise<Record<string, string> | undefined>);
  /** Cache folder (e.g. defaultCacheDir(root)); none: always cold, nothing written. */
  cacheDir?: string;
  /** Write the cache only if cacheDir resolves inside this folder (pass root when the cache lives in the repository). */
  cacheWithin?: string;
  /** Window for hotspot churn, days (default 365: a quarter is often too quiet to rank). */
  hotspotDays?: number;
  /** How many hotspots to rank (each costs a parse). */
  maxHotspots?: number;
  /**
   * Called once, before a cold history's first complexity parse, with how many files it is about
   * to parse (the likely hotspots): a caller that owns its process may tune the runtime for so
   * many (the CLI's V8 flags).
   */
  beforeParses?: (files: number) => void;
  /** Skip the per-file list (it can be long). */
  files?: boolean;
  timeoutMs?: number;
}

/** The report of a history that cannot be read (untrusted, no git, failed): empty, with the reason. */
export function unavailableHistory(reason: string | undefined, o: Pick<HistoryOptions, 'sinceDays' | 'hotspotDays'> = {}, started = Date.now()): HistoryReport {
  return {
    available: false,
    partial: false,
    reason,
    sinceDays: o.sinceDays ?? DEFAULTS.sinceDays,
    hotspotDays: o.hotspotDays ?? 365,
    modules: [],
    files: [],
    hotspots: [],
    people: [],
    stats: { ms: Date.now() - started, commitsProcessed: 0, commitsTotal: 0, incremental: false },
  };
}

/**
 * Owners, churn, bus factor per module and file, hotspots and people, from the repository's
 * history at HEAD. Never throws for a missing, empty, shallow or untrusted repository: the
 * report says `available: false` (or `partial: true`) with the reason.
 */
export async function analyzeHistory(root: string, o: HistoryOptions): Promise<HistoryReport> {
  const started = Date.now();
  const info = o.info ?? (await repoInfo(root, o.trusted));
  if (!info.available) return unavailableHistory(info.reason, o, started);
  const now = o.now ?? Date.now();
  const hotspotDays = o.hotspotDays ?? 365;
  const maxHotspots = o.maxHotspots ?? 2000;
  let given = typeof o.modules === 'function' ? undefined : o.modules;
  const modulesFn = typeof o.modules === 'function' ? o.modules : undefined;
  let prefetched: Promise<ComplexityCache> | undefined;
  const up = await updateState(root, info, {
    cacheDir: o.cacheDir,
    ...(o.cacheWithin ? { cacheWithin: o.cacheWithin } : {}),
    timeoutMs: o.timeoutMs,
    whileGitRuns: async (fromScratch) => {
      // From scratch, no complexity is cached: parse the likely hotspots while git reads the log.
      // Git names them while the walk runs.
      const names = fromScratch ? recentlyChanged(root, info, hotspotDays, now) : undefined;
      if (modulesFn) given = await modulesFn();
      if (names) {
        const mapped = given;
        prefetched = prefetchComplexity(root, names, (p) => (mapped ? getOwn(mapped, p) !== undefined : true), maxHotspots, o.beforeParses);
      }
      // The report's names are sorted with localeCompare, whose collator ICU builds on its first
      // use (15 to 40 ms): built now, while git writes the log, not after git's last byte.
      setImmediate(() => 'a'.localeCompare('b'));
    },
  });
  // With a map, every mapped file counts (a module of uncommitted files shows with no owners).
  const moduleOf = assignModules(given ? Object.keys(given) : Object.keys(up.state.files), given);
  const modules = moduleHistories(up.state, moduleOf, { ...o, now });
  const files = o.files === false ? [] : fileHistories(up.state, moduleOf, { ...o, now });
  const candidates = hotspotCandidates(up.state, moduleOf, now, hotspotDays, maxHotspots);
  const cxCache = (up.state.complexity ??= dict());
  const cxBefore = JSON.stringify(cxCache);
  if (prefetched) {
    const guessed = await prefetched;
    for (const c of candidates) {
      const hit = getOwn(guessed, c.path);
      if (hit && !getOwn(cxCache, c.path)) cxCache[c.path] = hit;
    }
  }
  const hotspots = rankHotspots(candidates, await fileComplexity(root, candidates.map((c) => c.path), cxCache), moduleOf);
  for (const p of Object.keys(cxCache)) if (!up.state.files[p]) delete cxCache[p];
  if (o.cacheDir && !up.problem && (!up.unchanged || JSON.stringify(cxCache) !== cxBefore)) saveState(o.cacheDir, up.state, o.cacheWithin);
  const people = peopleOf(up.state, modules, now, o.inactiveDays ?? DEFAULTS.inactiveDays);
  const partial = info.partial || !!up.problem;
  return {
    available: true,
    partial,
    reason: up.problem ? `partial (${up.problem})` : info.reason,
    sinceDays: o.sinceDays ?? DEFAULTS.sinceDays,
    hotspotDays,
    modules,
    files,
    hotspots,
    people,
    stats: { ms: Date.now() - started, commitsProcessed: up.commitsProcessed, commitsTotal: up.state.commits, incremental: up.incremental, head: info.head },
  };
}
