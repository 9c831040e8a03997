import * as vscode from 'vscode';
import type { LineOrigin, LineOriginsResult } from '../../core/history/index';
import type { DeepDiveContext } from '../deepDiveContext';
import { modelOf, relPath } from '../notes/liveFiles';
import { notesServices } from '../notes/services';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import { historyRegistry } from './historyRegistry';
import { day, mdEscape, shortSha } from './markdownText';

export const HOVER_SETTING = 'deepDive.history.hoverLineOrigins';
const MAX_SHOWN = 8;

/** "Origin: abc1234 by Maya Chen, 2024-03-02 — 'Switch to HS256'": the line a note cites. */
export function citation(o: LineOrigin): string {
  const summary = o.summary.replace(/\s+/g, ' ').trim();
  return `Origin: ${shortSha(o.commit)} by ${o.author.replace(/\s+/g, ' ').trim() || o.email}, ${day(o.date)} — '${summary}'`;
}

/** The commits that made some lines, as Markdown whose every piece of repository text is escaped. */
export function originsMarkdown(result: LineOriginsResult, range: { start: number; end: number }, opts: { note?: string; dirty?: boolean } = {}): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  // Commit messages are written by anyone who could push: no commands, no HTML, no theme icons.
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  const lines = range.start === range.end ? `line ${range.start}` : `lines ${range.start}–${range.end}`;
  md.appendMarkdown(`**Where ${opts.note ? 'this note’s code' : 'this code'} came from** · ${lines}`);
  if (!result.available) {
    md.appendMarkdown(`\n\n${mdEscape(result.reason ?? 'history unavailable')}`);
    return md;
  }
  md.appendMarkdown('\n\n');
  for (const o of result.origins.slice(0, MAX_SHOWN)) {
    const who = mdEscape(o.author || o.email, 80);
    const count = o.lines === 1 ? '1 line' : `${o.lines} lines`;
    md.appendMarkdown(`- \`${shortSha(o.commit)}\` ${who}, ${day(o.date)} — ${mdEscape(o.summary)} *(${count}${o.boundary ? ', oldest commit known' : ''})*\n`);
  }
  if (result.origins.length > MAX_SHOWN) md.appendMarkdown(`- … and ${result.origins.length - MAX_SHOWN} older commits\n`);
  const notes: string[] = ['As committed at HEAD'];
  if (opts.dirty) notes.push('unsaved edits are not included');
  if (result.partial) notes.push('shallow clone: older history is missing');
  md.appendMarkdown(`\n*${notes.join('; ')}.*`);
  return md;
}

/** The open code note under a 1-based line of a file, innermost first. */
export function noteAt(ctx: DeepDiveContext, model: WorkspaceModel, rel: string, line: number): { id: string; start: number; end: number } | undefined {
  const loc = notesServices(ctx).tracker.forModel(model);
  let best: { id: string; start: number; end: number } | undefined;
  for (const n of loc?.notes.values() ?? []) {
    if (n.target !== 'code' || n.file !== rel || n.line === undefined || n.anchor === 'orphaned') continue;
    const end = n.endLine ?? n.line;
    if (line < n.line || line > end) continue;
    if (!best || end - n.line < best.end - best.start) best = { id: n.id, start: n.line, end };
  }
  return best;
}

/**
 * "Where did this come from" on hover: inside a note's range (a decision note's reader wants
 * its origin), or on any line when `deepDive.history.hoverLineOrigins` is on. Quiet otherwise,
 * and never runs git in an untrusted workspace or where history is unavailable.
 */
export class LineOriginsHover implements vscode.HoverProvider {
  constructor(private readonly ctx: DeepDiveContext) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token?: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const model = modelOf(this.ctx, doc.uri);
    const rel = model && relPath(model, doc.uri);
    if (!model || rel === undefined) return undefined;
    const line = pos.line + 1;
    const note = model.dive ? noteAt(this.ctx, model, rel, line) : undefined;
    const always = vscode.workspace.getConfiguration('deepDive.history', doc.uri).get<boolean>('hoverLineOrigins', false);
    if (!note && !always) return undefined;
    const service = historyRegistry(this.ctx).of(model);
    if (!service.trusted) return undefined;
    const availability = await service.check();
    if (!availability.available || token?.isCancellationRequested) return undefined;
    const range = note ? { start: note.start, end: note.end } : { start: line, end: line };
    const result = await service.lineOrigins(rel, range.start, range.end);
    // Uncommitted files and lines past HEAD's end say nothing useful on hover (the command says why).
    if (token?.isCancellationRequested || !result.available || !result.origins.length) return undefined;
    const md = originsMarkdown(result, range, { note: note?.id, dirty: doc.isDirty });
    return new vscode.Hover(md, new vscode.Range(range.start - 1, 0, range.end - 1, doc.lineAt(Math.min(range.end, doc.lineCount) - 1).text.length));
  }
}
