import * as vscode from 'vscode';
import type { DeepDiveContext } from '../deepDiveContext';
import type { NotesNode } from '../views/notesView';
import { NotesView } from '../views/notesView';
import { notesServices } from './services';

export interface NotesApi {
  /** Every comment thread with its note id, file and 1-based lines. */
  threadRanges(): ReturnType<ReturnType<typeof notesServices>['threads']['threadRanges']>;
  /** The Notes view's children (root when no node), as the tree shows them. */
  viewChildren(node?: NotesNode): NotesNode[];
  /** Re-anchors now instead of after the typing debounce. */
  refresh(): void;
  /** Whether a note's comment thread is expanded (undefined: no thread). */
  threadExpanded(noteId: string): boolean | undefined;
}

/** Creates the comment controller and the Notes view: cheap, nothing is read until a deep dive is loaded. */
export function registerNotes(ctx: DeepDiveContext): NotesApi {
  const { tracker, threads } = notesServices(ctx);
  const view = ctx.own(new NotesView(tracker));
  view.tree = ctx.own(vscode.window.createTreeView('deepDive.notes', { treeDataProvider: view, showCollapseAll: true }));
  // The first re-anchoring reads the noted files: after activation, not during it.
  setTimeout(() => tracker.refresh(), 0);
  return {
    threadRanges: () => threads.threadRanges(),
    viewChildren: (node) => view.getChildren(node),
    refresh: () => tracker.refresh(),
    threadExpanded: (noteId) => threads.isExpanded(noteId),
  };
}
