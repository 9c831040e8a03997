import * as vscode from 'vscode';
import type { CoverageService } from './coverageService';
import { groupDigits } from '../../core/numberText';

/** "$(eye) 42% read" for the active deep dive; opens the Overview. */
export class CoverageStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('deepDive.coverage', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Deep Dive Coverage';
    this.item.command = 'deepDive.showOverview';
  }

  update(cov: CoverageService | undefined): void {
    const dive = cov?.dive;
    if (!cov || !dive) {
      this.item.hide();
      return;
    }
    if (!cov.map) {
      this.item.text = '$(eye) Deep Dive';
      this.item.tooltip = `${dive.title}: coverage shows once the system is mapped`;
      this.item.show();
      return;
    }
    const t = cov.totals();
    this.item.text = `$(eye) ${t.percent}% read`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendText(`${dive.title}\n\n`);
    md.appendMarkdown(`${groupDigits(t.read)} of ${groupDigits(t.lines)} code lines read · ${t.filesRead}/${t.files} files fully read`);
    if (t.stale) md.appendMarkdown(`\n\n$(diff-modified) ${t.stale} symbol${t.stale > 1 ? 's' : ''} changed since read`);
    md.appendMarkdown('\n\nClick to open the Overview');
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
