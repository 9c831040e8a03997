import * as vscode from 'vscode';
import type { NoteLocation } from '../../core/notes/locations';
import type { Note, NoteKind } from '../../core/model/types';
import { NOTE_KINDS } from '../../core/model/types';
import type { AnchorTracker, FolderLocations } from '../notes/anchorTracker';
import { moduleOf } from '../notes/liveFiles';
import { KIND_ICONS, KIND_TITLES, SEVERITY_COLORS } from '../notes/prompts';
import type { WorkspaceModel } from '../workspace/workspaceModel';

export type NotesNode =
  | { type: 'kind'; kind: NoteKind; count: number }
  | { type: 'orphaned'; count: number }
  | { type: 'module'; kind: NoteKind; module: string; count: number }
  | { type: 'note'; model: WorkspaceModel; noteId: string; note: Note; loc?: NoteLocation; orphaned: boolean };

const ORPHANED_COLOR = 'deepDive.orphanedNote';

/**
 * Groups open by themselves only while they are small: the workbench asks for the children of
 * every expanded node at once, and a 20,000-note dive shown fully expanded sent 20,000 rows to
 * its renderer (the editor stalled for minutes). A bigger group opens on a click.
 */
const EXPAND_GROUP_UP_TO = 200;
const EXPAND_MODULE_UP_TO = 50;

function expandedUpTo(count: number, limit: number): vscode.TreeItemCollapsibleState {
  return count <= limit ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
}

/**
 * The Notes view: notes grouped by kind, then module; notes whose code is gone in an
 * "Orphaned" group with their last known text and "Re-attach here". Clicking reveals the code.
 */
export class NotesView implements vscode.TreeDataProvider<NotesNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<NotesNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];

  /** The view, for its description line ("3 open · 1 orphaned"), seen even when it is collapsed. */
  tree: vscode.TreeView<NotesNode> | undefined;

  constructor(private readonly tracker: AnchorTracker) {
    // Re-render only when what the view shows changed: typing re-anchors often, and a re-render
    // under the reader's pointer swallows clicks.
    this.disposables.push(tracker.onDidChange(() => {
      this.described = undefined;
      const sig = this.signature();
      if (sig === this.shown) return;
      this.shown = sig;
      this.emitter.fire();
      this.describeHeader();
    }));
  }

  private describeHeader(): void {
    if (!this.tree) return;
    const all = this.notes();
    const open = all.filter((n) => n.note.status !== 'resolved').length;
    const orphaned = all.filter((n) => n.orphaned).length;
    this.tree.description = all.length ? [`${open} open`, orphaned ? `${orphaned} orphaned` : ''].filter(Boolean).join(' · ') : undefined;
  }

  private shown = '';

  private signature(): string {
    return JSON.stringify(this.tracker.folders().map((f) => [f.model.root, f.dive.notes, [...f.notes.values()].map((l) => [l.id, l.file, l.line, l.anchor]), f.dive.flows.map((x) => [x.id, x.title])]));
  }

  /** Every note described once per re-anchoring, not once per expanded node (kinds × modules × notes). */
  private described: { folders: FolderLocations[]; notes: ReturnType<NotesView['describe']>[] } | undefined;

  private notes(): ReturnType<NotesView['describe']>[] {
    const folders = this.tracker.folders();
    const same = this.described && this.described.folders.length === folders.length && this.described.folders.every((f, k) => f === folders[k]);
    if (same) return this.described!.notes;
    const out = [];
    for (const f of folders) for (const note of f.dive.notes) out.push(this.describe(f, note));
    this.described = { folders, notes: out };
    return out;
  }

  private describe(f: FolderLocations, note: Note) {
    const loc = f.notes.get(note.id);
    const orphaned = loc?.anchor === 'orphaned';
    let module: string;
    if (note.target.type === 'code') module = moduleOf(f.model, loc?.file ?? note.target.anchor.path);
    else if (note.target.type === 'module') module = note.target.module;
    else if (note.target.type === 'flow') {
      const flowId = note.target.flow;
      module = `flow: ${f.dive.flows.find((x) => x.id === flowId)?.title ?? flowId}`;
    } else module = 'whole deep dive';
    return { model: f.model, note, loc, orphaned, module };
  }

  getChildren(node?: NotesNode): NotesNode[] {
    const all = this.notes();
    if (!node) {
      const roots: NotesNode[] = [];
      for (const kind of NOTE_KINDS) {
        const count = all.filter((n) => !n.orphaned && n.note.kind === kind).length;
        if (count) roots.push({ type: 'kind', kind, count });
      }
      const orphans = all.filter((n) => n.orphaned).length;
      if (orphans) roots.push({ type: 'orphaned', count: orphans });
      return roots;
    }
    const asNode = (n: (typeof all)[number]): NotesNode => ({ type: 'note', model: n.model, noteId: n.note.id, note: n.note, loc: n.loc, orphaned: n.orphaned });
    if (node.type === 'orphaned') return all.filter((n) => n.orphaned).map(asNode);
    if (node.type === 'kind') {
      const modules = new Map<string, number>();
      for (const n of all) if (!n.orphaned && n.note.kind === node.kind) modules.set(n.module, (modules.get(n.module) ?? 0) + 1);
      return [...modules].sort(([a], [b]) => a.localeCompare(b)).map(([module, count]) => ({ type: 'module', kind: node.kind, module, count }));
    }
    if (node.type === 'module') {
      return all
        .filter((n) => !n.orphaned && n.note.kind === node.kind && n.module === node.module)
        .sort((a, b) => (a.loc?.file ?? '').localeCompare(b.loc?.file ?? '') || (a.loc?.line ?? 0) - (b.loc?.line ?? 0))
        .map(asNode);
    }
    return [];
  }

  getTreeItem(node: NotesNode): vscode.TreeItem {
    switch (node.type) {
      case 'kind': {
        const item = new vscode.TreeItem(`${KIND_TITLES[node.kind]}s`, expandedUpTo(node.count, EXPAND_GROUP_UP_TO));
        item.id = `kind:${node.kind}`;
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.kind]);
        item.contextValue = 'noteKind';
        return item;
      }
      case 'orphaned': {
        const item = new vscode.TreeItem('Orphaned', expandedUpTo(node.count, EXPAND_GROUP_UP_TO));
        item.id = 'orphaned';
        item.description = `${node.count} · code not found`;
        item.tooltip = 'The code these notes were on is gone or changed beyond recognition. They keep their last known text: select the right code and use "Re-attach here".';
        item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor(ORPHANED_COLOR));
        item.contextValue = 'orphanedGroup';
        return item;
      }
      case 'module': {
        const item = new vscode.TreeItem(node.module, expandedUpTo(node.count, EXPAND_MODULE_UP_TO));
        item.id = `module:${node.kind}:${node.module}`;
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'noteModule';
        return item;
      }
      case 'note':
        return this.noteItem(node);
    }
  }

  private noteItem(node: Extract<NotesNode, { type: 'note' }>): vscode.TreeItem {
    const { note, loc } = node;
    const firstLine = note.body.split('\n').find((l) => l.trim()) ?? note.body;
    const item = new vscode.TreeItem(firstLine.length > 90 ? `${firstLine.slice(0, 89)}…` : firstLine, vscode.TreeItemCollapsibleState.None);
    item.id = `note:${node.model.folder.uri.toString()}#${note.id}`;
    const where = loc?.file ? `${loc.file}:${loc.line}` : note.target.type;
    const parts = [node.orphaned ? `was ${where}` : where];
    if (note.severity) parts.unshift(note.severity);
    if (note.status === 'resolved') parts.push('resolved');
    item.description = parts.join(' · ');
    const color = node.orphaned ? ORPHANED_COLOR : note.severity ? SEVERITY_COLORS[note.severity] : undefined;
    item.iconPath = new vscode.ThemeIcon(note.status === 'resolved' ? 'pass' : KIND_ICONS[note.kind], color ? new vscode.ThemeColor(color) : undefined);
    // note.<status>[.orphaned].<kind>[.lead].code: menus match on kind (decisions), open leads and code.
    item.contextValue = `note.${note.status}${node.orphaned ? '.orphaned' : ''}.${note.kind}${note.lead?.state === 'open' ? '.lead' : ''}${note.target.type === 'code' ? '.code' : ''}`;
    if (!node.orphaned && note.target.type === 'code') {
      item.command = { command: 'deepDive.notes.reveal', title: 'Reveal Note', arguments: [{ noteId: note.id, model: node.model }] };
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: NotesNode): vscode.TreeItem {
    if (node.type !== 'note') return item;
    const { note, loc } = node;
    const md = new vscode.MarkdownString(undefined, false);
    md.isTrusted = false;
    md.appendMarkdown(`**${KIND_TITLES[note.kind]}**${note.severity ? ` · ${note.severity}` : ''} · ${note.status}\n\n`);
    md.appendText(note.body);
    if (note.impact) md.appendMarkdown('\n\n**Business impact:** ').appendText(note.impact);
    if (note.links?.question) md.appendMarkdown('\n\nAnswers question ').appendText(note.links.question);
    if (node.orphaned && loc?.text !== undefined) {
      md.appendMarkdown(`\n\nLast known code (\`${loc.file}:${loc.line}\`):\n`);
      md.appendCodeblock(loc.text);
    }
    item.tooltip = md;
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
