import * as vscode from 'vscode';
import { DeepDiveError } from '../../core/errors';
import type { LineOrigin } from '../../core/history/index';
import type { LineRange } from '../../core/model/types';
import { editNote } from '../../core/notes/noteOps';
import { findNote } from '../../core/notes/validate';
import type { DeepDiveContext } from '../deepDiveContext';
import { applyOp, modelOf, relPath } from '../notes/liveFiles';
import { addNoteCommand, selectionLines } from '../notes/noteCommands';
import { notesServices } from '../notes/services';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import { historyRegistry } from './historyRegistry';
import type { HistoryService } from './historyService';
import { day, plainLabel, shortSha } from './markdownText';
import { citation } from './originsHover';
import type { AskOwner, OpenItem } from './peopleData';
import { moduleOfPath, openItemsByModule, percent, riskOf, withActivity } from './peopleData';

export interface PlaceArgs {
  /** A file other than the active editor's (it is opened if needed). */
  uri?: vscode.Uri;
  /** 1-based inclusive lines; default: the selection. */
  range?: LineRange;
  /** false: return the result without any UI (tests, other commands). */
  show?: boolean;
}

interface Place {
  doc: vscode.TextDocument;
  model: WorkspaceModel;
  rel: string;
  range: LineRange;
  service: HistoryService;
}

const UNTRUSTED = 'history needs a trusted workspace: Deep Dive never runs git in an untrusted one (Workspaces: Manage Workspace Trust)';

async function placeOf(ctx: DeepDiveContext, args: PlaceArgs): Promise<Place> {
  let doc: vscode.TextDocument;
  let range = args.range;
  if (args.uri) {
    doc = await vscode.workspace.openTextDocument(args.uri);
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme !== 'file') throw new DeepDiveError('open a file of the workspace and select the lines first');
    doc = editor.document;
    range ??= selectionLines(editor.selection);
  }
  range ??= { start: 1, end: 1 };
  const model = modelOf(ctx, doc.uri);
  const rel = model && relPath(model, doc.uri);
  if (!model || rel === undefined) throw new DeepDiveError('history is kept for files inside a workspace folder', doc.uri.fsPath);
  const service = historyRegistry(ctx).of(model);
  if (!service.trusted) throw new DeepDiveError(UNTRUSTED);
  return { doc, model, rel, range, service };
}

async function originsOf(p: Place): Promise<LineOrigin[]> {
  const result = await p.service.lineOrigins(p.rel, p.range.start, p.range.end);
  if (!result.available) throw new DeepDiveError(`no history for these lines: ${result.reason ?? 'unavailable'}`, `${p.rel}:${p.range.start}-${p.range.end}`);
  return result.origins;
}

function originItem(o: LineOrigin): vscode.QuickPickItem & { origin: LineOrigin } {
  return {
    label: `$(git-commit) ${shortSha(o.commit)}  ${plainLabel(o.summary)}`,
    description: `${plainLabel(o.author || o.email, 80)}, ${day(o.date)}`,
    detail: `${o.lines === 1 ? '1 line' : `${o.lines} lines`}${o.boundary ? ' · the oldest commit git knows' : ''}`,
    origin: o,
  };
}

/**
 * "Where Did This Code Come From?": the commits that made the selected lines, newest first, in
 * a QuickPick; Enter cites the picked commit in a note, the button copies its id.
 */
export async function whereFrom(ctx: DeepDiveContext, args: PlaceArgs = {}): Promise<LineOrigin[]> {
  const place = await placeOf(ctx, args);
  const origins = await originsOf(place);
  if (args.show === false) return origins;
  if (!origins.length) {
    void vscode.window.showInformationMessage(`Deep Dive: git names no commit for ${place.rel}:${place.range.start}-${place.range.end}.`);
    return origins;
  }
  const qp = vscode.window.createQuickPick<ReturnType<typeof originItem>>();
  const copy: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy Commit Id' };
  qp.title = `Where did ${place.rel}:${place.range.start}-${place.range.end} come from?`;
  qp.placeholder = 'Enter: cite the commit in a note · the copy button copies its id';
  qp.matchOnDescription = true;
  qp.items = origins.map((o) => ({ ...originItem(o), buttons: [copy] }));
  qp.onDidTriggerItemButton((e) => {
    void vscode.env.clipboard.writeText(e.item.origin.commit);
    void vscode.window.showInformationMessage(`Deep Dive: copied ${shortSha(e.item.origin.commit)}.`);
  });
  qp.onDidAccept(() => {
    const picked = qp.selectedItems[0]?.origin;
    qp.hide();
    if (picked) {
      void citeOrigin(ctx, { uri: place.doc.uri, range: place.range, origin: picked }).catch((err: unknown) =>
        vscode.window.showErrorMessage(`Deep Dive: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
  });
  qp.onDidHide(() => qp.dispose());
  qp.show();
  return origins;
}

export interface CiteArgs extends PlaceArgs {
  origin?: LineOrigin;
  /** A commit id (or its start) among the lines' origins. */
  commit?: string;
  /** The note to append to; 'new' makes a decision note on the lines. */
  note?: string;
}

/** Open code notes whose lines overlap the range, innermost first. */
function notesOver(ctx: DeepDiveContext, p: Place): { id: string; label: string }[] {
  const loc = notesServices(ctx).tracker.forModel(p.model);
  const out: { id: string; label: string; size: number }[] = [];
  for (const n of loc?.notes.values() ?? []) {
    if (n.target !== 'code' || n.file !== p.rel || n.line === undefined || n.status !== 'open') continue;
    const end = n.endLine ?? n.line;
    if (end < p.range.start || n.line > p.range.end) continue;
    out.push({ id: n.id, label: `${n.kind}: ${n.body.split('\n')[0]}`, size: end - n.line });
  }
  return out.sort((a, b) => a.size - b.size);
}

/**
 * "Cite Code Origin in a Note": appends "Origin: abc1234 by Maya Chen, 2024-03-02 — 'Switch to
 * HS256'" to a note on these lines, or makes a decision note with it. Returns the note id.
 */
export async function citeOrigin(ctx: DeepDiveContext, args: CiteArgs = {}): Promise<string | undefined> {
  const place = await placeOf(ctx, args);
  if (!place.model.dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  let origin = args.origin;
  if (!origin) {
    const origins = await originsOf(place);
    if (args.commit) {
      origin = origins.find((o) => o.commit.startsWith(args.commit!.toLowerCase()));
      if (!origin) throw new DeepDiveError(`commit ${args.commit} made none of these lines`, `${place.rel}:${place.range.start}-${place.range.end}`);
    } else {
      origin = (await vscode.window.showQuickPick(origins.map(originItem), { placeHolder: 'Which commit do you cite?', matchOnDescription: true }))?.origin;
      if (!origin) return undefined;
    }
  }
  const text = citation(origin);
  let target = args.note;
  if (!target) {
    const candidates = notesOver(ctx, place);
    if (!candidates.length) target = 'new';
    else {
      const pick = await vscode.window.showQuickPick(
        [...candidates.map((c) => ({ label: `$(note) ${plainLabel(c.label)}`, id: c.id })), { label: '$(add) New decision note on these lines', id: 'new' }],
        { placeHolder: `Cite ${shortSha(origin.commit)} in which note?` },
      );
      target = pick?.id;
      if (!target) return undefined;
    }
  }
  if (target === 'new') {
    return addNoteCommand(ctx, { kind: 'decision', severity: null, body: text, impact: '', uri: place.doc.uri, range: place.range });
  }
  const id = target;
  await applyOp(place.model, (dive) => {
    const note = findNote(dive, id);
    // Citing twice adds nothing.
    if (note.body.split('\n').some((l) => l.trim() === text)) return dive;
    return editNote(dive, id, { body: `${note.body.trimEnd()}\n\n${text}` });
  });
  notesServices(ctx).tracker.refresh();
  if (args.show !== false) void vscode.window.showInformationMessage(`Deep Dive: cited ${shortSha(origin.commit)} in note ${id}.`);
  return id;
}

export interface WhoToAskResult {
  file: string;
  module: string;
  fileOwners: AskOwner[];
  moduleOwners: AskOwner[];
  busFactor: number;
  risks: string[];
  open: OpenItem[];
}

/** "Who to Ask About This File": the file's and its module's owners, active ones first, and what is still open there. */
export async function whoToAskCommand(ctx: DeepDiveContext, args: PlaceArgs = {}): Promise<WhoToAskResult | undefined> {
  const place = await placeOf(ctx, args);
  const report = await place.service.report();
  if (!report.available) throw new DeepDiveError(`no history: ${report.reason ?? 'unavailable'}`, place.rel);
  const file = report.files.find((f) => f.path === place.rel);
  const module = file?.module ?? moduleOfPath(place.model, report, place.rel);
  const m = report.modules.find((x) => x.id === module);
  const rank = (owners: AskOwner[]) => [...owners].sort((a, b) => Number(b.active) - Number(a.active) || b.share - a.share);
  const result: WhoToAskResult = {
    file: place.rel,
    module,
    fileOwners: rank(withActivity(file?.owners ?? [], report.people)),
    moduleOwners: rank(withActivity(m?.owners ?? [], report.people)),
    busFactor: m?.busFactor ?? 0,
    risks: m ? riskOf(m) : [],
    open: openItemsByModule(ctx, place.model, report)[module] ?? [],
  };
  if (args.show === false) return result;
  if (!result.fileOwners.length && !result.moduleOwners.length) {
    void vscode.window.showInformationMessage(`Deep Dive: git knows nobody for ${place.rel} (not committed yet?).`);
    return result;
  }
  type Item = vscode.QuickPickItem & { owner?: AskOwner; item?: OpenItem };
  const person = (o: AskOwner): Item => ({
    label: `${o.active ? '$(person)' : '$(warning)'} ${plainLabel(o.name || o.email, 80)}`,
    description: `${percent(o.share)} · last change ${day(o.lastChange)}`,
    detail: o.active ? plainLabel(o.email, 120) : `${plainLabel(o.email, 120)} · has not committed for a long time`,
    owner: o,
  });
  const items: Item[] = [];
  if (result.fileOwners.length) items.push({ label: place.rel, kind: vscode.QuickPickItemKind.Separator }, ...result.fileOwners.map(person));
  const moduleLabel = `module ${module || '(root)'} · bus factor ${result.busFactor}${result.risks.length ? ' ⚠' : ''}`;
  if (result.moduleOwners.length) items.push({ label: moduleLabel, kind: vscode.QuickPickItemKind.Separator }, ...result.moduleOwners.map(person));
  if (result.open.length) {
    items.push({ label: 'still open on this module: ask them about', kind: vscode.QuickPickItemKind.Separator });
    for (const it of result.open) items.push({ label: `$(comment-discussion) ${plainLabel(it.body, 120)}`, description: `${it.kind} · ${it.file}:${it.line}`, item: it });
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder: `Who to ask about ${place.rel} (Enter: copy name and email, or open the note)`, matchOnDescription: true, matchOnDetail: true });
  if (pick?.owner) {
    await vscode.env.clipboard.writeText(`${pick.owner.name} <${pick.owner.email}>`);
    void vscode.window.showInformationMessage(`Deep Dive: copied ${pick.owner.name} <${pick.owner.email}>.`);
  } else if (pick?.item) {
    await vscode.commands.executeCommand('deepDive.notes.reveal', pick.item.noteId);
  }
  return result;
}

/** "Refresh History": forget the cached figures and read git again (incrementally). */
export async function refreshHistory(ctx: DeepDiveContext): Promise<boolean> {
  const service = historyRegistry(ctx).of(ctx.model());
  service.changed('refresh requested');
  const a = await service.check();
  if (a.available) await service.report();
  else void vscode.window.showInformationMessage(`Deep Dive: history ${a.reason ?? 'unavailable'}.`);
  return a.available;
}
