import * as vscode from 'vscode';
import type { EntryRef, UnreadPlace } from '../../core/coverage/nextUnread';
import type { RepoMap } from '../../core/map/types';
import type { DeepDiveContext } from '../deepDiveContext';
import { historyOf } from '../history/historyRegistry';
import type { CoverageService } from './coverageService';
import { dirtyBuffers } from '../workspace/dirtyBuffers';

/**
 * What to read next for one workspace folder: the core's ranking (closeness to entry points,
 * fan-in, size, hotspots), run in the folder's analysis worker on the dive's exact coverage, fed
 * with entry points found in the map and, in a trusted workspace only, hotspots from git history.
 * Both are computed once per map and cached.
 */
export class ReadingPlan {
  private entries = new WeakMap<RepoMap, Promise<EntryRef[]>>();

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly cov: CoverageService,
  ) {}

  private entryRefs(map: RepoMap): Promise<EntryRef[]> {
    let p = this.entries.get(map);
    if (!p) {
      // The analysis worker finds them (once per map version, shared with the Entry Points view).
      const model = this.cov.model;
      p = model.analysis
        .entries(dirtyBuffers(model.root))
        .then((r) =>
          r.entries.map((e) => {
            const h = e.handlerLocation;
            if (h && h.symbol !== '<inline>') return { file: h.file, symbol: h.symbol, line: h.range.start };
            if (h) return { file: h.file, line: h.range.start };
            return { file: e.file, line: e.line };
          }),
        )
        .catch((err) => {
          this.ctx.log.warn(`entry points not found, ranking without them: ${err instanceof Error ? err.message : String(err)}`);
          return [];
        });
      this.entries.set(map, p);
    }
    return p;
  }

  /**
   * Hotspots 0..1 by path; never in an untrusted workspace (git could run repository config).
   * The folder's one history service computes them (shared with the People view, cached, read
   * again when HEAD moves).
   */
  private hotspots(): Promise<Record<string, number> | undefined> {
    if (!vscode.workspace.isTrusted) return Promise.resolve(undefined);
    return historyOf(this.ctx, this.cov.model)
      .hotspots()
      .then((hs) => {
        if (!hs.length) return undefined;
        const max = Math.max(...hs.map((h) => h.score));
        return Object.fromEntries(hs.map((h) => [h.path, max > 0 ? h.score / max : 0]));
      })
      .catch((err) => {
        this.ctx.log.warn(`history not available for ranking: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      });
  }

  /** The most valuable unread places, best first: ranked in the analysis worker on exact coverage. */
  async places(limit = 5): Promise<UnreadPlace[]> {
    const t0 = Date.now();
    const model = this.cov.model;
    const map = this.cov.map ?? (await model.map());
    const dive = model.dive;
    if (!dive) return [];
    const [entries, hotspots] = await Promise.all([this.entryRefs(map), this.hotspots()]);
    const out = await model.analysis.rank({ overlay: dirtyBuffers(model.root), dive, entries, ...(hotspots ? { hotspots } : {}), limit });
    this.ctx.log.info(`ranked unread code in ${Date.now() - t0} ms (${entries.length} entry points${hotspots ? ', hotspots' : ''})`);
    return out;
  }
}
