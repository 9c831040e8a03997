import * as vscode from 'vscode';
import { defaultCacheDir } from '../../core/history/index';
import type { HistoryReport, LineOriginsResult } from '../../core/history/index';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import type { Availability, HistoryEngineDeps, HotspotScore } from './historyEngine';
import { HistoryEngine } from './historyEngine';
import { HeadWatcher } from './headWatcher';

/** HEAD or a ref moved: wait for the burst (a rebase writes many refs) to settle. */
const HEAD_DEBOUNCE_MS = 400;

export interface HistoryServiceOptions {
  /** Overrides Workspace Trust (tests construct an untrusted service in a trusted window). */
  trusted?: boolean;
  /** Replaces the core's git readers (tests count calls). */
  core?: Pick<HistoryEngineDeps, 'analyze' | 'origins' | 'probe'>;
}

/**
 * Git history of one workspace folder for the editor: reads nothing until asked, never runs
 * git in an untrusted workspace (and looks again when trust is granted), computes in the
 * background with progress in the status area, caches (in memory, and on disk through the
 * core's incremental cache), and starts over when HEAD or a ref moves.
 */
export class HistoryService implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when availability or the report changed: views re-render. */
  readonly onDidChange = this.emitter.event;
  readonly engine: HistoryEngine;
  private known: Availability | undefined;
  /** Someone asked for the report: recompute it in the background when HEAD moves. */
  private wanted = false;
  private timer: NodeJS.Timeout | undefined;
  private modulesKey = '';
  private busy = false;
  private readonly head: HeadWatcher;

  constructor(
    private readonly ctx: DeepDiveContext,
    readonly model: WorkspaceModel,
    private readonly options: HistoryServiceOptions = {},
  ) {
    this.engine = new HistoryEngine({
      root: model.root,
      trusted: () => this.trusted,
      modules: () => this.modules(),
      cacheDir: defaultCacheDir(model.root),
      ...options.core,
    });
    this.disposables.push(this.emitter);
    this.disposables.push(vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed('workspace trust granted')));
    // .git at the folder's root (a folder inside a larger repository is refreshed by the Refresh
    // command). The editor's watcher does not report `.git` everywhere, so the operating
    // system's watches it too once history is available; both only count a real move of HEAD.
    this.head = new HeadWatcher(model.root, () => this.headMoved());
    this.disposables.push(this.head);
    for (const glob of ['.git/HEAD', '.git/packed-refs', '.git/refs/**']) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(model.folder, glob));
      w.onDidChange(() => this.head.poke());
      w.onDidCreate(() => this.head.poke());
      w.onDidDelete(() => this.head.poke());
      this.disposables.push(w);
    }
    // Modules come from the map: a re-map that moves files between modules changes owners.
    this.disposables.push(model.onDidChangeMap((map) => {
      const key = moduleKey(Object.fromEntries(map.files.map((f) => [f.path, f.module])));
      if (this.modulesKey && key !== this.modulesKey && this.engine.lastReport) this.changed('modules changed');
    }));
  }

  /** Workspace Trust as injected, else as the editor says now. */
  get trusted(): boolean {
    return this.options.trusted ?? vscode.workspace.isTrusted;
  }

  /** Availability as last checked; undefined before the first check. */
  get availability(): Availability | undefined {
    return this.known;
  }

  get computing(): boolean {
    return this.busy;
  }

  /** The last finished report, without starting work. */
  get lastReport(): HistoryReport | undefined {
    return this.engine.lastReport;
  }

  /** Checks (once per HEAD) whether history can be read; never starts git when untrusted. */
  async check(): Promise<Availability> {
    const a = await this.engine.availability();
    if (a.available) this.head.start();
    const before = this.known;
    this.known = a;
    if (before?.available !== a.available || before?.reason !== a.reason) this.emitter.fire();
    return a;
  }

  /** The report, computed in the background with progress in the window's status area. */
  report(): Promise<HistoryReport> {
    this.wanted = true;
    if (!this.trusted) return this.engine.report();
    const fresh = this.engine.fresh;
    const pending = this.engine.report();
    if (!fresh && !this.busy) {
      this.busy = true;
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Deep Dive: reading git history' }, () =>
        pending.then(
          (r) => {
            this.busy = false;
            // The report is the latest word on availability too (the folder may have become a repository).
            this.known = { available: r.available, partial: r.partial, reason: r.reason };
            if (r.available) this.head.start();
            this.ctx.log.info(`history of ${this.model.folder.name}: ${r.available ? `${r.stats.commitsTotal} commits (${r.stats.commitsProcessed} read${r.stats.incremental ? ', incremental' : ''}) in ${r.stats.ms} ms` : r.reason}`);
            this.emitter.fire();
          },
          (err: unknown) => {
            this.busy = false;
            this.ctx.log.error('reading git history failed', err);
            this.emitter.fire();
          },
        ),
      );
    }
    return pending;
  }

  lineOrigins(path: string, start: number, end: number): Promise<LineOriginsResult> {
    return this.engine.lineOrigins(path, start, end);
  }

  /** Hotspots (churn × complexity), best first, for "read these first"; empty without history. */
  hotspots(): Promise<HotspotScore[]> {
    return this.report().then((r) => r.hotspots.map((h) => ({ path: h.path, score: h.score, churn: h.churn, complexity: h.complexity })));
  }

  /** Forgets everything and looks again (the Refresh command, trust granted, HEAD moved). */
  changed(why: string): void {
    this.ctx.log.info(`history of ${this.model.folder.name}: ${why}, reading again`);
    this.engine.invalidate();
    void this.check().then(() => {
      if (this.wanted) void this.report().catch(() => undefined);
      this.emitter.fire();
    });
  }

  private headMoved(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed('HEAD moved'), HEAD_DEBOUNCE_MS);
  }

  private async modules(): Promise<Record<string, string> | undefined> {
    let map = this.model.mapIfReady;
    // With a deep dive, the map is wanted anyway; without one, top-level folders do.
    if (!map && this.model.dive) map = await this.model.map().catch(() => undefined);
    if (!map) return undefined;
    const modules = Object.fromEntries(map.files.map((f) => [f.path, f.module]));
    this.modulesKey = moduleKey(modules);
    return modules;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

function moduleKey(modules: Record<string, string>): string {
  return Object.keys(modules)
    .sort()
    .map((k) => `${k}\t${modules[k]}`)
    .join('\n');
}
