import * as vscode from 'vscode';
import { isAnswered } from '../../core/dive/ops';
import type { Note, Question } from '../../core/model/types';
import type { DeepDiveContext } from '../deepDiveContext';

export type QuestionsNode = { kind: 'question'; question: Question; answered: boolean; notes: Note[] } | { kind: 'note'; question: string; note: Note };

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/**
 * Questions view: the deep dive's checklist with its answered state; the notes that answer a
 * question are its children (answering is done from notes, not here).
 */
export class QuestionsView implements vscode.TreeDataProvider<QuestionsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<QuestionsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  /** The view, for its description line: the header says how many are answered while the view is collapsed. */
  tree: vscode.TreeView<QuestionsNode> | undefined;

  constructor(private readonly ctx: DeepDiveContext) {}

  refresh(): void {
    this.emitter.fire(undefined);
    this.describe();
  }

  /**
   * "Questions · 2/5 answered" as the title: the view starts collapsed to leave the side bar to
   * the others, and a collapsed view's header shows its title but not its description.
   */
  describe(): void {
    if (!this.tree || !vscode.workspace.workspaceFolders?.length) return;
    const dive = this.ctx.model().dive;
    this.tree.title = dive?.questions.length ? `Questions · ${dive.questions.filter((q) => isAnswered(dive, q)).length}/${dive.questions.length} answered` : 'Questions';
  }

  getChildren(node?: QuestionsNode): QuestionsNode[] {
    if (node) return node.kind === 'question' ? node.notes.map((n) => ({ kind: 'note', question: node.question.id, note: n })) : [];
    if (!vscode.workspace.workspaceFolders?.length) return [];
    const dive = this.ctx.model().dive;
    if (!dive) return [];
    return dive.questions.map((q) => {
      const ids = new Set(q.answeredBy ?? []);
      const notes = dive.notes.filter((n) => ids.has(n.id) || n.links?.question === q.id);
      return { kind: 'question', question: q, answered: isAnswered(dive, q), notes };
    });
  }

  getTreeItem(node: QuestionsNode): vscode.TreeItem {
    if (node.kind === 'note') {
      const n = node.note;
      const item = new vscode.TreeItem(firstLine(n.body) || n.kind, vscode.TreeItemCollapsibleState.None);
      item.id = `q:${node.question}:n:${n.id}`;
      item.description = n.kind + (n.severity ? ` · ${n.severity}` : '');
      item.iconPath = new vscode.ThemeIcon('note');
      item.contextValue = 'deepDive.questionNote';
      if (n.target.type === 'code') {
        const a = n.target.anchor;
        const uri = vscode.Uri.joinPath(this.ctx.model().folder.uri, ...a.path.split('/'));
        item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(a.range.start - 1, 0, a.range.start - 1, 0) }] };
        item.tooltip = `${a.path}:${a.range.start}-${a.range.end}`;
      }
      return item;
    }
    const q = node.question;
    const count = node.notes.length;
    const item = new vscode.TreeItem(q.text, count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `q:${q.id}`;
    item.description = node.answered ? `answered${count ? ` · ${count} note${count > 1 ? 's' : ''}` : ''}` : count ? `open · ${count} note${count > 1 ? 's' : ''}` : 'open';
    item.iconPath = node.answered ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('deepDive.fullyRead')) : new vscode.ThemeIcon('circle-large-outline');
    item.contextValue = `deepDive.question.${node.answered ? 'answered' : 'open'}`;
    item.tooltip = new vscode.MarkdownString().appendText(q.text).appendMarkdown(`\n\n${node.answered ? '**Answered**' : 'Open'}${count ? ` — answered by ${count} note${count > 1 ? 's' : ''}` : ''}`);
    return item;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
