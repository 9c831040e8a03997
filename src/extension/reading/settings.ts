import * as vscode from 'vscode';

/** Seconds a screenful must stay still before it counts as read, when the setting is automatic. */
export function autoDwellSeconds(visibleLines: number): number {
  // A quarter second per line on screen (a reader skims code at about 4 lines a second), never
  // less than 3 s so that paging through a file does not count.
  return Math.max(3, visibleLines * 0.25);
}

export function readingSettings(): { enabled: boolean; dwellSeconds: number; highlightUnread: boolean } {
  const c = vscode.workspace.getConfiguration('deepDive.reading');
  const dwell = c.get<number>('dwellSeconds', 0);
  return {
    enabled: c.get<boolean>('enabled', true),
    dwellSeconds: typeof dwell === 'number' && Number.isFinite(dwell) && dwell > 0 ? dwell : 0,
    highlightUnread: c.get<boolean>('highlightUnread', true),
  };
}

/** The dwell time for a number of visible lines, from the setting (0: automatic). */
export function dwellMs(visibleLines: number): number {
  const s = readingSettings().dwellSeconds;
  return Math.round((s > 0 ? s : autoDwellSeconds(visibleLines)) * 1000);
}
