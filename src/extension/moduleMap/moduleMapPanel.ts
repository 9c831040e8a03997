import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { RepoMap } from '../../core/map/types';
import type { GraphModule } from '../../core/report/types';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import type { ModuleMapState, Room, ToWebview } from './protocol';
import { parseFromWebview } from './protocol';
import { dirtyBuffers } from '../workspace/dirtyBuffers';

export const MODULE_MAP_VIEW_TYPE = 'deepDive.moduleMap';

function nonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

/**
 * The module map webview: the analysis worker computes the graph (coverage, entry points), the
 * host its layout (dagre, in core); the front end only draws it and sends back clicks and its
 * view state.
 */
export class ModuleMapHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: ModuleMapState = { filter: '', expand: [] };
  private modules: GraphModule[] = [];
  private refreshing: Promise<unknown> = Promise.resolve();
  /** The front end's drawing area (from 'ready' and 'resize'): the layout is chosen to fit it. */
  private room: Room | undefined;
  private map: RepoMap | undefined;
  /** Listeners that live as long as the current panel. */
  private panelDisposables: vscode.Disposable[] = [];
  /** For tests: the last 'ready' the front end sent, and what the host answered. */
  readonly testHook = { ready: 0, restored: 0, lastModules: -1, lastShown: -1, opened: [] as string[] };

  constructor(private readonly ctx: DeepDiveContext) {}

  get visiblePanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  /** The filter, focus and expanded groups the map is drawn with. */
  get currentState(): ModuleMapState {
    return this.state;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    this.state = { filter: '', expand: [] };
    const panel = vscode.window.createWebviewPanel(MODULE_MAP_VIEW_TYPE, 'Module Map', vscode.ViewColumn.Active, this.options());
    this.attach(panel);
  }

  /**
   * Called by the serializer after a window reload, with the state the front end saved: the map
   * comes back with the same filter, focus and expanded groups.
   */
  restore(panel: vscode.WebviewPanel, state: unknown): void {
    const parsed = parseFromWebview({ type: 'ready', state });
    this.state = parsed?.type === 'ready' && parsed.state ? parsed.state : { filter: '', expand: [] };
    this.testHook.restored++;
    panel.webview.options = this.options();
    this.attach(panel);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'media', 'moduleMap')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    // One map at a time: a second (restored) panel replaces the first.
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.detach();
    this.panel = panel;
    panel.webview.html = this.html(panel.webview);
    const model = this.ctx.model();
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.detach();
      }),
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      model.onDidChangeMap(() => void this.refresh(true)),
      model.onDidChangeDive(() => void this.refresh(true)),
    );
  }

  private detach(): void {
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
  }

  private html(webview: vscode.Webview): string {
    const n = nonce();
    const media = vscode.Uri.joinPath(this.ctx.extension.extensionUri, 'media', 'moduleMap');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'main.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'main.css'));
    const csp = `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource}; script-src 'nonce-${n}'`;
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style}"><title>Module Map</title></head>
<body><header class="toolbar">
<input id="filter" type="search" placeholder="Filter modules" aria-label="Filter modules">
<button id="focus" type="button" disabled title="Show only the selected module and its neighbours">Focus on selected</button>
<button id="reset" type="button" title="Show every module">Show all</button>
<span id="summary" class="summary" aria-live="polite"></span>
<span class="legend"><span class="key c0">0%</span><span class="key c1">&lt;25%</span><span class="key c2">25–59%</span><span class="key c3">60–99%</span><span class="key c4">100%</span><span class="key out">out of scope</span><span class="key entry">▶ entry points</span></span>
</header><main id="canvas" tabindex="0" aria-label="Module graph"></main>
<script nonce="${n}" src="${script}"></script></body></html>`;
  }

  private post(msg: ToWebview): void {
    void this.panel?.webview.postMessage(msg);
  }

  /** What the front end sends (public so tests can stand in for a click). */
  async receive(raw: unknown): Promise<void> {
    const msg = parseFromWebview(raw);
    if (!msg) return;
    try {
      switch (msg.type) {
        case 'ready':
          if (msg.state) this.state = msg.state;
          if (msg.room) this.room = msg.room;
          await this.refresh(this.modules.length === 0);
          this.testHook.ready++;
          return;
        case 'resize':
          this.room = msg.room;
          if (this.map) await this.refresh(false);
          return;
        case 'setState':
          this.state = msg.state;
          await this.refresh(false);
          return;
        case 'open':
          await this.open(msg.module);
          return;
      }
    } catch (err) {
      this.ctx.log.error('module map failed', err);
      this.post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private async compute(model: WorkspaceModel): Promise<void> {
    const map = await model.map();
    // Coverage of the dive and the entry-point marks come from the analysis worker.
    this.modules = await model.analysis.moduleGraph(dirtyBuffers(model.root), model.dive);
    this.map = map;
  }

  /** One refresh at a time, in the order asked: the layout is awaited now, and a graph must not overtake a later one. */
  private refresh(recompute: boolean): Promise<void> {
    const next = this.refreshing.then(() => this.redraw(recompute));
    this.refreshing = next.catch(() => undefined);
    return next;
  }

  private async redraw(recompute: boolean): Promise<void> {
    if (!this.panel) return;
    const model = this.ctx.model();
    if (recompute || !this.map) await this.compute(model);
    // Laid out in the analysis worker: 300+ modules took this thread about half a second.
    const layout = await model.analysis.moduleLayout({ modules: this.modules, view: { filter: this.state.filter, focus: this.state.focus, expand: this.state.expand, ...(this.room ? { room: this.room } : {}) } });
    this.testHook.lastModules = this.modules.length;
    this.testHook.lastShown = layout.shown;
    this.post({ type: 'graph', layout, shown: layout.shown, total: layout.total, state: this.state, title: model.dive?.title ?? model.folder.name });
  }

  /** Reveals the module in the Modules view (when that view can), and opens its first file. */
  private async open(moduleId: string): Promise<void> {
    const files = (this.map?.files ?? []).filter((f) => f.module === moduleId).map((f) => f.path).sort();
    this.testHook.opened.push(moduleId);
    await vscode.commands.executeCommand('deepDive.modules.reveal', moduleId);
    if (!files.length) return;
    const root = this.ctx.model().folder.uri;
    await vscode.window.showTextDocument(vscode.Uri.joinPath(root, ...files[0].split('/')), { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.panel?.dispose();
    this.detach();
  }
}

export function moduleMapHost(ctx: DeepDiveContext): ModuleMapHost {
  return ctx.service('moduleMap', () => new ModuleMapHost(ctx));
}

/** Brings the module map back after a window reload, with the view state its front end saved. */
export function moduleMapSerializer(ctx: DeepDiveContext): vscode.WebviewPanelSerializer {
  return {
    async deserializeWebviewPanel(panel, state) {
      moduleMapHost(ctx).restore(panel, state);
    },
  };
}

/**
 * Must be registered during activation (extension.ts; activation event
 * `onWebviewPanel:deepDive.moduleMap`), before VS Code restores panels.
 */
export function registerModuleMapSerializer(ctx: DeepDiveContext): void {
  ctx.own(vscode.window.registerWebviewPanelSerializer(MODULE_MAP_VIEW_TYPE, moduleMapSerializer(ctx)));
}
