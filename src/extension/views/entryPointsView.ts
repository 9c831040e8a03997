import * as vscode from 'vscode';
import { countProtections, PROTECTION_LABELS, protectionSummary } from '../../core/entry/protection';
import type { Protection } from '../../core/entry/protection';
import type { ApiSpecCheck } from '../../core/apispec/types';
import type { EntryKind } from '../../core/entry/types';
import type { Flow, FlowStatus } from '../../core/model/types';
import type { DeepDiveContext } from '../deepDiveContext';
import type { EntryPointsService, EntryView } from '../flows/entryPoints';
import type { FlowSession } from '../flows/flowSession';
import type { AnchorTracker } from '../notes/anchorTracker';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import { dirtyBuffers } from '../workspace/dirtyBuffers';

export type EntryNode =
  | { type: 'kind'; kind: EntryKind; entries: EntryView[] }
  | { type: 'group'; kind: EntryKind; prefix: string; entries: EntryView[] }
  | { type: 'entry'; view: EntryView; entry: EntryView['entry']; treeId: string }
  | { type: 'flows'; model: WorkspaceModel }
  | { type: 'flow'; model: WorkspaceModel; flowId: string; flow: Flow }
  | { type: 'step'; model: WorkspaceModel; flowId: string; stepId: string; index: number; flow: Flow }
  | { type: 'message'; text: string }
  | { type: 'api'; model: WorkspaceModel; check: ApiSpecCheck }
  | { type: 'apiItem'; model: WorkspaceModel; label: string; description: string; icon: string; file: string; line?: number };

const KIND_TITLES: Record<EntryKind, string> = { http: 'HTTP routes', consumer: 'Message consumers', job: 'Scheduled jobs', cli: 'CLI mains', graphql: 'GraphQL resolvers' };
const KIND_ICONS: Record<EntryKind, string> = { http: 'globe', consumer: 'inbox', job: 'watch', cli: 'terminal', graphql: 'symbol-interface' };
const KIND_ORDER: EntryKind[] = ['http', 'consumer', 'job', 'cli', 'graphql'];
const PROTECTION_ICONS: Record<Protection, { icon: string; color: string }> = {
  guarded: { icon: 'shield', color: 'deepDive.guardedRoute' },
  anonymousAllowed: { icon: 'person', color: 'deepDive.publicRoute' },
  publicOnPurpose: { icon: 'unlock', color: 'deepDive.publicRoute' },
  noAuth: { icon: 'warning', color: 'deepDive.noAuthRoute' },
  unknown: { icon: 'question', color: 'deepDive.noAuthRoute' },
};

/** One sentence under the state in the tooltip: why the analyser decided it. */
function protectionWhy(p: Protection, e: EntryView['entry']): string {
  switch (p) {
    case 'guarded':
      return e.guardReason ? `required: ${e.guardReason}` : 'a required auth check applies';
    case 'anonymousAllowed':
      return `the auth check reads the caller when there is one and lets anonymous requests through${e.publicOnPurpose ? `; looks public on purpose: ${e.publicOnPurpose}` : ''}`;
    case 'publicOnPurpose':
      return `no auth check, and it looks public on purpose: ${e.publicOnPurpose}`;
    case 'noAuth':
      return 'no authentication or authorization check on the way, and nothing says it is meant to be public';
    default:
      return e.guardReason ?? 'something on the way could not be resolved';
  }
}

/** The handler as a reader finds it: an inline function by its file:line, not "<inline>". */
function handlerText(v: EntryView): string {
  const e = v.entry;
  const loc = e.handlerLocation;
  if (/^<inline>|^<anonymous>/.test(e.handler) || loc?.symbol === '<inline>') return loc ? `${loc.file.split('/').pop()}:${loc.range.start}` : `${e.file.split('/').pop()}:${e.line}`;
  return e.handler;
}

/**
 * Past this many entry points of one kind, the kind lists groups by path prefix (collapsed:
 * their rows are built when opened). 1,020 routes as rows of one expanded node were built,
 * converted and sent to the workbench on every refresh, a block of the extension host's thread
 * of up to a second on a loaded 2-core machine.
 */
export const GROUP_ABOVE = 200;

/** The group of an entry point: its first two path segments (`/api/users`), else its file's folder. */
function groupOf(v: EntryView): string {
  const e = v.entry;
  if (e.kind === 'http' && e.path.startsWith('/')) {
    const segs = e.path.split('/').filter(Boolean);
    return `/${segs.slice(0, Math.min(2, Math.max(1, segs.length - 1))).join('/')}`;
  }
  const slash = e.file.lastIndexOf('/');
  return slash > 0 ? e.file.slice(0, slash) : e.file;
}

/** Rows of entry points, sorted, with tree ids unique even when a route is registered twice. */
function entryRows(entries: readonly EntryView[]): EntryNode[] {
  // Tree ids must be unique or VS Code rejects the refresh and collapses the tree (issue 16:
  // two `GET /*` in one service). Route id and registration place, and a count if even that repeats.
  const seen = new Map<string, number>();
  return [...entries]
    .sort((a, b) => a.entry.path.localeCompare(b.entry.path) || a.entry.method.localeCompare(b.entry.method))
    .map((view) => {
      const base = `entry:${view.entry.id}@${view.entry.file}:${view.entry.line}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { type: 'entry' as const, view, entry: view.entry, treeId: n === 1 ? base : `${base}#${n}` };
    });
}

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
  /** The API description check per list of entry points (a new list means a new check). */
  private readonly apiChecks = new WeakMap<object, Promise<ApiSpecCheck | undefined>>();

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

  private readonly watched = new WeakSet<object>();

  private watchUntilMapped(model: { onDidChangeDive: vscode.Event<unknown>; onDidChangeMap: vscode.Event<unknown> }): void {
    if (this.watched.has(model)) return;
    this.watched.add(model);
    this.disposables.push(
      model.onDidChangeDive(() => this.emitter.fire()),
      model.onDidChangeMap(() => this.emitter.fire()),
    );
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
      // Opening the view asks for nothing: with no deep dive and no map yet, the repository is
      // not mapped until someone starts a dive or maps it (then this view fills in).
      if (!model.dive && !model.mapIfReady) {
        this.watchUntilMapped(model);
        return [{ type: 'message', text: 'Start a Deep Dive (or Deep Dive: Map the System) to list entry points.' }];
      }
      let views: EntryView[];
      try {
        views = await this.entries.entries(model);
      } catch (err) {
        return [{ type: 'message', text: `Entry points unavailable: ${err instanceof Error ? err.message : String(err)}` }];
      }
      const api = await this.apiCheck(model, views);
      if (this.noAuthOnly) views = views.filter((v) => v.protection === 'noAuth');
      const roots: EntryNode[] = KIND_ORDER.map((kind) => ({ type: 'kind' as const, kind, entries: views.filter((v) => v.entry.kind === kind) })).filter((k) => k.entries.length);
      if (!roots.length) roots.push({ type: 'message', text: this.noAuthOnly ? 'No route without auth: each is guarded, allows anonymous callers through an optional check, or is public on purpose.' : 'No entry points found in scope.' });
      if (api) roots.push({ type: 'api', model, check: api });
      if (model.dive) roots.push({ type: 'flows', model });
      return roots;
    }
    switch (node.type) {
      case 'kind': {
        if (node.entries.length <= GROUP_ABOVE) return entryRows(node.entries);
        const groups = new Map<string, EntryView[]>();
        for (const v of node.entries) {
          const g = groupOf(v);
          const list = groups.get(g);
          if (list) list.push(v);
          else groups.set(g, [v]);
        }
        return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([prefix, entries]) => ({ type: 'group' as const, kind: node.kind, prefix, entries }));
      }
      case 'group':
        return entryRows(node.entries);
      case 'api': {
        const c = node.check;
        const m = node.model;
        return [
          ...c.undocumented.map((u) => ({ type: 'apiItem' as const, model: m, label: u.id, description: 'undocumented', icon: 'question', file: u.file, line: u.line })),
          ...c.notFound.map((o) => ({ type: 'apiItem' as const, model: m, label: `${o.method} ${o.path}`, description: 'documented, not found in the code', icon: 'circle-slash', file: o.file, line: o.line })),
          ...c.methodMismatches.map((x) => ({ type: 'apiItem' as const, model: m, label: x.path, description: `documented ${x.documented.join(', ')}, code ${x.found.join(', ')}`, icon: 'diff', file: x.routes[0].file, line: x.routes[0].line })),
          ...c.unreadable.map((u) => ({ type: 'apiItem' as const, model: m, label: u.file, description: `unreadable: ${u.reason}`, icon: 'error', file: u.file })),
        ];
      }
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
        // The same states and words as `deepdive routes` and the report (core/entry/protection.ts).
        const counts = countProtections(node.entries.map((v) => v.entry));
        const notGuarded = protectionSummary({ ...counts, guarded: 0 });
        item.description = `${node.entries.length}${counts.total && notGuarded !== 'none' ? ` · ${notGuarded}` : ''}`;
        if (counts.total) item.tooltip = `${counts.total} routes: ${protectionSummary(counts)}`;
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.kind]);
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.prefix, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `group:${node.kind}:${node.prefix}`;
        const counts = countProtections(node.entries.map((v) => v.entry));
        const notGuarded = protectionSummary({ ...counts, guarded: 0 });
        item.description = `${node.entries.length}${counts.total && notGuarded !== 'none' ? ` · ${notGuarded}` : ''}`;
        if (counts.total) item.tooltip = `${counts.total} routes under ${node.prefix}: ${protectionSummary(counts)}`;
        item.iconPath = new vscode.ThemeIcon('folder');
        return item;
      }
      case 'entry':
        return this.entryItem(node.view, node.treeId);
      case 'api': {
        const c = node.check;
        const differences = c.undocumented.length + c.notFound.length + c.methodMismatches.length;
        const item = new vscode.TreeItem('API description', differences || c.unreadable.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = 'api';
        item.description = differences ? `${c.undocumented.length} undocumented · ${c.notFound.length} not found · ${c.methodMismatches.length} method mismatches` : `matches the code (${c.matched} operations)`;
        item.tooltip = `${c.documents.map((d) => `${d.file} (${d.version}, ${d.operations} operations)`).join('\n')}\ncompared with the routes found: ${c.matched} documented operations found in the code`;
        item.iconPath = new vscode.ThemeIcon('book');
        item.contextValue = 'apiSpec';
        return item;
      }
      case 'apiItem': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `api:${node.description}:${node.label}`;
        item.description = node.description;
        item.tooltip = `${node.label}: ${node.description} (${node.file}${node.line ? `:${node.line}` : ''})`;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        const uri = vscode.Uri.joinPath(node.model.folder.uri, node.file);
        const at = new vscode.Range((node.line ?? 1) - 1, 0, (node.line ?? 1) - 1, 0);
        item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: at }] };
        return item;
      }
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

  private entryItem(v: EntryView, treeId: string): vscode.TreeItem {
    const e = v.entry;
    const item = new vscode.TreeItem(e.kind === 'http' ? `${e.method} ${e.path}` : e.id, vscode.TreeItemCollapsibleState.None);
    item.id = treeId;
    const p = v.protection;
    // The first guard and how many more: a row must show its state before the sidebar cuts it
    // (issue 16, point 9); every guard with its evidence is in the tooltip.
    const guards = (optional: boolean) => {
      const names = [...new Set(e.guards.filter((g) => g.kind !== 'other' && !!g.optional === optional).map((g) => g.name))];
      return names.length > 1 ? `${names[0]} +${names.length - 1}` : (names[0] ?? '');
    };
    const state = p ? PROTECTION_LABELS[p] : undefined;
    const detail = p === 'guarded' ? guards(false) : p === 'anonymousAllowed' ? `${state} (${guards(true)})` : state;
    // The state first: a narrow sidebar cuts the end of the row, and the handler is the least needed.
    item.description = [detail, handlerText(v)].filter(Boolean).join(' · ');
    item.iconPath = p ? new vscode.ThemeIcon(PROTECTION_ICONS[p].icon, new vscode.ThemeColor(PROTECTION_ICONS[p].color)) : new vscode.ThemeIcon(KIND_ICONS[e.kind]);
    item.contextValue = p === 'guarded' ? 'entry.guarded' : p === 'noAuth' ? 'entry.noAuth' : p === 'publicOnPurpose' ? 'entry.public' : p === 'anonymousAllowed' ? 'entry.anonymous' : 'entry.other';
    item.command = { command: 'deepDive.entryPoints.openHandler', title: 'Open Handler', arguments: [{ entry: e }] };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: EntryNode): vscode.TreeItem {
    if (node.type !== 'entry') return item;
    const { entry: e, protection } = node.view;
    const md = new vscode.MarkdownString(undefined, false);
    md.isTrusted = false;
    md.appendMarkdown(`**`).appendText(e.kind === 'http' ? `${e.method} ${e.path}` : e.id).appendMarkdown(`**\n\n`);
    if (protection) md.appendMarkdown('Protection: **').appendText(PROTECTION_LABELS[protection]).appendMarkdown('**').appendText(` — ${protectionWhy(protection, e)}`).appendMarkdown('\n\n');
    md.appendText(`handler ${e.handler}${e.handlerLocation ? ` (${e.handlerLocation.file}:${e.handlerLocation.range.start})` : ''} · registered at ${e.file}:${e.line}${e.framework ? ` · ${e.framework}` : ''}\n\n`);
    if (e.guards.length) {
      md.appendMarkdown('Guards:\n');
      for (const g of e.guards) md.appendMarkdown('- ').appendText(`${g.name} (${g.kind}${g.optional ? ', optional: anonymous callers pass' : ''}): ${g.reason}`).appendMarkdown('\n');
    }
    if (e.dynamic) md.appendMarkdown('\n\n').appendText(`Path is not static: ${e.dynamic.expression}`);
    if (e.pathDependsOn) md.appendMarkdown('\n\n').appendText(`Path under default settings: ${e.pathDependsOn}`);
    item.tooltip = md;
    return item;
  }

  /**
   * The repository's OpenAPI/Swagger document against these entry points, once per list: checked
   * in the analysis worker, which finds the documents by walking the folder (a walk of the whole
   * repository on this thread blocked it).
   */
  private apiCheck(model: WorkspaceModel, views: EntryView[]): Promise<ApiSpecCheck | undefined> {
    let c = this.apiChecks.get(views);
    if (!c) {
      c = model.analysis.apiSpec(dirtyBuffers(model.root), this.entries.generation).catch((err) => {
        this.ctx.log.error('API description check failed', err);
        return undefined;
      });
      this.apiChecks.set(views, c);
    }
    return c;
  }

  /** For tests: the API description check as the view shows it. */
  async apiSpec(): Promise<ApiSpecCheck | undefined> {
    const model = this.ctx.model();
    return this.apiCheck(model, await this.entries.entries(model));
  }

  refresh(): void {
    this.emitter.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
