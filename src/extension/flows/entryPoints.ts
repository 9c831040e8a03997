import * as vscode from 'vscode';
import type { Flow as SuggestedFlow } from '../../core/callgraph/suggestFlows';
import { protectionOf } from '../../core/entry/protection';
import type { Protection } from '../../core/entry/protection';
import type { EntryPoint, EntryPointsResult } from '../../core/entry/types';
import type { RepoMap } from '../../core/map/types';
import type { DeepDiveContext } from '../deepDiveContext';
import { allModels } from '../notes/liveFiles';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import { dirtyBuffers } from '../workspace/dirtyBuffers';

export interface EntryView {
  entry: EntryPoint;
  /** Why an unguarded route looks public on purpose; undefined when it looks like a gap. */
  publicReason?: string;
  /** No required authentication/authorization guard. */
  unguarded: boolean;
  /** What every surface shows for it (core/entry/protection.ts); undefined for unjudged non-routes. */
  protection?: Protection;
}

interface Computed {
  map: RepoMap;
  result: EntryPointsResult;
  views: EntryView[];
}

/**
 * Entry points (routes with their guards) and suggested flows, computed by the folder's analysis
 * worker once per map version (and set of unsaved buffers) and re-asked when the map changes.
 */
export class EntryPointsService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private readonly computed = new Map<WorkspaceModel, Promise<Computed>>();
  private readonly watched = new Set<WorkspaceModel>();
  private refreshes = 0;

  constructor(private readonly ctx: DeepDiveContext) {
    this.watch();
  }

  private watch(): void {
    for (const model of allModels(this.ctx)) {
      if (this.watched.has(model)) continue;
      this.watched.add(model);
      this.disposables.push(
        model.onDidChangeMap(() => {
          this.computed.delete(model);
          this.emitter.fire();
        }),
      );
    }
  }

  private compute(model: WorkspaceModel): Promise<Computed> {
    this.watch();
    let p = this.computed.get(model);
    if (!p) {
      p = (async () => {
        const map = await model.map();
        const result = await model.analysis.entries(dirtyBuffers(model.root));
        const views = result.entries.map((entry): EntryView => {
          const unguarded = entry.guardState ? entry.guardState !== 'guarded' : entry.public ?? true;
          return { entry, unguarded, publicReason: unguarded ? entry.publicOnPurpose : undefined, protection: protectionOf(entry) };
        });
        return { map, result, views };
      })();
      p.catch(() => this.computed.delete(model));
      this.computed.set(model, p);
    }
    return p;
  }

  async entries(model: WorkspaceModel): Promise<EntryView[]> {
    return (await this.compute(model)).views;
  }

  async find(model: WorkspaceModel, id: string): Promise<EntryView | undefined> {
    return (await this.entries(model)).find((e) => e.entry.id === id);
  }

  /** The suggested flow of one entry point. */
  async suggested(model: WorkspaceModel, id: string): Promise<SuggestedFlow | undefined> {
    const c = await this.compute(model);
    if (!c.result.entries.some((e) => e.id === id)) return undefined;
    return model.analysis.flow(dirtyBuffers(model.root), id);
  }

  /** Bumped by each refresh the user asks for: checks of files the map does not watch look again. */
  get generation(): number {
    return this.refreshes;
  }

  refresh(): void {
    this.refreshes++;
    this.computed.clear();
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
