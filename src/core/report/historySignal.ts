// History claims (who owns what, what changes often) need history behind them: a repository of one
// or two commits makes everyone "the single owner" of everything and every file a "hotspot". The
// report says how much history there is and makes no such claim below these thresholds.
import type { HistoryReport } from '../history/types';

/** Commits in the repository before ownership is judged at all. */
export const MIN_COMMITS_OWNERSHIP = 10;
/** Commits touching a module before its owners are named. */
export const MIN_MODULE_COMMITS = 3;
/** Commits touching a file in the window before it is called a hotspot. */
export const MIN_HOTSPOT_CHURN = 3;

export interface HistorySignal {
  commits: number;
  authors: number;
  ownership: boolean;
  hotspots: boolean;
  /** Why claims are not made, in a sentence a reader takes as it is. */
  reason?: string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function historySignal(h: HistoryReport | undefined): HistorySignal {
  if (!h || !h.available) return { commits: 0, authors: 0, ownership: false, hotspots: false, reason: `history ${h?.reason ?? 'not read'}` };
  const commits = h.stats.commitsTotal || h.people.reduce((s, p) => s + p.commits, 0);
  const authors = h.people.length;
  if (commits < MIN_COMMITS_OWNERSHIP) {
    return { commits, authors, ownership: false, hotspots: false, reason: `${plural(commits, 'commit')} by ${plural(authors, 'author')} — too short a history to judge ownership or hotspots (${MIN_COMMITS_OWNERSHIP} commits needed)` };
  }
  const hot = h.hotspots.some((x) => x.churn >= MIN_HOTSPOT_CHURN);
  return {
    commits,
    authors,
    ownership: true,
    hotspots: hot,
    ...(hot ? {} : { reason: `no file changed ${MIN_HOTSPOT_CHURN} or more times in the last ${h.hotspotDays} days: no hotspots to name` }),
  };
}
