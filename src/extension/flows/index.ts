import * as vscode from 'vscode';
import type { DeepDiveContext } from '../deepDiveContext';
import { notesServices } from '../notes/services';
import type { EntryNode } from '../views/entryPointsView';
import { EntryPointsView } from '../views/entryPointsView';
import type { StepView } from './flowSession';
import { flowServices } from './services';

export interface FlowsApi {
  viewChildren(node?: EntryNode): Promise<EntryNode[]>;
  /** The tree item a node shows, tooltip resolved, as the workbench gets it. */
  viewItem(node: EntryNode): vscode.TreeItem;
  /** The step being traced, where its code is now. */
  current(): StepView | undefined;
  /** The highlighted step range in a document (1-based), if any. */
  highlighted(doc: vscode.TextDocument): { start: number; end: number } | undefined;
  codeLenses(doc: vscode.TextDocument): string[];
  statusText(): string | undefined;
  setNoAuthFilter(on: boolean): void;
}

/** The Entry Points & Flows view and flow stepping (cheap: entry points are found when the view first shows). */
export function registerFlows(ctx: DeepDiveContext): FlowsApi {
  const { tracker } = notesServices(ctx);
  const { entries, session } = flowServices(ctx);
  const view = ctx.own(new EntryPointsView(ctx, entries, tracker, session));
  ctx.service('flows.view', () => view);
  ctx.own(vscode.window.createTreeView('deepDive.entryPoints', { treeDataProvider: view, showCollapseAll: true }));
  return {
    viewChildren: (node) => view.getChildren(node),
    viewItem: (node) => view.resolveTreeItem(view.getTreeItem(node), node),
    current: () => session.current(),
    highlighted: (doc) => session.highlighted(doc),
    codeLenses: (doc) => session.provideCodeLenses(doc).map((l) => l.command?.title ?? ''),
    statusText: () => session.current()?.label,
    setNoAuthFilter: (on) => view.setNoAuthFilter(on),
  };
}
