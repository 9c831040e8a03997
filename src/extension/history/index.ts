import * as vscode from 'vscode';
import type { DeepDiveContext } from '../deepDiveContext';
import { notesServices } from '../notes/services';
import type { PeopleNode } from '../views/peopleView';
import { PeopleView } from '../views/peopleView';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import type { HotspotScore } from './historyEngine';
import { historyRegistry } from './historyRegistry';
import type { HistoryServiceOptions } from './historyService';
import type { HistoryService } from './historyService';
import { LineOriginsHover } from './originsHover';

export interface HistoryApi {
  /** The history service of a folder's model (the commands' folder by default). */
  service(model?: WorkspaceModel): HistoryService;
  /** Replaces a folder's service (tests: an untrusted one, counting core calls). */
  replaceService(model: WorkspaceModel, options: HistoryServiceOptions): HistoryService;
  /** The value last given to the context key `deepDive.historyAvailable`. */
  available(): boolean | undefined;
  /** Hotspots (path, score) of the commands' folder, best first: "read these first". */
  hotspots(model?: WorkspaceModel): Promise<HotspotScore[]>;
  /** The People view as the tree shows it. */
  peopleChildren(node?: PeopleNode): PeopleNode[];
  peopleItem(node: PeopleNode): vscode.TreeItem;
  /** The hover the editor would show at a position. */
  hover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined>;
}

/**
 * Registers the People view and the line-origins hover. Cheap: no git runs during activation;
 * a second later, in a folder with a deep dive or a map (else once it has one), one
 * `git rev-parse` (trusted workspaces only) decides whether the People view and the history
 * commands show.
 */
export function registerHistory(ctx: DeepDiveContext): HistoryApi {
  const registry = historyRegistry(ctx);
  const view = ctx.own(new PeopleView(ctx, registry));
  ctx.own(vscode.window.createTreeView('deepDive.people', { treeDataProvider: view, showCollapseAll: true }));
  const hover = new LineOriginsHover(ctx);
  ctx.own(vscode.languages.registerHoverProvider({ scheme: 'file' }, hover));
  ctx.own(registry.onDidChange(() => view.refresh()));
  // Open notes feed "ask … about": re-render when notes move or change.
  let notesHooked = false;
  const hookNotes = () => {
    if (notesHooked) return;
    notesHooked = true;
    ctx.own(notesServices(ctx).tracker.onDidChange(() => view.refresh()));
  };
  // Git runs in a folder only once Deep Dive is in use there: a deep dive or a map. The extension
  // activates after start-up in every window (to open its view once after install), and a
  // window that never uses it must cost nothing: no git, no watchers on .git.
  const checked = new Set<WorkspaceModel>();
  const checkWhenUsed = (model: WorkspaceModel) => {
    if (checked.has(model) || (!model.dive && !model.mapIfReady)) return;
    checked.add(model);
    hookNotes();
    void registry.of(model).check().catch((err) => ctx.log.warn(`history check failed: ${String(err)}`));
  };
  const watched = new Set<WorkspaceModel>();
  const watchFolder = (folder: vscode.WorkspaceFolder) => {
    const model = ctx.modelFor(folder);
    if (watched.has(model)) return;
    watched.add(model);
    ctx.own(model.onDidChangeDive(() => checkWhenUsed(model)));
    ctx.own(model.onDidChangeMap(() => checkWhenUsed(model)));
    checkWhenUsed(model);
  };
  const first = setTimeout(() => {
    for (const folder of vscode.workspace.workspaceFolders ?? []) watchFolder(folder);
  }, 1000);
  ctx.own({ dispose: () => clearTimeout(first) });
  // A folder without history is asked again when the window regains focus (`git init` or a
  // clone finished elsewhere; the HEAD watcher can miss files made with their folder).
  ctx.own(vscode.window.onDidChangeWindowState((w) => {
    if (!w.focused) return;
    for (const s of registry.existing) if (s.trusted && s.availability && !s.availability.available) void s.check().catch(() => undefined);
  }));
  ctx.own(vscode.workspace.onDidChangeWorkspaceFolders((e) => {
    for (const folder of e.added) watchFolder(folder);
  }));
  return {
    service: (model) => registry.of(model ?? ctx.model()),
    replaceService: (model, options) => registry.replace(model, options),
    available: () => registry.available,
    hotspots: (model) => registry.of(model ?? ctx.model()).hotspots(),
    peopleChildren: (node) => (hookNotes(), view.getChildren(node)),
    peopleItem: (node) => view.resolveTreeItem(view.getTreeItem(node), node),
    hover: (doc, pos) => hover.provideHover(doc, pos),
  };
}
