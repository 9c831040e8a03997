import * as vscode from 'vscode';
import { readActiveDive, setActiveDive } from '../../core/dive/active';
import type { BrokenDive, LoadedDive } from '../../core/dive/store';
import { listDives, reloadDive, saveDive } from '../../core/dive/store';
import { DeepDiveError } from '../../core/errors';
import type { DeepDive } from '../../core/model/types';
import type { RepoMap } from '../../core/map/types';
import { AnalysisClient } from '../../core/analysis/analysisClient';
import { relativeInside } from '../../core/paths';
import type { DeepDiveContext } from '../deepDiveContext';

/**
 * The editor's view of one workspace folder: its deep dives (the active one loaded), and its
 * map, built lazily in the folder's analysis worker (which also finds entry points and flows,
 * computes the module map's coverage and the report, so none of it blocks this thread) and
 * updated incrementally when files are saved. The map here carries no calls nor import details. Views, decorations and commands read from here and
 * re-render on its events; every change to a deep dive goes through `mutate`.
 */
export class WorkspaceModel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly diveEmitter = new vscode.EventEmitter<LoadedDive | undefined>();
  private readonly mapEmitter = new vscode.EventEmitter<RepoMap>();
  /** Fires when the active deep dive changed: loaded, switched, edited here or on disk. */
  readonly onDidChangeDive = this.diveEmitter.event;
  /** Fires when a (re-)map finished. */
  readonly onDidChangeMap = this.mapEmitter.event;

  private loadedDive: LoadedDive | undefined;
  private brokenDives: BrokenDive[] = [];
  private sessionScopeKey: string | undefined;
  private mapPromise: Promise<RepoMap> | undefined;
  private currentMap: RepoMap | undefined;
  private pendingUpdates = new Set<string>();
  private updateTimer: NodeJS.Timeout | undefined;
  private reportedBroken = new Set<string>();
  /** The folder's analysis worker: the map, entry points, flows, module coverage, the report. */
  readonly analysis: AnalysisClient;

  constructor(
    private readonly ctx: DeepDiveContext,
    readonly folder: vscode.WorkspaceFolder,
  ) {
    this.analysis = new AnalysisClient({ root: folder.uri.fsPath });
    this.disposables.push(this.diveEmitter, this.mapEmitter);
    // A change made outside the editor (git pull, another window, the CLI) is picked up.
    const diveWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.deepdive/*.json'));
    diveWatcher.onDidChange(() => this.refreshFromDisk());
    diveWatcher.onDidCreate(() => this.refreshFromDisk());
    diveWatcher.onDidDelete(() => this.refreshFromDisk());
    this.disposables.push(diveWatcher);
    // Saved files re-map incrementally (only once a map exists: nothing is parsed before it is needed).
    this.disposables.push(vscode.workspace.onDidSaveTextDocument((doc) => this.queueUpdate(doc.uri)));
    this.loadDives();
  }

  get root(): string {
    return this.folder.uri.fsPath;
  }

  /** The active deep dive, if any. Treat `.dive` as read-only: change it through `mutate`. */
  get active(): LoadedDive | undefined {
    return this.loadedDive;
  }

  get dive(): DeepDive | undefined {
    return this.loadedDive?.dive;
  }

  get broken(): readonly BrokenDive[] {
    return this.brokenDives;
  }

  /** All deep dives of the folder that load (the active one among them). */
  allDives(): LoadedDive[] {
    return listDives(this.root).dives;
  }

  /** Loads the list of deep dives and the active one; reports broken files once each. */
  loadDives(): void {
    const { dives, broken } = listDives(this.root);
    this.brokenDives = broken;
    for (const b of broken) {
      const key = `${b.id}:${b.error.message}`;
      if (this.reportedBroken.has(key)) continue;
      this.reportedBroken.add(key);
      this.ctx.log.error(b.error.message);
      void vscode.window.showErrorMessage(`Deep Dive: ${b.error.message} — the file is left untouched.`);
    }
    const wanted = readActiveDive(this.root);
    const pick = dives.find((d) => d.id === wanted) ?? (dives.length === 1 ? dives[0] : dives.find((d) => d.id === this.loadedDive?.id));
    this.loadedDive = pick;
    void this.ctx.setContext('deepDive.hasDive', !!pick);
    this.diveEmitter.fire(pick);
  }

  setActive(id: string | undefined): void {
    setActiveDive(this.root, id);
    this.loadDives();
  }

  private refreshFromDisk(): void {
    if (!this.loadedDive) return this.loadDives();
    const r = reloadDive(this.loadedDive);
    switch (r.status) {
      case 'unchanged':
        this.loadedDive = r.loaded;
        return;
      case 'reloaded':
        this.loadedDive = r.loaded;
        this.diveEmitter.fire(r.loaded);
        return;
      case 'deleted':
        return this.loadDives();
      case 'broken': {
        // Keep the last good model in memory (nothing is lost) and refuse to write over the file.
        const key = `${this.loadedDive.id}:${r.error.message}`;
        if (!this.reportedBroken.has(key)) {
          this.reportedBroken.add(key);
          this.ctx.log.error(r.error.message);
          void vscode.window.showErrorMessage(`Deep Dive: ${r.error.message} — the file is left untouched until it is fixed.`);
        }
        return;
      }
    }
  }

  /**
   * Changes the active deep dive and saves it (atomic; a change made on disk meanwhile is
   * merged, never overwritten). Throws DeepDiveError when there is no active dive or the file
   * on disk is broken.
   */
  async mutate(change: (dive: DeepDive) => void): Promise<DeepDive> {
    const loaded = this.loadedDive;
    if (!loaded) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
    const next = { ...loaded, dive: structuredClone(loaded.dive) };
    change(next.dive);
    const result = saveDive(next);
    this.loadedDive = result.loaded;
    this.diveEmitter.fire(result.loaded);
    return result.loaded.dive;
  }

  /** The map if one was built already, without starting work. */
  get mapIfReady(): RepoMap | undefined {
    return this.currentMap;
  }

  /**
   * The map of the active deep dive's scope (or the whole folder): built once with progress in
   * the notification area (cancellable), then kept up to date incrementally.
   */
  map(): Promise<RepoMap> {
    const scope = this.dive?.scope;
    const key = JSON.stringify(scope ?? null);
    if (this.sessionScopeKey !== undefined && key !== this.sessionScopeKey) {
      // A new scope: the worker starts a new session on the next request.
      this.mapPromise = undefined;
      this.currentMap = undefined;
    }
    if (this.mapPromise) return this.mapPromise;
    this.sessionScopeKey = key;
    this.watchFiles();
    const promise = Promise.resolve(vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Deep Dive: mapping the system', cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let last = 0;
        const t0 = Date.now();
        const onProgress = (done: number, total: number) => {
          const pct = total ? Math.floor((done / total) * 100) : 100;
          if (pct > last) {
            progress.report({ increment: pct - last, message: `${done} / ${total} files` });
            last = pct;
          }
        };
        const map = await this.analysis.map(scope && scope.include.length ? scope : undefined, onProgress, abort.signal);
        this.ctx.log.info(`mapped ${map.files.length} files, ${map.modules.length} modules in ${Date.now() - t0} ms (${map.stats.filesCached} from cache)`);
        this.currentMap = map;
        this.mapEmitter.fire(map);
        return map;
      },
    ));
    this.mapPromise = promise.then(
      (m) => m,
      (err) => {
        this.mapPromise = undefined;
        throw err;
      },
    );
    return this.mapPromise as Promise<RepoMap>;
  }

  private fileWatcher: vscode.FileSystemWatcher | undefined;

  /**
   * Changes made outside the editor (a checkout, a pull) re-map the files they touch. Watched
   * from the first map on, not from activation: a window that never maps listens to nothing.
   */
  private watchFiles(): void {
    if (this.fileWatcher) return;
    const w = (this.fileWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(this.folder, '**/*')));
    w.onDidChange((uri) => this.queueUpdate(uri));
    w.onDidCreate((uri) => this.queueUpdate(uri));
    w.onDidDelete((uri) => this.queueUpdate(uri));
    this.disposables.push(w);
  }

  private queueUpdate(uri: vscode.Uri): void {
    if (!this.currentMap) return;
    const rel = relativeInside(this.root, uri.fsPath);
    if (!rel || rel.startsWith('.deepdive/') || rel.startsWith('.git/')) return;
    this.pendingUpdates.add(rel);
    clearTimeout(this.updateTimer);
    // Batch bursts (a git checkout touches many files) into one incremental update.
    this.updateTimer = setTimeout(() => void this.flushUpdates(), 150);
  }

  private async flushUpdates(): Promise<void> {
    if (!this.currentMap || !this.pendingUpdates.size) return;
    const changed = [...this.pendingUpdates];
    this.pendingUpdates.clear();
    try {
      const map = await this.analysis.update(changed);
      this.currentMap = map;
      this.mapPromise = Promise.resolve(map);
      this.mapEmitter.fire(map);
    } catch (err) {
      this.ctx.log.error('incremental map update failed', err);
    }
  }

  dispose(): void {
    clearTimeout(this.updateTimer);
    void this.analysis.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
