// The editor's history for one folder, without `vscode`: the trust gate, caching and
// single-flight around the core's git readers. Kept free of the editor API so that the trust
// gate can be proven in plain Node (the service that wraps it injects the editor's trust).
import { analyzeHistory, lineOrigins, repoInfo, unavailableHistory, UNTRUSTED_REASON } from '../../core/history/index';
import type { HistoryOptions, HistoryReport, Hotspot, LineOriginsResult } from '../../core/history/index';

type Analyze = (root: string, opts: HistoryOptions) => Promise<HistoryReport>;
type Origins = (root: string, file: string, start: number, end: number, opts: { trusted: boolean; timeoutMs?: number }) => Promise<LineOriginsResult>;
type Probe = (root: string, trusted: boolean) => Promise<{ available: boolean; partial: boolean; reason?: string; head?: string }>;

export interface HistoryEngineDeps {
  root: string;
  /** Asked before every git call: Workspace Trust as the editor sees it now. */
  trusted: () => boolean;
  /** Root-relative path → module id, from the map when there is one. */
  modules?: () => Promise<Record<string, string> | undefined>;
  cacheDir?: string;
  /** The core functions; tests replace them to count calls. */
  analyze?: Analyze;
  origins?: Origins;
  probe?: Probe;
}

export interface Availability {
  available: boolean;
  partial: boolean;
  reason?: string;
}

/** What a hotspot consumer needs ("read these first"), best first. */
export type HotspotScore = Pick<Hotspot, 'path' | 'score' | 'churn' | 'complexity'>;

const MAX_ORIGINS_CACHED = 500;
/** A "no history here" answer is asked again after this long (the folder may just have become a repository). */
const NEGATIVE_PROBE_MS = 15_000;

export function untrustedReport(): HistoryReport {
  return unavailableHistory(UNTRUSTED_REASON);
}

export class HistoryEngine {
  private generation = 0;
  private probed: { gen: number; promise: Promise<Availability>; expires: number } | undefined;
  private computing: { gen: number; promise: Promise<HistoryReport> } | undefined;
  private last: HistoryReport | undefined;
  private lastGen = -1;
  private readonly origins = new Map<string, Promise<LineOriginsResult>>();
  private readonly analyze: Analyze;
  private readonly blame: Origins;
  private readonly probe: Probe;

  constructor(private readonly deps: HistoryEngineDeps) {
    this.analyze = deps.analyze ?? analyzeHistory;
    this.blame = deps.origins ?? lineOrigins;
    this.probe = deps.probe ?? repoInfo;
  }

  get root(): string {
    return this.deps.root;
  }

  /** The last finished report, without starting work. */
  get lastReport(): HistoryReport | undefined {
    return this.last;
  }

  /** The last report is of the current generation: report() answers without work. */
  get fresh(): boolean {
    return this.last !== undefined && this.lastGen === this.generation;
  }

  /** Everything known is stale (HEAD moved, trust was granted, the modules changed). */
  invalidate(): void {
    this.generation++;
    this.probed = undefined;
    this.computing = undefined;
    this.origins.clear();
  }

  /** Whether history can be read here: one cheap git call, none at all when untrusted. */
  availability(): Promise<Availability> {
    if (!this.deps.trusted()) return Promise.resolve({ available: false, partial: false, reason: UNTRUSTED_REASON });
    if (this.probed?.gen !== this.generation || Date.now() > this.probed.expires) {
      const gen = this.generation;
      const probed: { gen: number; promise: Promise<Availability>; expires: number } = { gen, promise: Promise.resolve({ available: false, partial: false }), expires: Infinity };
      probed.promise = this.probe(this.deps.root, true).then(
        (i) => {
          if (!i.available) probed.expires = Date.now() + NEGATIVE_PROBE_MS;
          return { available: i.available, partial: i.partial, reason: i.reason };
        },
        (err: unknown) => {
          probed.expires = Date.now() + NEGATIVE_PROBE_MS;
          return { available: false, partial: false, reason: `unavailable (${err instanceof Error ? err.message : String(err)})` };
        },
      );
      this.probed = probed;
    }
    return this.probed.promise;
  }

  /** Owners, churn, hotspots and people; computed once per generation, concurrent callers share it. */
  report(): Promise<HistoryReport> {
    if (!this.deps.trusted()) return Promise.resolve(untrustedReport());
    if (this.computing?.gen === this.generation) return this.computing.promise;
    const gen = this.generation;
    const promise = (async () => {
      const modules = await this.deps.modules?.().catch(() => undefined);
      // Trust can only be granted, never revoked without a reload, but ask again: the map may have taken long.
      if (!this.deps.trusted()) return untrustedReport();
      const report = await this.analyze(this.deps.root, {
        trusted: true,
        // "Read these first" needs the top of the list; each candidate costs a parse (cached by stat).
        maxHotspots: 500,
        ...(modules ? { modules } : {}),
        ...(this.deps.cacheDir ? { cacheDir: this.deps.cacheDir, cacheWithin: this.deps.root } : {}),
      });
      if (gen === this.generation) {
        this.last = report;
        this.lastGen = gen;
      }
      return report;
    })();
    this.computing = { gen, promise };
    // A failed run is not cached: the next caller tries again.
    promise.catch(() => {
      if (this.computing?.promise === promise) this.computing = undefined;
    });
    return promise;
  }

  /** The commits that made lines start..end (1-based, inclusive) of a file at HEAD, cached per HEAD. */
  lineOrigins(path: string, start: number, end: number): Promise<LineOriginsResult> {
    if (!this.deps.trusted()) return Promise.resolve({ available: false, partial: false, reason: UNTRUSTED_REASON, origins: [] });
    const key = `${path}\n${start}\n${end}`;
    let p = this.origins.get(key);
    if (!p) {
      p = this.blame(this.deps.root, path, start, end, { trusted: true });
      if (this.origins.size >= MAX_ORIGINS_CACHED) this.origins.delete(this.origins.keys().next().value as string);
      this.origins.set(key, p);
      p.catch(() => this.origins.delete(key));
    } else {
      // Most recently used last, so that the oldest entry is the one dropped.
      this.origins.delete(key);
      this.origins.set(key, p);
    }
    return p;
  }

  /** Hotspots (churn × complexity), best first; empty when history is unavailable. */
  async hotspots(): Promise<HotspotScore[]> {
    const report = await this.report();
    return report.hotspots.map((h) => ({ path: h.path, score: h.score, churn: h.churn, complexity: h.complexity }));
  }
}
