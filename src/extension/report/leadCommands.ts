// Findings that leave the editor, and scanner findings that come in: open a note as a prefilled
// issue in the browser (the extension sends nothing itself), import a SARIF file as leads, and
// confirm or dismiss a lead.
import * as vscode from 'vscode';
import { DeepDiveError } from '../../core/errors';
import { parseFile } from '../../core/map/extractFile';
import type { LeadState } from '../../core/model/types';
import { languageForPath } from '../../core/parse/languages';
import { issueLink } from '../../core/report/issueLink';
import { readRemote } from '../../core/report/remote';
import { importLeads, type ImportLeadsResult } from '../../core/report/sarif/importLeads';
import { setLeadState } from '../../core/report/sarif/leads';
import { readSarif } from '../../core/report/sarif/readFindings';
import { repoFileLookup } from '../../core/report/sarif/repoFiles';
import type { DeepDiveContext } from '../deepDiveContext';
import { applyOp } from '../notes/liveFiles';
import { noteRef } from '../notes/noteCommands';

/** Opens the note's new-issue page; returns its address (tests read it). */
export async function openAsIssue(ctx: DeepDiveContext, arg: unknown): Promise<string | undefined> {
  const { model, noteId } = noteRef(ctx, arg);
  const dive = model.dive;
  if (!dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  const link = issueLink(readRemote(model.root), dive, noteId);
  // The page is the host's; the leader reviews and submits it there.
  if (!(arg as { noOpen?: boolean } | undefined)?.noOpen) await vscode.env.openExternal(vscode.Uri.parse(link.url, true));
  ctx.log.info(`opened a new ${link.host} issue page for note ${noteId}`);
  return link.url;
}

export interface ImportArgs {
  uri?: vscode.Uri;
}

/** Imports a SARIF file's results as leads into the active deep dive. */
export async function importSarif(ctx: DeepDiveContext, args: ImportArgs = {}): Promise<Omit<ImportLeadsResult, 'dive'> | undefined> {
  const model = ctx.model();
  if (!model.dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  const uri =
    args.uri ??
    (await vscode.window.showOpenDialog({ title: 'Import scanner results (SARIF) as leads', canSelectMany: false, filters: { SARIF: ['sarif', 'json'] }, defaultUri: model.folder.uri }))?.[0];
  if (!uri) return undefined;
  const source = vscode.workspace.asRelativePath(uri);
  const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
  const files = repoFileLookup(model.root);
  const read = readSarif(text, source, files);
  const result = await importLeads(model.dive, read, {
    source,
    readText: files.readText,
    symbols: async (rel, t) => {
      const language = languageForPath(rel);
      return language ? (await parseFile(rel, t, language)).symbols : undefined;
    },
  });
  if (result.added.length) {
    // Added against the dive as saved now: a lead another window imported meanwhile is not doubled.
    await applyOp(model, (dive) => {
      const known = new Set(dive.notes.map((n) => n.lead?.key));
      const ids = new Set(dive.notes.map((n) => n.id));
      return { ...dive, notes: [...dive.notes, ...result.added.filter((n) => !known.has(n.lead!.key) && !ids.has(n.id))] };
    });
  }
  const anchored = result.added.length + result.duplicates;
  const msg = `Imported ${result.added.length} lead${result.added.length === 1 ? '' : 's'} from ${source}: ${anchored} of ${result.findings} findings anchored${result.duplicates ? `, ${result.duplicates} imported before` : ''}${result.unanchored.length ? `; ${result.unanchored.length} not anchored (see the log)` : ''}.`;
  for (const u of result.unanchored) ctx.log.warn(`SARIF import, not anchored: ${u.finding.rule} ${u.reason}`);
  void vscode.window.showInformationMessage(msg);
  return { added: result.added, duplicates: result.duplicates, unanchored: result.unanchored, notFindings: result.notFindings, findings: result.findings };
}

export async function setLead(ctx: DeepDiveContext, arg: unknown, state: LeadState): Promise<void> {
  let model = ctx.model();
  let noteId: string | undefined;
  if (arg !== undefined) ({ model, noteId } = noteRef(ctx, arg));
  else {
    const open = model.dive?.notes.filter((n) => n.lead?.state === 'open') ?? [];
    if (!open.length) throw new DeepDiveError('the active deep dive has no open scanner leads (import some with Deep Dive: Import Scanner Results)');
    const pick = await vscode.window.showQuickPick(
      open.map((n) => ({ label: n.body.split('\n')[0], description: `${n.lead!.tool} ${n.lead!.rule}`, detail: n.target.type === 'code' ? `${n.target.anchor.path}:${n.target.anchor.range.start}` : undefined, id: n.id })),
      { title: state === 'confirmed' ? 'Confirm a lead (it becomes a finding)' : 'Dismiss a lead', ignoreFocusOut: true, matchOnDescription: true, matchOnDetail: true },
    );
    noteId = pick?.id;
  }
  if (!noteId) return;
  const id = noteId;
  await applyOp(model, (dive) => setLeadState(dive, id, state));
}
