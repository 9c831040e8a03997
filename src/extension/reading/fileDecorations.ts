import * as vscode from 'vscode';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import type { CoverageService } from './coverageService';

/**
 * Explorer badges for files in scope: ✓ fully read, ◐ partly read, ! changed since read; the
 * tooltip says how much. Files never read get no badge, so the explorer stays quiet.
 */
export class ReadingFileDecorations implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.emitter.event;

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly coverageOf: (model: WorkspaceModel) => CoverageService,
  ) {}

  changed(cov: CoverageService, paths?: readonly string[]): void {
    this.emitter.fire(paths ? paths.map((p) => cov.uriOf(p)) : undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== 'file') return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const model = this.ctx.modelFor(folder);
    if (!model.dive) return undefined;
    const cov = this.coverageOf(model);
    const path = cov.pathOf(uri);
    if (!path || !cov.map) return undefined;
    const c = cov.coverage(path);
    if (!c || (c.read === 0 && !c.stale.length)) return undefined;
    const tooltip = `Deep Dive: ${c.percent}% read (${c.read}/${c.lines} lines)`;
    if (c.stale.some((s) => s.reason === 'changed')) {
      return new vscode.FileDecoration('!', `${tooltip}, changed since read`, new vscode.ThemeColor('deepDive.changedSinceRead'));
    }
    if (c.read >= c.lines) return new vscode.FileDecoration('✓', tooltip, new vscode.ThemeColor('deepDive.fullyRead'));
    return new vscode.FileDecoration('◐', tooltip);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
