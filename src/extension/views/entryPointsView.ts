import * as vscode from 'vscode';
import type { EntryKind } from '../../core/entry/types';
import type { Flow, FlowStatus } from '../../core/model/types';
import type { DeepDiveContext } from '../deepDiveContext';
import type { EntryPointsService, EntryView } from '../flows/entryPoints';
import type { FlowSession } from '../flows/flowSession';
import type { AnchorTracker } from '../notes/anchorTracker';
import type { WorkspaceModel } from '../workspace/workspaceModel';

export type EntryNode =
  | { type: 'kind'; kind: EntryKind; entries: EntryView[] }
  | { type: 'entry'; view: EntryView; entry: EntryView['entry'] }
  | { type: 'flows'; model: WorkspaceModel }
  | { type: 'flow'; model: WorkspaceModel; flowId: string; flow: Flow }
  | { type: 'step'; model: WorkspaceModel; flowId: string; stepId: string; index: number; flow: Flow }
  | { type: 'message'; text: string };

const KIND_TITLES: Record<EntryKind, string> = { http: 'HTTP routes', consumer: 'Message consumers', job: 'Scheduled jobs', cli: 'CLI mains', graphql: 'GraphQL resolvers' };
const KIND_ICONS: Record<EntryKind, string> = { http: 'globe', consumer: 'inbox', job: 'watch', cli: 'terminal', graphql: 'symbol-interface' };
const KIND_ORDER: EntryKind[] = ['http', 'consumer', 'job', 'cli', 'graphql'];
const STATUS_ICONS: Record<FlowStatus, string> = { untraced: 'circle-large-outline', tracing: 'debug-step-over', understood: 'pass-filled' };

/**
 * Entry Points & Flows: routes with their guards (shield: guarded; warning colour: no auth;
 * a plain globe: public on purpose, with the evidence), grouped by kind, a "No auth" filter,
 * and the deep dive's flows with their status and steps.
 */
export class EntryPointsView implements vscode.TreeDataProvider<EntryNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<EntryNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private noAuthOnly = false;

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly entries: EntryPointsService,
    private readonly tracker: AnchorTracker,
    session: FlowSession,
  ) {
    this.disposables.push(
      entries.onDidChange(() => this.emitter.fire()),
      tracker.onDidChange(() => this.emitter.fire()),
      session.onDidChange(() => this.emitter.fire()),
    );
    void ctx.setContext('deepDive.entryPoints.noAuthOnly', false);
  }

  get filtered(): boolean {
    return this.noAuthOnly;
  }

  setNoAuthFilter(on: boolean): void {
    this.noAuthOnly = on;
    void this.ctx.setContext('deepDive.entryPoints.noAuthOnly', on);
    this.emitter.fire();
  }

  async getChildren(node?: EntryNode): Promise<EntryNode[]> {
    if (!vscode.workspace.workspaceFolders?.length) return [];
    const model = this.ctx.model();
    if (!node) {
      let views: EntryView[];
      try {
        views = await this.entries.entries(model);
      } catch (err) {
        return [{ type: 'message', text: `Entry points unavailable: ${err instanceof Error ? err.message : String(err)}` }];
      }
      if (this.noAuthOnly) views = views.filter((v) => v.unguarded && !v.publicReason);
      const roots: EntryNode[] = KIND_ORDER.map((kind) => ({ type: 'kind' as const, kind, entries: views.filter((v) => v.entry.kind === kind) })).filter((k) => k.entries.length);
      if (!roots.length) roots.push({ type: 'message', text: this.noAuthOnly ? 'Every entry point is guarded or public on purpose.' : 'No entry points found in scope.' });
      if (model.dive) roots.push({ type: 'flows', model });
      return roots;
    }
    switch (node.type) {
      case 'kind':
        return [...node.entries].sort((a, b) => a.entry.path.localeCompare(b.entry.path) || a.entry.method.localeCompare(b.entry.method)).map((view) => ({ type: 'entry', view, entry: view.entry }));
      case 'flows':
        return (node.model.dive?.flows ?? []).map((flow) => ({ type: 'flow', model: node.model, flowId: flow.id, flow }));
      case 'flow':
        return node.flow.steps.map((s, index) => ({ type: 'step', model: node.model, flowId: node.flowId, stepId: s.id, index, flow: node.flow }));
      default:
        return [];
    }
  }

  getTreeItem(node: EntryNode): vscode.TreeItem {
    switch (node.type) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'kind': {
        const item = new vscode.TreeItem(KIND_TITLES[node.kind], vscode.TreeItemCollapsibleState.Expanded);
        item.id = `kind:${node.kind}`;
        const open = node.entries.filter((e) => e.unguarded && !e.publicReason).length;
        item.description = `${node.entries.length}${open ? ` · ${open} without auth` : ''}`;
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.kind]);
        return item;
      }
      case 'entry':
        return this.entryItem(node.view);
      case 'flows': {
        const flows = node.model.dive?.flows ?? [];
        const item = new vscode.TreeItem('Flows', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'flows';
        const understood = flows.filter((f) => f.status === 'understood').length;
        item.description = flows.length ? `${understood}/${flows.length} understood` : 'none yet: "Trace this flow" on a route';
        item.iconPath = new vscode.ThemeIcon('git-merge');
        item.contextValue = 'flows';
        return item;
      }
      case 'flow': {
        const f = node.flow;
        const item = new vscode.TreeItem(f.title, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `flow:${f.id}`;
        const visited = f.steps.filter((s) => s.visited).length;
        item.description = `${f.status} · ${visited}/${f.steps.length} steps`;
        item.iconPath = new vscode.ThemeIcon(STATUS_ICONS[f.status], f.status === 'understood' ? new vscode.ThemeColor('deepDive.flowUnderstood') : undefined);
        item.contextValue = `flow.${f.status}`;
        item.tooltip = `${f.title}\n${f.status}${f.entry ? `\nfrom entry point ${f.entry}` : ''}`;
        return item;
      }
      case 'step': {
        const s = node.flow.steps[node.index];
        const loc = this.tracker.forModel(node.model)?.steps.get(`${node.flowId}/${s.id}`);
        const item = new vscode.TreeItem(`${node.index + 1}. ${s.title ?? s.anchor.symbol ?? s.anchor.path}`, vscode.TreeItemCollapsibleState.None);
        item.id = `step:${node.flowId}/${s.id}`;
        item.description = `${loc?.file ?? s.anchor.path}:${loc?.line ?? s.anchor.range.start}`;
        item.iconPath = loc?.anchor === 'orphaned' ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('deepDive.orphanedNote')) : new vscode.ThemeIcon(s.visited ? 'check' : 'circle-small');
        const last = node.index === node.flow.steps.length - 1;
        item.contextValue = `flowStep${node.index === 0 ? '.first' : ''}${last ? '.last' : ''}`;
        item.command = { command: 'deepDive.flows.goToStep', title: 'Go to Step', arguments: [{ model: node.model, flowId: node.flowId, stepId: s.id }] };
        return item;
      }
    }
  }

  private entryItem(v: EntryView): vscode.TreeItem {
    const e = v.entry;
    const item = new vscode.TreeItem(e.kind === 'http' ? `${e.method} ${e.path}` : e.id, vscode.TreeItemCollapsibleState.None);
    item.id = `entry:${e.id}`;
    const required = e.guards.filter((g) => !g.optional && g.kind !== 'other');
    if (!v.unguarded) {
      item.iconPath = new vscode.ThemeIcon('shield', new vscode.ThemeColor('deepDive.guardedRoute'));
      item.description = `${e.handler} · ${required.map((g) => g.name).join(', ')}`;
      item.contextValue = 'entry.guarded';
    } else if (v.publicReason) {
      item.iconPath = new vscode.ThemeIcon('unlock', new vscode.ThemeColor('deepDive.publicRoute'));
      item.description = `${e.handler} · public on purpose`;
      item.contextValue = 'entry.public';
    } else {
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('deepDive.noAuthRoute'));
      item.description = `${e.handler} · no auth`;
      item.contextValue = 'entry.noAuth';
    }
    item.command = { command: 'deepDive.entryPoints.openHandler', title: 'Open Handler', arguments: [{ entry: e }] };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: EntryNode): vscode.TreeItem {
    if (node.type !== 'entry') return item;
    const { entry: e, publicReason, unguarded } = node.view;
    const md = new vscode.MarkdownString(undefined, false);
    md.isTrusted = false;
    md.appendMarkdown(`**`).appendText(`${e.method} ${e.path}`).appendMarkdown(`**\n\n`);
    md.appendText(`handler ${e.handler} · registered at ${e.file}:${e.line}${e.framework ? ` · ${e.framework}` : ''}\n\n`);
    if (e.guards.length) {
      md.appendMarkdown('Guards:\n');
      for (const g of e.guards) md.appendMarkdown('- ').appendText(`${g.name} (${g.kind}${g.optional ? ', optional' : ''}): ${g.reason}`).appendMarkdown('\n');
    }
    if (unguarded) md.appendMarkdown('\n').appendText(publicReason ? `No auth guard; looks public on purpose: ${publicReason}.` : 'No authentication or authorization guard found.');
    if (e.dynamic) md.appendMarkdown('\n\n').appendText(`Path is not static: ${e.dynamic.expression}`);
    item.tooltip = md;
    return item;
  }

  refresh(): void {
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
