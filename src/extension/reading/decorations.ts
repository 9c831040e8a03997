import * as vscode from 'vscode';
import type { Pair } from '../../core/coverage/ranges';
import { intersectRanges, subtractRanges } from '../../core/coverage/ranges';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import type { CoverageService } from './coverageService';
import { readingSettings } from './settings';

/** A thin bar for the gutter. Gutter icons cannot take theme colours: one per theme kind. */
function bar(color: string, dashed = false): vscode.Uri {
  const rect = dashed
    ? `<rect x="1" y="0" width="3" height="6" fill="${color}"/><rect x="1" y="10" width="3" height="6" fill="${color}"/>`
    : `<rect x="1" y="0" width="3" height="16" fill="${color}"/>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">${rect}</svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}

export interface UnreadMarks {
  /** Code lines not read (1-based, inclusive), not counting those changed since read. */
  unread: Pair[];
  /** Code lines of symbols changed since they were read. */
  changed: Pair[];
}

/**
 * Marks unread code in the gutter and the overview ruler of every visible editor in scope, and
 * code changed since it was read in a second style. Recomputed per editor from the coverage
 * cache when that file's coverage changes.
 */
export class UnreadDecorations implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly unreadType: vscode.TextEditorDecorationType;
  private readonly changedType: vscode.TextEditorDecorationType;
  private readonly applied = new Map<string, UnreadMarks>();

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly coverageOf: (model: WorkspaceModel) => CoverageService,
  ) {
    this.unreadType = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      overviewRulerColor: new vscode.ThemeColor('deepDive.unreadCode'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      light: { gutterIconPath: bar('#b58900'), gutterIconSize: 'contain' },
      dark: { gutterIconPath: bar('#d7ba7d'), gutterIconSize: 'contain' },
    });
    this.changedType = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      overviewRulerColor: new vscode.ThemeColor('deepDive.changedSinceRead'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      light: { gutterIconPath: bar('#c72e0f', true), gutterIconSize: 'contain' },
      dark: { gutterIconPath: bar('#f48771', true), gutterIconSize: 'contain' },
    });
    this.disposables.push(
      this.unreadType,
      this.changedType,
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('deepDive.reading.highlightUnread') && this.refreshAll()),
    );
  }

  /** Re-renders the visible editors of these files (all visible editors without paths). */
  refresh(model: WorkspaceModel, paths?: readonly string[]): void {
    const cov = this.coverageOf(model);
    for (const editor of vscode.window.visibleTextEditors) {
      const path = cov.pathOf(editor.document.uri);
      if (!path) {
        if (this.applied.delete(editor.document.uri.toString())) this.clear(editor);
        continue;
      }
      if (paths && !paths.includes(path)) continue;
      this.render(editor, cov, path);
    }
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri);
      if (!folder) continue;
      const model = this.ctx.modelFor(folder);
      const cov = this.coverageOf(model);
      const path = cov.pathOf(editor.document.uri);
      if (path) this.render(editor, cov, path);
      else if (this.applied.delete(editor.document.uri.toString())) this.clear(editor);
    }
  }

  private clear(editor: vscode.TextEditor): void {
    editor.setDecorations(this.unreadType, []);
    editor.setDecorations(this.changedType, []);
  }

  private render(editor: vscode.TextEditor, cov: CoverageService, path: string): void {
    const key = editor.document.uri.toString();
    if (!readingSettings().highlightUnread) {
      this.applied.set(key, { unread: [], changed: [] });
      this.clear(editor);
      return;
    }
    if (!cov.isExact(path)) {
      // Estimated coverage has no line detail: compute it, the change event renders again.
      void cov.ensure(path);
      return;
    }
    const c = cov.coverage(path)!;
    // The lines that replaced or were added to read code; older results name only the unit.
    const changedSymbols: Pair[] = c.stale.filter((s) => s.reason === 'changed').flatMap((s) => s.changed ?? [[s.range.start, s.range.end] as Pair]);
    const changed = intersectRanges(c.unreadRanges, changedSymbols);
    const unread = subtractRanges(c.unreadRanges, changed);
    this.applied.set(key, { unread, changed });
    const lastLine = editor.document.lineCount;
    const toRanges = (pairs: Pair[]) =>
      pairs.filter(([s]) => s <= lastLine).map(([s, e]) => new vscode.Range(s - 1, 0, Math.min(e, lastLine) - 1, 0));
    editor.setDecorations(this.unreadType, toRanges(unread));
    editor.setDecorations(
      this.changedType,
      toRanges(changed).map((range) => ({ range, hoverMessage: new vscode.MarkdownString('**Deep Dive:** changed since you read it') })),
    );
  }

  /** What is marked in the editors of a file now (test hook and tooltips). */
  marksFor(uri: vscode.Uri): UnreadMarks | undefined {
    return this.applied.get(uri.toString());
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
