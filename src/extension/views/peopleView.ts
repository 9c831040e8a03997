import * as vscode from 'vscode';
import type { HistoryReport, ModuleHistory, Person } from '../../core/history/index';
import type { NoteKind } from '../../core/model/types';
import type { DeepDiveContext } from '../deepDiveContext';
import type { HistoryRegistry } from '../history/historyRegistry';
import { day, mdEscape, plainLabel } from '../history/markdownText';
import type { OpenItem } from '../history/peopleData';
import { askAbout, openItemsByModule, percent, personKey, riskOf, withActivity } from '../history/peopleData';
import { KIND_ICONS } from '../notes/prompts';
import type { WorkspaceModel } from '../workspace/workspaceModel';

export type PeopleNode =
  | { kind: 'info'; key: string; label: string; description?: string; icon: string; tooltip?: string }
  | { kind: 'risks'; report: HistoryReport; modules: ModuleHistory[] }
  | { kind: 'risk'; report: HistoryReport; module: ModuleHistory }
  | { kind: 'person'; report: HistoryReport; person: Person; ask: Map<string, OpenItem[]> }
  | { kind: 'known'; report: HistoryReport; person: Person; moduleId: string; share: number; module?: ModuleHistory; items: OpenItem[] }
  | { kind: 'item'; person: Person; item: OpenItem };

const WARNING = new vscode.ThemeColor('list.warningForeground');

/**
 * People view: who knows which modules (share of the current code, recency-weighted, and their
 * last change there), what is still open on their code ("ask Maya about …"), and where the
 * knowledge is at risk (bus factor 1, main owner inactive). Reads the history in the
 * background the first time it is shown; tooltips are built only when hovered.
 */
export class PeopleView implements vscode.TreeDataProvider<PeopleNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<PeopleNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly registry: HistoryRegistry,
  ) {}

  refresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.emitter.fire(undefined), 150);
  }

  private model(): WorkspaceModel | undefined {
    return vscode.workspace.workspaceFolders?.length ? this.ctx.model() : undefined;
  }

  getChildren(node?: PeopleNode): PeopleNode[] {
    if (node) return this.childrenOf(node);
    const model = this.model();
    if (!model) return [];
    const service = this.registry.of(model);
    if (!service.trusted) return [info('untrusted', 'History needs a trusted workspace', 'shield', 'Deep Dive never runs git in an untrusted workspace.')];
    // Shown: read (or refresh) the history in the background; the view re-renders when it is in.
    if (!service.engine.fresh && !service.computing) void service.report().catch(() => undefined);
    const report = service.lastReport;
    if (!report) return [info('loading', 'Reading git history…', 'loading~spin')];
    if (!report.available) return [info('unavailable', 'History unavailable', 'circle-slash', report.reason)];
    const out: PeopleNode[] = [];
    if (report.partial) out.push(info('partial', 'Partial history', 'info', report.reason));
    const risky = report.modules.filter((m) => riskOf(m).length);
    if (risky.length) out.push({ kind: 'risks', report, modules: risky });
    const ask = askAbout(report, openItemsByModule(this.ctx, model, report));
    for (const person of report.people) {
      if (!person.modules.length) continue;
      out.push({ kind: 'person', report, person, ask: ask.get(personKey(person)) ?? new Map() });
    }
    if (!out.length) out.push(info('nobody', 'Nobody owns code in scope yet', 'person'));
    return out;
  }

  private childrenOf(node: PeopleNode): PeopleNode[] {
    switch (node.kind) {
      case 'risks':
        return node.modules.map((module) => ({ kind: 'risk', report: node.report, module }));
      case 'person':
        return node.person.modules.map((pm) => ({
          kind: 'known',
          report: node.report,
          person: node.person,
          moduleId: pm.id,
          share: pm.share,
          module: node.report.modules.find((m) => m.id === pm.id),
          items: node.ask.get(pm.id) ?? [],
        }));
      case 'known':
        return node.items.map((item) => ({ kind: 'item', person: node.person, item }));
      default:
        return [];
    }
  }

  getTreeItem(node: PeopleNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'info': {
        const item = new vscode.TreeItem(node.label, C.None);
        item.id = `info:${node.key}`;
        if (node.description) item.description = node.description;
        if (node.tooltip) item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.contextValue = 'deepDive.people.info';
        return item;
      }
      case 'risks': {
        const item = new vscode.TreeItem(`Knowledge at risk (${node.modules.length})`, C.Expanded);
        item.id = 'risks';
        item.iconPath = new vscode.ThemeIcon('warning', WARNING);
        item.tooltip = 'Modules whose knowledge sits with one person, or whose main owner no longer commits';
        item.contextValue = 'deepDive.people.risks';
        return item;
      }
      case 'risk': {
        const item = new vscode.TreeItem(node.module.id || '(root)', C.None);
        item.id = `risk:${node.module.id}`;
        const main = node.module.owners[0];
        item.description = `${riskOf(node.module).map(shortRisk).join(' · ')}${main ? ` · ${plainLabel(main.name, 60)} ${percent(main.share)}` : ''}`;
        item.iconPath = new vscode.ThemeIcon('warning', WARNING);
        item.contextValue = 'deepDive.people.module.risk';
        return item;
      }
      case 'person': {
        const p = node.person;
        const open = [...node.ask.values()].reduce((n, l) => n + l.length, 0);
        const item = new vscode.TreeItem(plainLabel(p.name || p.email, 80), C.Collapsed);
        item.id = `person:${personKey(p)}`;
        const parts = [`${p.modules.length} module${p.modules.length === 1 ? '' : 's'}`, `last commit ${day(p.lastCommit)}`];
        if (!p.active) parts.push('inactive');
        if (open) parts.unshift(`ask about ${open}`);
        item.description = parts.join(' · ');
        const mainSomewhere = node.report.modules.some((m) => m.owners[0] && personKey(m.owners[0]) === personKey(p));
        item.iconPath = !p.active && mainSomewhere ? new vscode.ThemeIcon('warning', WARNING) : new vscode.ThemeIcon('person');
        item.contextValue = p.active ? 'deepDive.people.person' : 'deepDive.people.person.inactive';
        return item;
      }
      case 'known': {
        const item = new vscode.TreeItem(node.moduleId || '(root)', node.items.length ? C.Expanded : C.None);
        item.id = `known:${personKey(node.person)}:${node.moduleId}`;
        const mine = node.module?.owners.find((o) => personKey(o) === personKey(node.person));
        const risks = node.module ? riskOf(node.module) : [];
        item.description = [percent(node.share), mine ? `last change ${day(mine.lastChange)}` : '', ...risks.map(shortRisk)].filter(Boolean).join(' · ');
        item.iconPath = risks.length ? new vscode.ThemeIcon('warning', WARNING) : new vscode.ThemeIcon('package');
        item.contextValue = risks.length ? 'deepDive.people.module.risk' : 'deepDive.people.module';
        return item;
      }
      case 'item': {
        const it = node.item;
        const item = new vscode.TreeItem(`Ask about: ${plainLabel(it.body, 120)}`, C.None);
        item.id = `item:${personKey(node.person)}:${it.module}:${it.noteId}`;
        item.description = `${it.kind} · ${it.file}:${it.line}`;
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[it.kind as NoteKind] ?? 'note');
        item.command = { command: 'deepDive.notes.reveal', title: 'Show Note', arguments: [it.noteId] };
        item.contextValue = 'deepDive.people.item';
        return item;
      }
    }
  }

  /** Tooltips are built when hovered: owners and figures of a module, a person's modules. */
  resolveTreeItem(item: vscode.TreeItem, node: PeopleNode): vscode.TreeItem {
    const md = safeMarkdown();
    switch (node.kind) {
      case 'person': {
        const p = node.person;
        md.appendMarkdown(`**${mdEscape(p.name)}** ${mdEscape(`<${p.email}>`)}\n\n`);
        md.appendMarkdown(`${p.commits} commits, ${day(p.firstCommit)} – ${day(p.lastCommit)}${p.active ? '' : ' · **has not committed for a long time**'}\n\n`);
        for (const m of p.modules) md.appendMarkdown(`- ${mdEscape(m.id || '(root)')}: ${percent(m.share)}\n`);
        break;
      }
      case 'risk':
      case 'known': {
        const m = node.kind === 'risk' ? node.module : node.module;
        if (!m) return item;
        moduleTooltip(md, m, node.report);
        break;
      }
      case 'item':
        md.appendMarkdown(`**${node.item.kind}** · ${mdEscape(`${node.item.file}:${node.item.line}`)}\n\n${mdEscape(node.item.body, 500)}`);
        break;
      default:
        return item;
    }
    item.tooltip = md;
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.emitter.dispose();
  }
}

function info(key: string, label: string, icon: string, tooltip?: string): PeopleNode {
  return { kind: 'info', key, label, icon, ...(tooltip ? { tooltip } : {}) };
}

function shortRisk(r: string): string {
  return r.startsWith('bus factor 1') ? 'bus factor 1' : 'owner inactive';
}

function safeMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

function moduleTooltip(md: vscode.MarkdownString, m: ModuleHistory, report: HistoryReport): void {
  md.appendMarkdown(`**${mdEscape(m.id || '(root)')}** · bus factor ${m.busFactor}\n\n`);
  for (const r of riskOf(m)) md.appendMarkdown(`⚠ ${mdEscape(r)}\n\n`);
  for (const o of withActivity(m.owners, report.people)) {
    md.appendMarkdown(`- ${mdEscape(o.name || o.email)}: ${percent(o.share)}, last change ${day(o.lastChange)}${o.active ? '' : ' (inactive)'}\n`);
  }
  const parts = [`${m.churn} commits in the last ${report.sinceDays} days`, `${m.commits} in all`];
  if (m.lastChange) parts.push(`last change ${day(m.lastChange)}`);
  if (m.ageDays !== undefined) parts.push(`${m.ageDays} days old`);
  md.appendMarkdown(`\n${parts.join(' · ')}`);
}
