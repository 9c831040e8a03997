import * as vscode from 'vscode';
import type { UnreadPlace } from '../../core/coverage/nextUnread';
import { daysLeft, isAnswered } from '../../core/dive/ops';
import type { BrokenDive } from '../../core/dive/store';
import { listDives } from '../../core/dive/store';
import { NOTE_KINDS } from '../../core/model/types';
import type { DeepDiveContext } from '../deepDiveContext';
import type { Reading } from '../reading/index';
import type { CoverageService } from '../reading/coverageService';
import { changedSinceRead, withCommits } from '../../core/coverage/changedSinceRead';
import { diffArgs } from '../reading/sinceRead';
import { groupDigits } from '../../core/numberText';

const escapeMd = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);

export interface OverviewNode {
  key: string;
  label: string;
  description?: string;
  tooltip?: string | vscode.MarkdownString;
  icon?: vscode.ThemeIcon;
  command?: vscode.Command;
  contextValue?: string;
  children?: () => OverviewNode[] | Promise<OverviewNode[]>;
  expanded?: boolean;
}

const PLACES = 5;

function openAt(uri: vscode.Uri, start: number, end: number): vscode.Command {
  return { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(Math.max(0, start - 1), 0, Math.max(0, end - 1), 0), preview: false }] };
}

/**
 * Overview view: where the active deep dive stands — days left, coverage, flows understood,
 * notes by kind, questions answered, what changed since it was read, what to read first, and
 * any deep-dive file that does not load.
 */
export class OverviewView implements vscode.TreeDataProvider<OverviewNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<OverviewNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private timer: NodeJS.Timeout | undefined;
  /** Ranked unread code for one version of the dive and the map (objects are replaced on every change). */
  private places: { dive: unknown; map: unknown; promise: Promise<UnreadPlace[]> } | undefined;
  private brokenCache: { root: string; list: BrokenDive[] } | undefined;

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly reading: Reading,
  ) {}

  /** A deep-dive file changed on disk: look again for files that do not load. */
  diveFilesChanged(): void {
    this.brokenCache = undefined;
    this.refresh();
  }

  /** Broken deep-dive files, the active one included (the model keeps its last good state). */
  private brokenFiles(root: string, known: readonly BrokenDive[]): BrokenDive[] {
    if (this.brokenCache?.root !== root) {
      let list: BrokenDive[] = [];
      try {
        list = listDives(root).broken;
      } catch (err) {
        this.ctx.log.error('listing deep dives failed', err);
      }
      this.brokenCache = { root, list };
    }
    const out = [...this.brokenCache.list];
    for (const b of known) if (!out.some((x) => x.file === b.file)) out.push(b);
    return out;
  }

  refresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      // The ranking is kept: it is computed again only when the dive or the map it came from is
      // replaced (the exact coverage it computes itself fires a refresh, and used to rank twice).
      this.emitter.fire(undefined);
    }, 300);
  }

  getTreeItem(node: OverviewNode): vscode.TreeItem {
    const state = node.children ? (node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed) : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.key;
    if (node.description !== undefined) item.description = node.description;
    if (node.tooltip) item.tooltip = node.tooltip;
    if (node.icon) item.iconPath = node.icon;
    if (node.command) item.command = node.command;
    item.contextValue = node.contextValue ?? `deepDive.overview.${node.key.split(':')[0]}`;
    return item;
  }

  async getChildren(node?: OverviewNode): Promise<OverviewNode[]> {
    if (node) return node.children ? await node.children() : [];
    if (!vscode.workspace.workspaceFolders?.length) return [];
    const model = this.ctx.model();
    const broken = this.brokenFiles(model.root, model.broken).map<OverviewNode>((b) => ({
      key: `broken:${b.file}`,
      label: b.file,
      description: b.error.message,
      tooltip: `${b.error.message}\n\nThe file is left untouched until it is fixed.`,
      icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
      command: { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.joinPath(model.folder.uri, ...b.file.split('/'))] },
      contextValue: 'deepDive.overview.broken',
    }));
    const dive = model.dive;
    if (!dive) {
      if (!broken.length) return [];
      return [...broken, { key: 'start', label: 'Start a Deep Dive', icon: new vscode.ThemeIcon('add'), command: { command: 'deepDive.start', title: 'Start' } }];
    }
    const cov = this.reading.coverageOf(model);
    const out: OverviewNode[] = [];
    out.push({
      key: 'title',
      label: dive.title,
      description: dive.id,
      tooltip: `Scope: ${dive.scope.include.join(', ') || 'the whole folder'}${dive.scope.exclude.length ? ` (except ${dive.scope.exclude.join(', ')})` : ''}`,
      icon: new vscode.ThemeIcon('book'),
      command: { command: 'deepDive.switchDive', title: 'Switch' },
    });
    const left = daysLeft(dive);
    if (left !== undefined) {
      out.push({
        key: 'due',
        label: left >= 0 ? `${left} day${left === 1 ? '' : 's'} left` : `${-left} day${left === -1 ? '' : 's'} overdue`,
        description: `due ${dive.due}`,
        icon: new vscode.ThemeIcon('calendar', left < 0 ? new vscode.ThemeColor('errorForeground') : undefined),
      });
    }
    if (cov.map) {
      const t = cov.totals();
      out.push({
        key: 'coverage',
        label: `Coverage ${t.percent}%`,
        description: `${groupDigits(t.read)}/${groupDigits(t.lines)} lines · ${t.filesRead}/${t.files} files`,
        tooltip: 'Code lines read / code lines in scope (blank lines and comments do not count)',
        icon: new vscode.ThemeIcon('eye'),
        command: { command: 'deepDive.modules.focus', title: 'Show Modules' },
      });
    } else {
      void model.map().catch(() => undefined);
      out.push({ key: 'coverage', label: 'Coverage', description: 'mapping the system…', icon: new vscode.ThemeIcon('loading~spin') });
    }
    const understood = dive.flows.filter((f) => f.status === 'understood').length;
    out.push({ key: 'flows', label: `Flows understood ${understood}/${dive.flows.length}`, icon: new vscode.ThemeIcon('type-hierarchy-sub'), command: { command: 'deepDive.entryPoints.focus', title: 'Show Flows' } });
    const byKind = NOTE_KINDS.map((k) => [k, dive.notes.filter((n) => n.kind === k).length] as const).filter(([, n]) => n > 0);
    out.push({
      key: 'notes',
      label: `Notes ${dive.notes.length}`,
      description: byKind.map(([k, n]) => `${n} ${k}`).join(' · '),
      icon: new vscode.ThemeIcon('note'),
      ...(byKind.length ? { children: () => byKind.map(([k, n]) => ({ key: `notes:${k}`, label: k, description: String(n), icon: new vscode.ThemeIcon('tag'), command: { command: 'deepDive.notes.focus', title: 'Show Notes' } })) } : {}),
    });
    const answered = dive.questions.filter((q) => isAnswered(dive, q)).length;
    out.push({ key: 'questions', label: `Questions answered ${answered}/${dive.questions.length}`, icon: new vscode.ThemeIcon('question'), command: { command: 'deepDive.questions.focus', title: 'Show Questions' } });
    if (cov.map) {
      const t = cov.totals();
      out.push({
        key: 'changed',
        label: `Changed since read ${t.stale}`,
        icon: new vscode.ThemeIcon('diff-modified', t.stale ? new vscode.ThemeColor('deepDive.changedSinceRead') : undefined),
        tooltip: 'Code changed after it was read (by symbol or top-level statement): the new lines count as unread; click one for the diff from the version you read',
        ...(t.stale ? { children: () => this.changedNodes(cov) } : {}),
      });
      out.push({ key: 'next', label: 'Read these first', icon: new vscode.ThemeIcon('list-ordered'), children: () => this.placeNodes(cov), expanded: true, command: { command: 'deepDive.nextUnread', title: 'Next Unread' } });
    }
    out.push(...broken);
    return out;
  }

  /** Each unit whose read code changed, with the commits since, one click from its diff. */
  private async changedNodes(cov: CoverageService): Promise<OverviewNode[]> {
    const files = cov.files.map((f) => cov.coverage(f.path)).filter((c): c is NonNullable<typeof c> => !!c);
    const units = changedSinceRead({ files }).filter((u) => u.reason === 'changed');
    const root = cov.model.root;
    const listed = await withCommits(root, units, { trusted: vscode.workspace.isTrusted, limit: 5 }).catch(() => units);
    return listed.map((u) => {
      const commits = u.commits?.length ? `${u.commits.length === 1 ? u.commits[0].commit.slice(0, 7) + ' ' + u.commits[0].subject : `${u.commits.length} commits`}` : u.commits ? 'not committed' : '';
      const tip = new vscode.MarkdownString(undefined, true);
      tip.appendMarkdown(`**${escapeMd(u.unit)}** — \`${escapeMd(u.path)}:${u.range.start}-${u.range.end}\`\n\n`);
      if (u.changed.length) tip.appendMarkdown(`New or changed: lines ${u.changed.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ')}\n\n`);
      for (const c of u.commits ?? []) tip.appendMarkdown(`- \`${c.commit.slice(0, 8)}\` ${escapeMd(c.subject)} — ${escapeMd(c.author)}, ${c.date.slice(0, 10)}\n`);
      tip.appendMarkdown('\n\nClick: the diff from the version you read to now.');
      return {
        key: `changed:${u.path}:${u.unit}:${u.range.start}`,
        label: u.unit,
        description: [`${u.path}:${u.range.start}`, commits].filter(Boolean).join(' · '),
        tooltip: tip,
        icon: new vscode.ThemeIcon('diff-modified'),
        command: { command: 'deepDive.diffSinceRead', title: 'Show Changes Since Read', arguments: [diffArgs(root, u)] },
      };
    });
  }

  /** The top of "next unread", computed once per refresh. */
  private async placeNodes(cov: CoverageService): Promise<OverviewNode[]> {
    if (!this.places || this.places.dive !== cov.dive || this.places.map !== cov.map) this.places = { dive: cov.dive, map: cov.map, promise: this.reading.planOf(cov.model).places(PLACES) };
    let places: UnreadPlace[];
    try {
      places = await this.places.promise;
    } catch (err) {
      return [{ key: 'next:error', label: 'Could not rank unread code', description: err instanceof Error ? err.message : String(err), icon: new vscode.ThemeIcon('warning') }];
    }
    if (!places.length) return [{ key: 'next:done', label: 'Everything in scope has been read', icon: new vscode.ThemeIcon('pass-filled') }];
    return places.map((p) => ({
      key: `next:${p.path}:${p.range.start}`,
      label: p.symbol ? `${p.symbol}` : p.path.split('/').pop()!,
      description: `${p.path}:${p.range.start}-${p.range.end}`,
      tooltip: p.reasons.join(', '),
      icon: new vscode.ThemeIcon('eye-closed'),
      // The stretch of unread code Next Unread would select, not the read code around it.
      command: openAt(cov.uriOf(p.path), p.focus.start, p.focus.end),
    }));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.emitter.dispose();
  }
}
