import * as vscode from 'vscode';
import { dwellSeconds } from '../../core/coverage/readingCredit';

export function readingSettings(): { enabled: boolean; dwellSeconds: number; highlightUnread: boolean } {
  const c = vscode.workspace.getConfiguration('deepDive.reading');
  const dwell = c.get<number>('dwellSeconds', 0);
  return {
    enabled: c.get<boolean>('enabled', true),
    dwellSeconds: typeof dwell === 'number' && Number.isFinite(dwell) && dwell > 0 ? dwell : 0,
    highlightUnread: c.get<boolean>('highlightUnread', true),
  };
}

/** The dwell time for a number of visible lines, from the setting (0: automatic; core/coverage/readingCredit.ts). */
export function dwellMs(visibleLines: number): number {
  return Math.round(dwellSeconds(visibleLines, readingSettings().dwellSeconds) * 1000);
}
