import * as vscode from 'vscode';
import type { UnreadPlace } from '../../core/coverage/nextUnread';
import type { DeepDiveContext } from '../deepDiveContext';
import { historyOf } from '../history/historyRegistry';
import type { CoverageService } from './coverageService';
import { dirtyBuffers } from '../workspace/dirtyBuffers';

/**
 * What to read next for one workspace folder: the core's ranking (closeness to entry points,
 * fan-in, size, hotspots), run in the folder's analysis worker on the dive's exact coverage, fed
 * near the entry points the worker found in the map and, in a trusted workspace only, hotspots
 * from git history (computed once and cached by the history service).
 */
export class ReadingPlan {
  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly cov: CoverageService,
  ) {}

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
    // The worker ranks on its map: make sure there is one.
    if (!this.cov.map) await model.map();
    const dive = model.dive;
    if (!dive) return [];
    const hotspots = await this.hotspots();
    // The worker ranks near the entry points it found itself: the routes never cross to this thread for it.
    const out = await model.analysis.rank({ overlay: dirtyBuffers(model.root), dive, ...(hotspots ? { hotspots } : {}), limit });
    this.ctx.log.info(`ranked unread code in ${Date.now() - t0} ms${hotspots ? ' (with hotspots)' : ''}`);
    return out;
  }
}
