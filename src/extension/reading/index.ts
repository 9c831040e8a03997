import * as vscode from 'vscode';
import { registerReadVersions } from './sinceRead';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import { CoverageService } from './coverageService';
import type { UnreadMarks } from './decorations';
import { UnreadDecorations } from './decorations';
import { ReadingFileDecorations } from './fileDecorations';
import { ReadingPlan } from './readingPlan';
import { CoverageStatusBar } from './statusBar';
import { ReadingTracker } from './tracker';

/**
 * The reading side of the editor: coverage per folder, the tracker, gutter and explorer marks,
 * the status-bar item and the reading plan, wired to the model's events. One per extension.
 */
export class Reading implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly coverages = new Map<WorkspaceModel, CoverageService>();
  private readonly plans = new Map<WorkspaceModel, ReadingPlan>();
  private readonly changeEmitter = new vscode.EventEmitter<WorkspaceModel>();
  /** Coverage of some file of a folder changed (views re-render on it, debounced). */
  readonly onDidChange = this.changeEmitter.event;
  readonly tracker: ReadingTracker;
  readonly decorations: UnreadDecorations;
  readonly fileDecorations: ReadingFileDecorations;
  readonly statusBar: CoverageStatusBar;

  constructor(private readonly ctx: DeepDiveContext) {
    const coverageOf = (m: WorkspaceModel) => this.coverageOf(m);
    this.statusBar = new CoverageStatusBar();
    this.decorations = new UnreadDecorations(ctx, coverageOf);
    this.fileDecorations = new ReadingFileDecorations(ctx, coverageOf);
    this.tracker = new ReadingTracker(ctx, coverageOf);
    this.disposables.push(
      this.changeEmitter,
      this.statusBar,
      this.decorations,
      this.fileDecorations,
      vscode.window.registerFileDecorationProvider(this.fileDecorations),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatusBar()),
    );
    for (const m of ctx.existingModels) this.coverageOf(m);
    this.updateStatusBar();
  }

  coverageOf(model: WorkspaceModel): CoverageService {
    let cov = this.coverages.get(model);
    if (!cov) {
      cov = new CoverageService(model);
      this.coverages.set(model, cov);
      this.disposables.push(cov);
      const c = cov;
      cov.onDidChange((paths) => {
        this.decorations.refresh(model, paths);
        this.fileDecorations.changed(c, paths);
        this.updateStatusBar();
        this.changeEmitter.fire(model);
      });
      // A dive that becomes active (or is active at start-up) needs the map for coverage.
      const kick = () => {
        if (model.dive && !model.mapIfReady) void model.map().catch((err) => this.ctx.log.error('mapping failed', err));
      };
      this.disposables.push(model.onDidChangeDive(() => kick()));
      const t = setTimeout(kick, 500);
      this.disposables.push({ dispose: () => clearTimeout(t) });
    }
    return cov;
  }

  planOf(model: WorkspaceModel): ReadingPlan {
    let p = this.plans.get(model);
    if (!p) this.plans.set(model, (p = new ReadingPlan(this.ctx, this.coverageOf(model))));
    return p;
  }

  /** The coverage service of the folder commands act on, if a folder is open. */
  current(): CoverageService | undefined {
    if (!vscode.workspace.workspaceFolders?.length) return undefined;
    return this.coverageOf(this.ctx.model());
  }

  private updateStatusBar(): void {
    this.statusBar.update(this.current());
  }

  dispose(): void {
    // The tracker writes what is pending before anything it needs goes away.
    this.tracker.dispose();
    for (const d of this.disposables.reverse()) d.dispose();
  }
}

export function readingOf(ctx: DeepDiveContext): Reading {
  return ctx.service('reading', () => new Reading(ctx));
}

/** The surface tests reach through the extension's exports. */
export interface ReadingApi {
  /** Lines marked in the gutter of a file's visible editors: unread, and changed since read. */
  getUnreadRanges(uri: vscode.Uri): UnreadMarks | undefined;
  /** Coverage of a file as the views show it. */
  getCoverage(uri: vscode.Uri): Promise<{ lines: number; read: number; percent: number } | undefined>;
  statusBarText(): string;
  /** Writes the tracker's pending reads now. */
  flush(): Promise<void>;
}

/** Creates the reading services at activation (cheap: no parsing until a map exists). */
export function registerReading(ctx: DeepDiveContext): ReadingApi {
  const reading = readingOf(ctx);
  registerReadVersions(ctx);
  return {
    getUnreadRanges: (uri) => reading.decorations.marksFor(uri),
    getCoverage: async (uri) => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) return undefined;
      const cov = reading.coverageOf(ctx.modelFor(folder));
      const path = cov.pathOf(uri);
      if (!path) return undefined;
      const c = await cov.ensure(path);
      return c && { lines: c.lines, read: c.read, percent: c.percent };
    },
    statusBarText: () => (reading.statusBar.item.text ?? ''),
    flush: () => reading.tracker.flush(),
  };
}
