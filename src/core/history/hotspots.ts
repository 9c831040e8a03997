import type { FileState, HistoryState } from './state';
import type { Hotspot } from './types';

const DAY_S = 86_400;

/** Commits that touched a file in the last `days` days before now (epoch ms). */
export function fileChurn(f: FileState, now: number, days: number): number {
  const nowDay = Math.floor(now / 1000 / DAY_S);
  let n = 0;
  for (const d of f.days) if (nowDay - d < days) n++;
  return n;
}

/** Files worth parsing for complexity: those with churn in the window, most churned first, at most `limit`. */
export function hotspotCandidates(state: HistoryState, moduleOf: Map<string, string>, now: number, days: number, limit = 2000): { path: string; churn: number }[] {
  const out: { path: string; churn: number }[] = [];
  for (const p of moduleOf.keys()) {
    const f = state.files[p];
    if (!f) continue;
    const churn = fileChurn(f, now, days);
    if (churn > 0) out.push({ path: p, churn });
  }
  return out.sort((a, b) => b.churn - a.churn || a.path.localeCompare(b.path)).slice(0, limit);
}

/**
 * Ranks files by churn × complexity: code that is both intricate and often changed is where
 * defects and misunderstandings gather, so it is what a reader should read first. Pure, so
 * "Next unread" can rank with its own inputs.
 */
export function rankHotspots(
  candidates: readonly { path: string; churn: number }[],
  complexity: ReadonlyMap<string, number>,
  moduleOf: ReadonlyMap<string, string>,
): Hotspot[] {
  const out: Hotspot[] = [];
  for (const { path, churn } of candidates) {
    const cx = complexity.get(path);
    if (cx === undefined || churn <= 0) continue;
    out.push({ path, module: moduleOf.get(path) ?? '', score: churn * cx, churn, complexity: cx });
  }
  return out.sort((a, b) => b.score - a.score || b.churn - a.churn || a.path.localeCompare(b.path));
}
