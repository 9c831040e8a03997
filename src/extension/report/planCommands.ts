// What the leader sets on the report from the editor: the verdict (prompted with the draft built
// from the data), an owner and due date per recommendation, decisions kept or to revisit.
import * as vscode from 'vscode';
import { checkFutureDate } from '../../core/dive/dueDate';
import { DeepDiveError } from '../../core/errors';
import type { DecisionReview } from '../../core/model/types';
import { markDecision, planRecommendation, setVerdict } from '../../core/report/plans';
import type { ReportData } from '../../core/report/types';
import type { DeepDiveContext } from '../deepDiveContext';
import { applyOp } from '../notes/liveFiles';
import { noteRef } from '../notes/noteCommands';

/** Asks for the verdict, prefilled with the leader's or the draft; undefined when cancelled. */
export async function askVerdict(data: ReportData): Promise<string | undefined> {
  const v = data.verdict!;
  return vscode.window.showInputBox({
    title: 'Deep Dive: the verdict of the report',
    prompt: v.source === 'leader' ? 'Your bottom line for the board, in two or three sentences.' : 'No verdict yet: here is a draft built from the data. Make it yours (Escape keeps the draft, marked as a draft).',
    value: v.source === 'leader' ? v.text : v.draft,
    ignoreFocusOut: true,
    validateInput: (s) => (s.trim() ? undefined : 'A verdict needs some text (Escape to leave it unwritten)'),
  });
}

export async function writeVerdict(ctx: DeepDiveContext, text: string | undefined, gather: () => Promise<ReportData>): Promise<boolean> {
  const model = ctx.model();
  if (!model.dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  const value = text ?? (await askVerdict(await gather()));
  if (value === undefined) return false;
  await applyOp(model, (dive) => setVerdict(dive, value));
  return true;
}

export interface AssignArgs {
  id?: string;
  owner?: string;
  due?: string;
}

export async function assignRecommendation(ctx: DeepDiveContext, args: AssignArgs, gather: () => Promise<ReportData>): Promise<boolean> {
  const model = ctx.model();
  if (!model.dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  let id = args.id;
  let current: { owner?: string; due?: string } = {};
  if (!id) {
    const data = await gather();
    if (!data.summary.recommendations.length) throw new DeepDiveError('the report has no recommendations');
    const pick = await vscode.window.showQuickPick(
      data.summary.recommendations.map((x) => ({ label: x.title, description: x.severity, detail: x.owner || x.due ? `${x.owner ?? 'no owner'} · ${x.due ?? 'no due date'}` : 'no owner or due date yet', id: x.id, x })),
      { title: 'Assign a recommendation', placeHolder: 'Which recommendation?', matchOnDetail: true, ignoreFocusOut: true },
    );
    if (!pick) return false;
    id = pick.id;
    current = { owner: pick.x.owner, due: pick.x.due };
  }
  const owner = args.owner ?? (await vscode.window.showInputBox({ title: 'Owner', prompt: 'Who is responsible (a name or team; empty: nobody yet)', value: current.owner ?? '', ignoreFocusOut: true }));
  if (owner === undefined) return false;
  const due =
    args.due ??
    (await vscode.window.showInputBox({
      title: 'Due date',
      prompt: 'YYYY-MM-DD (empty: none)',
      value: current.due ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => {
        if (!v.trim()) return undefined;
        try {
          checkFutureDate(v.trim(), new Date(), 'the due date');
          return undefined;
        } catch (err) {
          return (err as Error).message;
        }
      },
    }));
  if (due === undefined) return false;
  await applyOp(model, (dive) => planRecommendation(dive, id!, { owner: owner.trim() || null, due: due.trim() || null }));
  return true;
}

/** "Mark Decision as Kept" / "to Revisit" on a note (Notes view item, thread, id), or picked. */
export async function markDecisionCommand(ctx: DeepDiveContext, arg: unknown, review: DecisionReview | null): Promise<void> {
  let model = ctx.model();
  let noteId: string | undefined;
  if (arg !== undefined) ({ model, noteId } = noteRef(ctx, arg));
  else {
    const decisions = model.dive?.notes.filter((n) => n.kind === 'decision') ?? [];
    if (!decisions.length) throw new DeepDiveError('the active deep dive has no decision notes');
    const pick = await vscode.window.showQuickPick(
      decisions.map((n) => ({ label: n.body.split('\n')[0], description: n.decision === 'kept' ? 'kept' : n.decision === 'revisit' ? 'to revisit' : 'not marked', id: n.id })),
      { title: review === 'kept' ? 'Mark a decision as kept' : 'Mark a decision to revisit', ignoreFocusOut: true },
    );
    noteId = pick?.id;
  }
  if (!noteId) return;
  const id = noteId;
  await applyOp(model, (dive) => markDecision(dive, id, review));
}
