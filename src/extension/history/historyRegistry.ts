import * as vscode from 'vscode';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import type { HistoryServiceOptions } from './historyService';
import { HistoryService } from './historyService';

export const HISTORY_AVAILABLE_KEY = 'deepDive.historyAvailable';

/**
 * One HistoryService per workspace folder, created on first use, and the context key
 * `deepDive.historyAvailable` (true when any folder's history can be read) that shows the
 * People view and the history commands.
 */
export class HistoryRegistry implements vscode.Disposable {
  private readonly services = new Map<WorkspaceModel, HistoryService>();
  private readonly emitter = new vscode.EventEmitter<HistoryService>();
  readonly onDidChange = this.emitter.event;
  private contextValue: boolean | undefined;

  constructor(private readonly ctx: DeepDiveContext) {}

  /** The service of a folder's model, created (cheaply: nothing runs) on first use. */
  of(model: WorkspaceModel): HistoryService {
    let s = this.services.get(model);
    if (!s) {
      s = new HistoryService(this.ctx, model);
      this.adopt(model, s);
    }
    return s;
  }

  /** A service made elsewhere (tests inject trust and core functions) takes the folder's place. */
  replace(model: WorkspaceModel, options: HistoryServiceOptions): HistoryService {
    this.services.get(model)?.dispose();
    const s = new HistoryService(this.ctx, model, options);
    this.adopt(model, s);
    return s;
  }

  private adopt(model: WorkspaceModel, s: HistoryService): void {
    this.services.set(model, s);
    s.onDidChange(() => {
      this.updateContext();
      this.emitter.fire(s);
    });
  }

  get existing(): HistoryService[] {
    return [...this.services.values()];
  }

  /** Whether any folder's history is available, as last checked (the context key's value). */
  get available(): boolean | undefined {
    return this.contextValue;
  }

  private updateContext(): void {
    const value = this.existing.some((s) => s.availability?.available);
    if (value === this.contextValue) return;
    this.contextValue = value;
    void this.ctx.setContext(HISTORY_AVAILABLE_KEY, value);
  }

  dispose(): void {
    for (const s of this.services.values()) s.dispose();
    this.services.clear();
    this.emitter.dispose();
  }
}

export function historyRegistry(ctx: DeepDiveContext): HistoryRegistry {
  return ctx.service('history.registry', () => new HistoryRegistry(ctx));
}

/** The history of the folder commands act on (see DeepDiveContext.model). */
export function historyOf(ctx: DeepDiveContext, model: WorkspaceModel = ctx.model()): HistoryService {
  return historyRegistry(ctx).of(model);
}
