import * as vscode from 'vscode';
import { createAnchor } from '../../core/anchor/createAnchor';
import { DeepDiveError } from '../../core/errors';
import { repoInfo } from '../../core/history/repo';
import type { Anchor, LineRange, NoteKind, NoteTarget, Severity } from '../../core/model/types';
import { addNote, deleteNote, editNote, linkNoteToQuestion, reattachNote, replyToNote, resolveNote } from '../../core/notes/noteOps';
import { findNote } from '../../core/notes/validate';
import { noteAuthor } from '../../core/notes/author';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import { applyOp, modelOf, relPath, symbolsOf, uriOf } from './liveFiles';
import { askBody, askImpact, pickKind, pickSeverity } from './prompts';
import { NoteComment } from './noteThreads';
import { notesServices } from './services';

export interface AddNoteArgs {
  kind?: NoteKind | string;
  /** null: no severity (skips the prompt). */
  severity?: Severity | string | null;
  body?: string;
  /** Empty string: none (skips the prompt). */
  impact?: string;
  /** Question id the note answers. */
  question?: string;
  /** A place other than the active editor's selection (1-based inclusive lines). */
  uri?: vscode.Uri;
  range?: LineRange;
}

/** A note named by whatever a menu passes: a thread, a comment, a Notes view item, an id. */
export function noteRef(ctx: DeepDiveContext, arg: unknown): { model: WorkspaceModel; noteId: string } {
  const { threads } = notesServices(ctx);
  if (typeof arg === 'string') return { model: ctx.model(), noteId: arg };
  if (arg instanceof NoteComment) {
    const found = threads.findNote(arg.noteId);
    if (found) return found;
    return { model: ctx.model(), noteId: arg.noteId };
  }
  if (arg && typeof arg === 'object') {
    const o = arg as { noteId?: unknown; model?: WorkspaceModel; id?: unknown };
    if (typeof o.noteId === 'string') return { model: o.model ?? ctx.model(), noteId: o.noteId };
    const viaThread = threads.noteOf(arg as vscode.CommentThread);
    if (viaThread) return viaThread;
    if (typeof o.id === 'string') return { model: ctx.model(), noteId: o.id };
  }
  throw new DeepDiveError('pick a note first (in the Notes view or on its comment thread)');
}

/** 1-based inclusive lines of a selection; a selection ending at column 0 stops on the line above. */
export function selectionLines(sel: vscode.Selection | vscode.Range): LineRange {
  const start = sel.start.line + 1;
  let end = sel.end.line + 1;
  if (end > start && sel.end.character === 0) end -= 1;
  return { start, end };
}

async function anchorAt(model: WorkspaceModel, doc: vscode.TextDocument, range: LineRange): Promise<Anchor> {
  const rel = relPath(model, doc.uri);
  if (rel === undefined) throw new DeepDiveError('notes attach to files inside the workspace folder', doc.uri.fsPath);
  // git only in a trusted workspace (repository config can run programs).
  const repo = await repoInfo(model.root, vscode.workspace.isTrusted).catch(() => undefined);
  return createAnchor(rel, doc.getText(), range, symbolsOf(model, rel), repo?.available ? repo.head : undefined);
}

function editorPlace(ctx: DeepDiveContext, args: AddNoteArgs): { doc: vscode.TextDocument; range: LineRange } | undefined {
  if (args.uri) {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri!.toString());
    if (!doc) throw new DeepDiveError('open the file first', args.uri.fsPath);
    return { doc, range: args.range ?? { start: 1, end: 1 } };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') return undefined;
  return { doc: editor.document, range: args.range ?? selectionLines(editor.selection) };
}

interface Filled {
  kind: NoteKind | string;
  severity: Severity | string | null;
  body: string;
  impact: string;
}

/** Asks for what the arguments leave out; undefined when the reader cancels. */
async function fill(args: AddNoteArgs, withBody = true): Promise<Filled | undefined> {
  const steps = withBody ? 4 : 3;
  const kind = args.kind ?? (await pickKind(`1/${steps}`));
  if (!kind) return undefined;
  const severity = args.severity !== undefined ? args.severity : await pickSeverity(`2/${steps}`);
  if (severity === undefined) return undefined;
  const body = args.body ?? (withBody ? await askBody(`3/${steps}`) : undefined);
  if (body === undefined) return undefined;
  const impact = args.impact ?? (await askImpact(`Add Note (${steps}/${steps})`));
  if (impact === undefined) return undefined;
  return { kind, severity, body, impact };
}

/** The reader's git name (else login name) per folder: asked once, git config does not change under a note. */
const authors = new Map<string, Promise<string | undefined>>();
function authorOf(model: WorkspaceModel): Promise<string | undefined> {
  const key = `${model.root}\0${vscode.workspace.isTrusted}`;
  let name = authors.get(key);
  if (!name) authors.set(key, (name = noteAuthor(model.root, { trusted: vscode.workspace.isTrusted })));
  return name;
}

async function createNote(ctx: DeepDiveContext, model: WorkspaceModel, target: NoteTarget, f: Filled, question?: string): Promise<string> {
  let id = '';
  const author = await authorOf(model);
  await applyOp(model, (dive) => {
    const made = addNote(dive, {
      ...(author ? { author } : {}),
      kind: f.kind,
      body: f.body,
      ...(f.severity ? { severity: f.severity } : {}),
      ...(f.impact.trim() ? { impact: f.impact } : {}),
      target,
      ...(question ? { links: { question } } : {}),
    });
    id = made.note.id;
    return made.dive;
  });
  // The note just written stays open where it was written, not folded into a gutter icon.
  notesServices(ctx).threads.expandWhenShown(id);
  notesServices(ctx).tracker.refresh();
  return id;
}

/** "Deep Dive: Add Note" on the selection (a note on the whole deep dive without an editor). */
export async function addNoteCommand(ctx: DeepDiveContext, args: AddNoteArgs = {}): Promise<string | undefined> {
  const place = editorPlace(ctx, args);
  const model = place ? modelOf(ctx, place.doc.uri) : ctx.model();
  if (!model) throw new DeepDiveError('notes attach to files inside a workspace folder');
  if (!model.dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  const target: NoteTarget = place ? { type: 'code', anchor: await anchorAt(model, place.doc, place.range) } : { type: 'dive' };
  const filled = await fill(args);
  if (!filled) return undefined;
  return createNote(ctx, model, target, filled, args.question);
}

/** The gutter "+": the reader typed the note in a new thread; ask its kind and severity. */
export async function createFromThread(ctx: DeepDiveContext, reply: vscode.CommentReply, args: AddNoteArgs = {}): Promise<string | undefined> {
  const thread = reply.thread;
  const model = modelOf(ctx, thread.uri);
  if (!model) throw new DeepDiveError('notes attach to files inside a workspace folder', thread.uri.fsPath);
  const doc = await vscode.workspace.openTextDocument(thread.uri);
  const range = thread.range ? selectionLines(thread.range) : { start: 1, end: 1 };
  const anchor = await anchorAt(model, doc, range);
  const filled = await fill({ ...args, body: reply.text.trim() || args.body }, false);
  if (!filled) return undefined;
  const id = await createNote(ctx, model, { type: 'code', anchor }, filled, args.question);
  thread.dispose(); // the note's own thread replaces the draft one
  return id;
}

export function cancelNewThread(_ctx: DeepDiveContext, reply: vscode.CommentReply | vscode.CommentThread): void {
  ('thread' in reply ? reply.thread : reply).dispose();
}

export async function replyCommand(ctx: DeepDiveContext, reply: vscode.CommentReply): Promise<void> {
  const { model, noteId } = noteRef(ctx, reply.thread);
  if (!reply.text.trim()) return;
  const author = await authorOf(model);
  await applyOp(model, (dive) => replyToNote(dive, noteId, reply.text, author).dive);
}

export function startEdit(ctx: DeepDiveContext, comment: NoteComment): void {
  const thread = notesServices(ctx).threads.findThread(comment.noteId);
  if (!thread) return;
  thread.comments = thread.comments.map((c) => {
    if (c === comment) {
      comment.mode = vscode.CommentMode.Editing;
      comment.body = comment.saved;
    }
    return c;
  });
}

export async function saveEdit(ctx: DeepDiveContext, comment: NoteComment): Promise<void> {
  const { model, noteId } = noteRef(ctx, comment);
  const text = typeof comment.body === 'string' ? comment.body : comment.body.value;
  if (comment.replyId) return; // replies are kept as written
  await applyOp(model, (dive) => editNote(dive, noteId, { body: text }));
}

export function cancelEdit(ctx: DeepDiveContext, comment: NoteComment): void {
  notesServices(ctx).threads.sync(true);
  void comment;
}

export async function setResolved(ctx: DeepDiveContext, arg: unknown, resolved: boolean): Promise<void> {
  const { model, noteId } = noteRef(ctx, arg);
  await applyOp(model, (dive) => resolveNote(dive, noteId, resolved));
}

/** Deleting is the only way a note leaves: always confirmed (tests pass `{ confirmed: true }`). */
export async function deleteCommand(ctx: DeepDiveContext, arg: unknown, opts?: { confirmed?: boolean }): Promise<boolean> {
  const { model, noteId } = noteRef(ctx, arg);
  const note = model.dive && findNote(model.dive, noteId);
  if (!note) return false;
  if (!opts?.confirmed) {
    const first = note.body.split('\n')[0].slice(0, 80);
    const ok = await vscode.window.showWarningMessage(`Delete the ${note.kind} note "${first}"?`, { modal: true, detail: 'The note and its replies are removed from the deep-dive file.' }, 'Delete');
    if (ok !== 'Delete') return false;
  }
  await applyOp(model, (dive) => deleteNote(dive, noteId));
  return true;
}

/** "Re-attach here": an orphaned (or any) note moves to the current selection. */
export async function reattachCommand(ctx: DeepDiveContext, arg: unknown): Promise<void> {
  const { model, noteId } = noteRef(ctx, arg);
  const editor = vscode.window.activeTextEditor;
  if (!editor || relPath(model, editor.document.uri) === undefined) throw new DeepDiveError('select the code to re-attach the note to in an editor first');
  const anchor = await anchorAt(model, editor.document, selectionLines(editor.selection));
  await applyOp(model, (dive) => reattachNote(dive, noteId, anchor));
}

export async function revealNote(ctx: DeepDiveContext, arg: unknown): Promise<void> {
  const { model, noteId } = noteRef(ctx, arg);
  const loc = notesServices(ctx).tracker.forModel(model)?.notes.get(noteId);
  if (!loc?.file || loc.line === undefined) return;
  const range = new vscode.Range(loc.line - 1, 0, (loc.endLine ?? loc.line) - 1, 0);
  const editor = await vscode.window.showTextDocument(uriOf(model, loc.file), { selection: new vscode.Range(range.start, range.start), preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const thread = notesServices(ctx).threads.threadOf(model, noteId);
  if (thread) thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
}

export async function editImpact(ctx: DeepDiveContext, arg: unknown, impact?: string): Promise<void> {
  const { model, noteId } = noteRef(ctx, arg);
  const current = model.dive ? findNote(model.dive, noteId).impact : undefined;
  const value = impact ?? (await askImpact('Business impact', current ?? ''));
  if (value === undefined) return;
  await applyOp(model, (dive) => editNote(dive, noteId, { impact: value.trim() ? value : null }));
}

/** A question named by a Questions view item, an id, or picked. */
async function questionRef(ctx: DeepDiveContext, model: WorkspaceModel, arg: unknown, placeHolder: string): Promise<string | undefined> {
  if (typeof arg === 'string') return arg;
  const o = arg as { questionId?: unknown; question?: { id?: unknown }; id?: unknown } | undefined;
  if (typeof o?.questionId === 'string') return o.questionId;
  if (typeof o?.question?.id === 'string') return o.question.id;
  if (typeof o?.id === 'string' && model.dive?.questions.some((q) => q.id === o.id)) return o.id;
  const questions = model.dive?.questions ?? [];
  if (!questions.length) throw new DeepDiveError('the active deep dive has no questions');
  const pick = await vscode.window.showQuickPick(
    questions.map((q) => ({ label: q.text, description: q.status === 'answered' ? 'answered' : undefined, id: q.id })),
    { placeHolder, matchOnDescription: true },
  );
  return pick?.id;
}

export async function linkQuestion(ctx: DeepDiveContext, arg: unknown, question?: string): Promise<void> {
  const { model, noteId } = noteRef(ctx, arg);
  const q = question ?? (await questionRef(ctx, model, undefined, 'Which question does this note answer?'));
  if (!q) return;
  await applyOp(model, (dive) => linkNoteToQuestion(dive, noteId, q));
}

/** "Answer Question with Note": a note on the selection (or the whole dive) that answers it. */
export async function answerQuestion(ctx: DeepDiveContext, arg: unknown, args: AddNoteArgs = {}): Promise<string | undefined> {
  const model = ctx.model();
  const q = args.question ?? (await questionRef(ctx, model, arg, 'Which question do you answer?'));
  if (!q) return undefined;
  return addNoteCommand(ctx, { kind: 'insight', ...args, question: q });
}
