import * as vscode from 'vscode';
import type { Note } from '../../core/model/types';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import type { AnchorTracker, FolderLocations } from './anchorTracker';
import { relPath, uriOf } from './liveFiles';
import { threadLabel } from './prompts';

export const CONTROLLER_ID = 'deepDive-notes';

/**
 * Up to this many code notes, every note has its thread (the Comments panel lists them all).
 * Beyond it, only notes on files shown in an editor get one: each thread lives in the
 * workbench's renderer, and 18,000 of them kept it busy for minutes (the Notes view and the
 * Overview still show every note).
 */
export const ALL_THREADS_UP_TO = 2_000;
/**
 * In a large dive, at most this many threads per editor shown, the notes nearest what it shows
 * first: every thread in a shown editor is a widget the workbench lays out, and 354 of them in one
 * file (a 20,000-note dive on a small service) kept CI's renderer busy for nine minutes. The
 * Notes view lists every note; scrolling brings the threads along.
 */
export const LAZY_THREADS_PER_EDITOR = 40;
/** In a large dive, at most this many threads at once, over every editor shown. */
export const LAZY_THREADS_AT_MOST = 200;
/**
 * Threads made or changed per turn of the event loop; the rest follow on the next turns. Each
 * is a message the workbench's renderer must draw: with up to a thousand at once, CI's renderer
 * (2 cores, 3 December) stopped answering the extension host for 20 s, the connection was
 * re-made and the extension host lost track of a document.
 */
export const THREADS_PER_TURN = 100;

/** A comment of a note thread: the note itself or one of its replies. */
export class NoteComment implements vscode.Comment {
  body: string | vscode.MarkdownString;
  mode = vscode.CommentMode.Preview;
  readonly author: vscode.CommentAuthorInformation;
  label?: string;
  contextValue: string;
  timestamp?: Date;
  /** The Markdown before an edit started, to restore on cancel. */
  saved: string;

  constructor(
    readonly noteId: string,
    readonly replyId: string | undefined,
    markdown: string,
    author: string | undefined,
    created: string,
    label?: string,
  ) {
    this.saved = markdown;
    this.body = markdownOf(markdown);
    this.author = { name: author ?? 'Deep Dive' };
    this.label = label;
    this.contextValue = replyId ? 'reply' : 'note';
    const t = new Date(created);
    if (!Number.isNaN(t.getTime())) this.timestamp = t;
  }
}

function markdownOf(text: string): vscode.MarkdownString {
  // Note text is the reader's, shown as Markdown without command links or HTML.
  const md = new vscode.MarkdownString(text, false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

/** What a thread shows for a note; compared so that unchanged threads are left alone. */
function signature(note: Note, uri: string, start: number, end: number): string {
  return JSON.stringify([uri, start, end, note.kind, note.severity, note.status, note.body, note.impact, note.replies, note.links]);
}

interface ThreadEntry {
  thread: vscode.CommentThread;
  model: WorkspaceModel;
  noteId: string;
  signature: string;
}

/**
 * Notes as comment threads ("Deep Dive notes"): one thread per code note at its re-anchored
 * range, moved when the code moves, removed when the code is gone (the note is then orphaned,
 * shown in the Notes view, never deleted).
 */
export class NoteThreads implements vscode.Disposable {
  readonly controller: vscode.CommentController;
  private readonly entries = new Map<string, ThreadEntry>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Notes written in this window whose thread is not drawn yet: they open expanded. */
  private readonly expandNext = new Set<string>();

  constructor(
    private readonly ctx: DeepDiveContext,
    private readonly tracker: AnchorTracker,
  ) {
    this.controller = vscode.comments.createCommentController(CONTROLLER_ID, 'Deep Dive notes');
    this.controller.options = { prompt: 'Add a Deep Dive note…', placeHolder: 'What did you find? (Markdown)' };
    this.controller.commentingRangeProvider = {
      provideCommentingRanges: (doc) => {
        if (doc.uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(doc.uri)) return [];
        return [new vscode.Range(0, 0, Math.max(0, doc.lineCount - 1), 0)];
      },
    };
    this.disposables.push(
      this.controller,
      tracker.onDidChange(() => this.sync()),
      // In a large dive, threads follow what the editors show.
      vscode.window.onDidChangeVisibleTextEditors(() => this.lazy && this.sync()),
      vscode.window.onDidChangeTextEditorVisibleRanges(() => {
        if (!this.lazy) return;
        clearTimeout(this.scrolled);
        this.scrolled = setTimeout(() => this.sync(), 250);
      }),
      { dispose: () => (clearTimeout(this.more), clearTimeout(this.scrolled)) },
    );
  }

  /** A sync after scrolling stops (large dives only). */
  private scrolled: ReturnType<typeof setTimeout> | undefined;

  /** The next turn's sync while threads are still to be made (see THREADS_PER_TURN). */
  private more: ReturnType<typeof setTimeout> | undefined;

  /** True while the dives have more code notes than get a thread each (see ALL_THREADS_UP_TO). */
  private lazy = false;

  /**
   * In a large dive, the notes that get threads (by key): per editor shown, the active one
   * first, its file's notes nearest the lines it shows (then the newest: a note just written is
   * where the reader is looking), up to the caps. Tabs in the background get none: switching to
   * one shows it, which makes its threads.
   */
  private lazyPick(folders: readonly FolderLocations[]): Set<string> {
    const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors].filter((e): e is vscode.TextEditor => e?.document.uri.scheme === 'file');
    const picked = new Set<string>();
    const done = new Set<string>();
    for (const editor of editors) {
      const uri = editor.document.uri;
      if (done.has(uri.toString())) continue;
      done.add(uri.toString());
      const folder = folders.find((f) => relPath(f.model, uri) !== undefined);
      if (!folder) continue;
      const rel = relPath(folder.model, uri)!;
      const shown = editor.visibleRanges.length ? editor.visibleRanges : [new vscode.Range(0, 0, 0, 0)];
      const distance = (start: number, end: number) => Math.min(...shown.map((r) => (end < r.start.line ? r.start.line - end : start > r.end.line ? start - r.end.line : 0)));
      const here = [];
      for (const note of folder.dive.notes) {
        const loc = note.target.type === 'code' ? folder.notes.get(note.id) : undefined;
        if (!loc || loc.anchor === 'orphaned' || loc.file !== rel || loc.line === undefined) continue;
        here.push({ key: this.key(folder.model, note.id), d: distance(loc.line - 1, (loc.endLine ?? loc.line) - 1), created: note.created, id: note.id });
      }
      here.sort((x, y) => x.d - y.d || (x.created < y.created ? 1 : x.created > y.created ? -1 : 0) || x.id.localeCompare(y.id));
      for (const n of here.slice(0, LAZY_THREADS_PER_EDITOR)) {
        if (picked.size >= LAZY_THREADS_AT_MOST) return picked;
        picked.add(n.key);
      }
    }
    return picked;
  }

  private key(model: WorkspaceModel, noteId: string): string {
    return `${model.folder.uri.toString()}#${noteId}`;
  }

  /** Brings the threads in line with the notes and where their code is now. */
  sync(force = false): void {
    clearTimeout(this.more);
    this.more = undefined;
    if (force) for (const e of this.entries.values()) e.signature = '';
    let budget = THREADS_PER_TURN;
    const seen = new Set<string>();
    const folders = this.tracker.folders();
    let codeNotes = 0;
    for (const folder of folders) for (const note of folder.dive.notes) if (note.target.type === 'code') codeNotes++;
    this.lazy = codeNotes > ALL_THREADS_UP_TO;
    const pick = this.lazy ? this.lazyPick(folders) : undefined;
    for (const folder of folders) {
      // One Uri per file, not per note: a large dive has thousands of notes on a few hundred files.
      const uris = new Map<string, { uri: vscode.Uri; text: string }>();
      const uriFor = (file: string) => {
        let u = uris.get(file);
        if (!u) {
          const uri = uriOf(folder.model, file);
          uris.set(file, (u = { uri, text: uri.toString() }));
        }
        return u;
      };
      for (const note of folder.dive.notes) {
        const loc = folder.notes.get(note.id);
        if (note.target.type !== 'code' || !loc || loc.anchor === 'orphaned' || loc.file === undefined || loc.line === undefined) continue;
        const key = this.key(folder.model, note.id);
        if (pick && !pick.has(key)) continue;
        const { uri, text: uriText } = uriFor(loc.file);
        seen.add(key);
        const start = loc.line - 1;
        const end = (loc.endLine ?? loc.line) - 1;
        const sig = signature(note, uriText, start, end);
        const existing = this.entries.get(key);
        if (existing && existing.signature === sig) continue;
        // Over this turn's budget: left as it is (kept, not removed below) until the next turn.
        if (budget-- <= 0) continue;
        if (existing && existing.thread.uri.toString() !== uriText) {
          existing.thread.dispose();
          this.entries.delete(key);
        }
        const entry = this.entries.get(key);
        const thread = entry?.thread ?? this.controller.createCommentThread(uri, new vscode.Range(start, 0, end, 0), []);
        if (!entry) thread.collapsibleState = this.expandNext.delete(note.id) ? vscode.CommentThreadCollapsibleState.Expanded : vscode.CommentThreadCollapsibleState.Collapsed;
        this.render(thread, note, start, end);
        this.entries.set(key, { thread, model: folder.model, noteId: note.id, signature: sig });
      }
    }
    for (const [key, entry] of this.entries) {
      if (seen.has(key)) continue;
      entry.thread.dispose();
      this.entries.delete(key);
    }
    if (budget < 0) this.more = setTimeout(() => this.sync(), 50);
  }

  private render(thread: vscode.CommentThread, note: Note, start: number, end: number): void {
    const range = new vscode.Range(start, 0, end, 0);
    if (!thread.range || !thread.range.isEqual(range)) thread.range = range;
    const resolved = note.status === 'resolved';
    thread.label = threadLabel(note.kind, note.severity, resolved);
    thread.contextValue = resolved ? 'note.resolved' : 'note.open';
    thread.state = resolved ? vscode.CommentThreadState.Resolved : vscode.CommentThreadState.Unresolved;
    thread.canReply = true;
    const body = note.impact ? `${note.body}\n\n**Business impact:** ${note.impact}` : note.body;
    const main = new NoteComment(note.id, undefined, body, note.author, note.created, note.links?.question ? `answers ${note.links.question}` : undefined);
    main.saved = note.body;
    thread.comments = [main, ...(note.replies ?? []).map((r) => new NoteComment(note.id, r.id, r.body, r.author, r.created))];
  }

  /**
   * A note just written in the editor: its thread opens expanded (others stay folded so that a
   * file with many notes stays readable). Already drawn threads are expanded now.
   */
  expandWhenShown(noteId: string): void {
    const thread = this.findThread(noteId);
    if (thread) thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    else this.expandNext.add(noteId);
  }

  /** For tests: whether a note's thread is expanded. */
  isExpanded(noteId: string): boolean | undefined {
    const thread = this.findThread(noteId);
    return thread ? thread.collapsibleState === vscode.CommentThreadCollapsibleState.Expanded : undefined;
  }

  /** The note behind a thread this controller made. */
  noteOf(thread: vscode.CommentThread): { model: WorkspaceModel; noteId: string } | undefined {
    for (const e of this.entries.values()) if (e.thread === thread) return { model: e.model, noteId: e.noteId };
    return undefined;
  }

  /** A note's thread by id alone (comments carry only the note id). */
  findNote(noteId: string): { model: WorkspaceModel; noteId: string } | undefined {
    for (const e of this.entries.values()) if (e.noteId === noteId) return { model: e.model, noteId };
    return undefined;
  }

  findThread(noteId: string): vscode.CommentThread | undefined {
    for (const e of this.entries.values()) if (e.noteId === noteId) return e.thread;
    return undefined;
  }

  threadOf(model: WorkspaceModel, noteId: string): vscode.CommentThread | undefined {
    return this.entries.get(this.key(model, noteId))?.thread;
  }

  /** Test hook and view helper: every thread with its note id, file and 1-based lines. */
  threadRanges(): { note: string; file: string; start: number; end: number; label?: string; state?: string }[] {
    const out = [];
    for (const e of this.entries.values()) {
      const r = e.thread.range;
      out.push({
        note: e.noteId,
        file: relPath(e.model, e.thread.uri) ?? e.thread.uri.fsPath,
        start: (r?.start.line ?? 0) + 1,
        end: (r?.end.line ?? 0) + 1,
        label: e.thread.label,
        state: e.thread.contextValue,
      });
    }
    return out.sort((a, b) => a.note.localeCompare(b.note));
  }

  dispose(): void {
    for (const e of this.entries.values()) e.thread.dispose();
    this.entries.clear();
    for (const d of this.disposables) d.dispose();
  }
}
