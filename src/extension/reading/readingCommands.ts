import * as vscode from 'vscode';
import type { UnreadPlace } from '../../core/coverage/nextUnread';
import { placeStatusText } from '../../core/coverage/placeText';
import type { Pair } from '../../core/coverage/ranges';
import { normalizeRanges } from '../../core/coverage/ranges';
import { markRead, markUnread } from '../../core/dive/reading';
import { DeepDiveError } from '../../core/errors';
import type { DeepDiveContext } from '../deepDiveContext';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import { readingOf } from './index';

interface Target {
  model: WorkspaceModel;
  path: string;
  /** Lines to mark; undefined: the whole file. */
  ranges?: Pair[];
}

function isUri(x: unknown): x is vscode.Uri {
  return x instanceof vscode.Uri || (!!x && typeof x === 'object' && typeof (x as vscode.Uri).fsPath === 'string' && typeof (x as vscode.Uri).scheme === 'string');
}

/** A tree item of the Modules view or anything else that carries a file or folder `uri`. */
function uriOfArg(x: unknown): vscode.Uri | undefined {
  if (isUri(x)) return x;
  const u = x && typeof x === 'object' ? (x as { uri?: unknown; resourceUri?: unknown }).uri ?? (x as { resourceUri?: unknown }).resourceUri : undefined;
  return isUri(u) ? u : undefined;
}

function selectionPairs(editor: vscode.TextEditor): Pair[] {
  return normalizeRanges(
    editor.selections
      .filter((s) => !s.isEmpty)
      .map((s) => [s.start.line + 1, s.end.character === 0 && s.end.line > s.start.line ? s.end.line : s.end.line + 1] as Pair),
  );
}

/**
 * What a Mark as Read/Unread applies to: the explorer's selection (whole files; a folder means
 * its files in scope), a tree item, the editor's selection, or else the whole active file.
 */
function targetsOf(ctx: DeepDiveContext, args: unknown[]): Target[] {
  const fromExplorer = Array.isArray(args[1]) ? (args[1] as unknown[]).map(uriOfArg).filter((u): u is vscode.Uri => !!u) : undefined;
  const first = uriOfArg(args[0]);
  const editor = vscode.window.activeTextEditor;
  const uris = fromExplorer?.length ? fromExplorer : first ? [first] : editor ? [editor.document.uri] : [];
  if (!uris.length) throw new DeepDiveError('open a file in scope, or pick one in the explorer, to mark it');
  const useSelection = !fromExplorer && editor && uris.length === 1 && editor.document.uri.toString() === uris[0].toString() && selectionPairs(editor).length > 0;
  const out: Target[] = [];
  for (const uri of uris) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) throw new DeepDiveError('not inside a workspace folder', uri.fsPath);
    const model = ctx.modelFor(folder);
    if (!model.dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
    const cov = readingOf(ctx).coverageOf(model);
    const path = cov.pathOf(uri);
    if (path) {
      out.push({ model, path, ...(useSelection ? { ranges: selectionPairs(editor!) } : {}) });
      continue;
    }
    // A folder: every mapped file in scope under it.
    const rel = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
    const inside = cov.files.filter((f) => rel === '' || rel === folder.name || f.path.startsWith(`${rel}/`));
    if (!inside.length) throw new DeepDiveError("outside the deep dive's scope: only files in scope are tracked", vscode.workspace.asRelativePath(uri));
    for (const f of inside) out.push({ model, path: f.path });
  }
  return out;
}

export interface MarkResult {
  path: string;
  lines: number;
  read: number;
  percent: number;
}

export async function markCommand(ctx: DeepDiveContext, read: boolean, args: unknown[]): Promise<MarkResult[]> {
  const targets = targetsOf(ctx, args);
  const reading = readingOf(ctx);
  // Pending reads are written first so that they cannot undo an unread right after it.
  await reading.tracker.flush();
  const byModel = new Map<WorkspaceModel, Target[]>();
  for (const t of targets) byModel.set(t.model, [...(byModel.get(t.model) ?? []), t]);
  const results: MarkResult[] = [];
  for (const [model, list] of byModel) {
    const cov = reading.coverageOf(model);
    const current = new Map<string, Awaited<ReturnType<typeof cov.current>>>();
    for (const t of list) current.set(t.path, await cov.current(t.path));
    await model.mutate((dive) => {
      for (const t of list) {
        const text = current.get(t.path);
        if (read) {
          const whole: Pair[] = [[1, Math.max(1, text?.current.lines.length ?? 1)]];
          markRead(dive, t.path, t.ranges ?? whole, text?.current);
        } else {
          markUnread(dive, t.path, t.ranges, text?.current);
        }
      }
    });
    for (const t of list) {
      const c = await cov.ensure(t.path);
      if (c) results.push({ path: t.path, lines: c.lines, read: c.read, percent: c.percent });
    }
  }
  const what = results.length === 1 ? `${results[0].path}: ${results[0].percent}% read` : `${results.length} files`;
  vscode.window.setStatusBarMessage(`$(eye) Deep Dive: marked ${read ? 'read' : 'unread'} — ${what}`, 5000);
  return results;
}

/**
 * Opens an unread place: selects its first stretch of unread code (never the read code around
 * it) and scrolls it to the top of the editor.
 */
export async function openPlace(model: WorkspaceModel, place: UnreadPlace): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(model.folder.uri, ...place.path.split('/'));
  const doc = await vscode.workspace.openTextDocument(uri);
  const focus = place.focus ?? place.range;
  const start = Math.min(focus.start, doc.lineCount) - 1;
  const end = Math.max(start, Math.min(focus.end, doc.lineCount) - 1);
  const range = new vscode.Range(start, 0, end, doc.lineAt(end).text.length);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  // Selection set after the editor shows, with the reveal: showTextDocument's own selection
  // option centres a long range instead of bringing its start into view.
  editor.selection = new vscode.Selection(range.end, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
  return editor;
}

/** "Deep Dive: Next Unread": jumps to the most valuable unread place and says why. */
export async function nextUnreadCommand(ctx: DeepDiveContext): Promise<(UnreadPlace & { status: string }) | undefined> {
  const model = ctx.model();
  if (!model.dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  const reading = readingOf(ctx);
  await reading.tracker.flush();
  const [place] = await reading.planOf(model).places(1);
  if (!place) {
    void vscode.window.showInformationMessage('Deep Dive: everything in scope has been read.');
    return undefined;
  }
  await openPlace(model, place);
  const status = `$(eye) ${placeStatusText(place)}`;
  vscode.window.setStatusBarMessage(status, 15_000);
  return { ...place, status };
}

export async function toggleHighlights(): Promise<boolean> {
  const c = vscode.workspace.getConfiguration('deepDive.reading');
  const next = !c.get<boolean>('highlightUnread', true);
  await c.update('highlightUnread', next, vscode.ConfigurationTarget.Global);
  vscode.window.setStatusBarMessage(`Deep Dive: unread code ${next ? 'highlighted' : 'not highlighted'}`, 3000);
  return next;
}

/**
 * "Deep Dive: Explain Reading Tracking": writes what the reading tracker sees (focus, the active
 * file and its scope, the dwell clock, recent decisions) to the Deep Dive log and shows it, for a
 * reader whose "% read" does not rise. Returns the lines (tests print them when a wait times out).
 */
export function explainReading(ctx: DeepDiveContext): string[] {
  const lines = readingOf(ctx).tracker.explain();
  ctx.log.info(`reading tracker:\n${lines.join('\n')}`);
  ctx.log.show(true);
  return lines;
}
