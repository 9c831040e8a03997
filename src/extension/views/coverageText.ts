import * as vscode from 'vscode';
import { groupDigits } from '../../core/numberText';

export type ReadState = 'read' | 'partial' | 'unread' | 'stale' | 'empty';

/** "42% · 120/286 lines", the description every node of the Modules view carries. */
export function coverageDescription(c: { lines: number; read: number; percent: number }): string {
  return `${c.percent}% · ${groupDigits(c.read)}/${groupDigits(c.lines)} lines`;
}

export function readState(c: { lines: number; read: number; stale?: number | readonly unknown[] }): ReadState {
  const stale = typeof c.stale === 'number' ? c.stale > 0 : !!c.stale?.length;
  if (stale) return 'stale';
  if (c.lines === 0) return 'empty';
  if (c.read >= c.lines) return 'read';
  return c.read > 0 ? 'partial' : 'unread';
}

export function stateIcon(state: ReadState): vscode.ThemeIcon {
  switch (state) {
    case 'read':
    case 'empty':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('deepDive.fullyRead'));
    case 'partial':
      return new vscode.ThemeIcon('pie-chart');
    case 'stale':
      return new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('deepDive.changedSinceRead'));
    default:
      return new vscode.ThemeIcon('circle-large-outline');
  }
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
