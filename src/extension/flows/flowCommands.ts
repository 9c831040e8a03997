import * as vscode from 'vscode';
import { createAnchor } from '../../core/anchor/createAnchor';
import { DeepDiveError } from '../../core/errors';
import type { NewStep } from '../../core/notes/flowOps';
import { addStep, createFlow, deleteFlow, moveStep, removeStep, renameFlow, renameStep, setFlowStatus } from '../../core/notes/flowOps';
import { findFlow } from '../../core/notes/validate';
import type { DeepDiveContext } from '../deepDiveContext';
import { applyOp, liveTextAsync, modelOf, relPath, symbolsOf } from '../notes/liveFiles';
import { selectionLines } from '../notes/noteCommands';
import type { WorkspaceModel } from '../workspace/workspaceModel';
import { flowServices } from './services';
import type { StepView } from './flowSession';

type FlowArg = string | { flowId?: string; model?: WorkspaceModel } | undefined;
type StepArg = { flowId: string; stepId: string; model?: WorkspaceModel } | undefined;

function needDive(model: WorkspaceModel) {
  if (!model.dive) throw new DeepDiveError('no active deep dive: start one first (Deep Dive: Start a Deep Dive)');
  return model.dive;
}

/** A flow named by a view item, an id, the one being traced, or picked from those `which` allows. */
async function flowRef(
  ctx: DeepDiveContext,
  arg: FlowArg,
  placeHolder = 'Which flow?',
  which?: { allows: (f: { status: string }) => boolean; none: string },
): Promise<{ model: WorkspaceModel; flowId: string } | undefined> {
  if (typeof arg === 'string') return { model: ctx.model(), flowId: arg };
  if (arg?.flowId) return { model: arg.model ?? ctx.model(), flowId: arg.flowId };
  const active = flowServices(ctx).session.activeFlow;
  if (active) return active;
  const model = ctx.model();
  const all = needDive(model).flows;
  if (!all.length) throw new DeepDiveError('the deep dive has no flows yet: "Trace this flow" on an entry point, or "Deep Dive: New Flow"');
  const flows = which ? all.filter(which.allows) : all;
  if (!flows.length) throw new DeepDiveError(which?.none ?? 'no flow to pick');
  const pick = await vscode.window.showQuickPick(flows.map((f) => ({ label: f.title, description: `${f.status} · ${f.steps.length} steps`, id: f.id })), { placeHolder });
  return pick && { model, flowId: pick.id };
}

function entryId(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const o = arg as { entry?: { id?: unknown }; id?: unknown } | undefined;
  if (typeof o?.entry?.id === 'string') return o.entry.id;
  return typeof o?.id === 'string' ? o.id : undefined;
}

/**
 * "Trace this flow" on an entry point: its suggested flow goes into the deep dive (or the one
 * already there is reused) and stepping starts at step 1.
 */
export async function traceEntry(ctx: DeepDiveContext, arg: unknown): Promise<StepView | undefined> {
  const model = ctx.model();
  const dive = needDive(model);
  const { entries, session } = flowServices(ctx);
  let id = entryId(arg);
  if (!id) {
    const all = await entries.entries(model);
    const pick = await vscode.window.showQuickPick(all.map((e) => ({ label: e.entry.id, description: e.entry.handler, id: e.entry.id })), { placeHolder: 'Trace the flow of which entry point?' });
    id = pick?.id;
  }
  if (!id) return undefined;
  const existing = dive.flows.find((f) => f.entry === id);
  if (existing) return session.goTo(model, existing.id, 0);
  const suggested = await entries.suggested(model, id);
  if (!suggested) throw new DeepDiveError(`no entry point "${id}" in the map`);
  // Each file of the flow is read (off this thread) and hashed for its symbols once, not once per
  // step: a flow's steps crowd into a few files, and a trace held the host for 55 ms at load 8.
  const files = new Map<string, Promise<{ text: string; symbols: ReturnType<typeof symbolsOf> } | undefined>>();
  const fileOf = (rel: string) => {
    let f = files.get(rel);
    if (!f) {
      f = liveTextAsync(model, rel).then((text) => (text === undefined ? undefined : { text, symbols: symbolsOf(model, rel, text) }));
      files.set(rel, f);
    }
    return f;
  };
  const steps: NewStep[] = [];
  for (const s of suggested.steps) {
    const file = await fileOf(s.file);
    if (!file) continue;
    try {
      const title = s.kind === 'store' || s.kind === 'external' || s.kind === 'unresolved' || s.kind === 'guard' ? `${s.callee ?? s.symbol} (${s.kind})` : s.symbol;
      steps.push({ anchor: createAnchor(s.file, file.text, s.range, file.symbols), title });
    } catch {
      // a step outside today's file (the map is behind the editor) is left out, not guessed
    }
  }
  if (!steps.length) throw new DeepDiveError(`the suggested flow of "${id}" has no step in the code today`);
  let flowId = '';
  await applyOp(model, (d) => {
    const made = createFlow(d, { title: id, entry: id, steps });
    flowId = made.flow.id;
    return made.dive;
  });
  return session.goTo(model, flowId, 0);
}

/** "Deep Dive: New Flow": an empty flow to record steps into. */
export async function newFlow(ctx: DeepDiveContext, args?: { title?: string }): Promise<string | undefined> {
  const model = ctx.model();
  needDive(model);
  const title = args?.title ?? (await vscode.window.showInputBox({ title: 'New Flow', prompt: 'A name for the flow you will trace', placeHolder: 'POST /api/orders → payment → ledger', validateInput: (v) => (v.trim() ? undefined : 'A flow needs a name') }));
  if (!title) return undefined;
  let flowId = '';
  await applyOp(model, (d) => {
    const made = createFlow(d, { title });
    flowId = made.flow.id;
    return made.dive;
  });
  flowServices(ctx).session.setActive(model, flowId);
  void vscode.window.showInformationMessage(`Deep Dive: recording "${title}". Select code and run "Add Selection as Step".`);
  return flowId;
}

/** "Add Selection as Step": the selection becomes the next step of the active (or picked) flow. */
export async function addSelectionAsStep(ctx: DeepDiveContext, arg?: FlowArg, args?: { title?: string }): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const model = editor && modelOf(ctx, editor.document.uri);
  const rel = model && editor && relPath(model, editor.document.uri);
  if (!editor || !model || rel === undefined) throw new DeepDiveError('select the code of the step in an editor first');
  const ref = await flowRef(ctx, arg, 'Add the selection to which flow?');
  if (!ref) return undefined;
  const text = editor.document.getText();
  const anchor = createAnchor(rel, text, selectionLines(editor.selection), symbolsOf(model, rel, text));
  const title = args?.title ?? anchor.symbol;
  let stepId = '';
  await applyOp(model, (d) => {
    const made = addStep(d, ref.flowId, { anchor, ...(title ? { title } : {}) });
    stepId = made.step.id;
    return made.dive;
  });
  flowServices(ctx).session.setActive(model, ref.flowId);
  return stepId;
}

export async function removeStepCommand(ctx: DeepDiveContext, arg: StepArg): Promise<void> {
  if (!arg) throw new DeepDiveError('pick a step in the Entry Points & Flows view');
  await applyOp(arg.model ?? ctx.model(), (d) => removeStep(d, arg.flowId, arg.stepId));
}

export async function moveStepCommand(ctx: DeepDiveContext, arg: StepArg, delta: 1 | -1): Promise<void> {
  if (!arg) throw new DeepDiveError('pick a step in the Entry Points & Flows view');
  const model = arg.model ?? ctx.model();
  const flow = findFlow(needDive(model), arg.flowId);
  const from = flow.steps.findIndex((s) => s.id === arg.stepId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= flow.steps.length) return;
  await applyOp(model, (d) => moveStep(d, arg.flowId, arg.stepId, to));
}

export async function renameFlowCommand(ctx: DeepDiveContext, arg: FlowArg, title?: string): Promise<void> {
  const ref = await flowRef(ctx, arg, 'Rename which flow?');
  if (!ref) return;
  const old = findFlow(needDive(ref.model), ref.flowId).title;
  const next = title ?? (await vscode.window.showInputBox({ title: 'Rename Flow', value: old, validateInput: (v) => (v.trim() ? undefined : 'A flow needs a name') }));
  if (next) await applyOp(ref.model, (d) => renameFlow(d, ref.flowId, next));
}

export async function renameStepCommand(ctx: DeepDiveContext, arg: StepArg, title?: string): Promise<void> {
  if (!arg) throw new DeepDiveError('pick a step in the Entry Points & Flows view');
  const model = arg.model ?? ctx.model();
  const old = findFlow(needDive(model), arg.flowId).steps.find((s) => s.id === arg.stepId)?.title ?? '';
  const next = title ?? (await vscode.window.showInputBox({ title: 'Rename Step', value: old, prompt: 'Empty: no title' }));
  if (next !== undefined) await applyOp(model, (d) => renameStep(d, arg.flowId, arg.stepId, next));
}

export async function startFlow(ctx: DeepDiveContext, arg: FlowArg): Promise<StepView | undefined> {
  const ref = await flowRef(ctx, typeof arg === 'string' || arg?.flowId ? arg : undefined, 'Step through which flow?');
  if (!ref) return undefined;
  return flowServices(ctx).session.goTo(ref.model, ref.flowId, 0);
}

export async function goToStep(ctx: DeepDiveContext, arg: StepArg): Promise<StepView | undefined> {
  if (!arg) return undefined;
  const model = arg.model ?? ctx.model();
  const index = findFlow(needDive(model), arg.flowId).steps.findIndex((s) => s.id === arg.stepId);
  return flowServices(ctx).session.goTo(model, arg.flowId, index);
}

/** What each of the two opposite commands asks: never the same words (issue 16). */
export const FLOW_STATUS_PROMPTS = {
  understood: 'Mark which flow as understood?',
  reopen: 'Reopen which understood flow (back to tracing)?',
} as const;

/** "Mark Flow Understood" (understood = true) or its opposite, "Reopen Flow (Back to Tracing)". */
export async function markUnderstood(ctx: DeepDiveContext, arg: FlowArg, understood = true): Promise<void> {
  const ref = understood
    ? await flowRef(ctx, arg, FLOW_STATUS_PROMPTS.understood, { allows: (f) => f.status !== 'understood', none: 'every flow is already understood' })
    : await flowRef(ctx, arg, FLOW_STATUS_PROMPTS.reopen, { allows: (f) => f.status === 'understood', none: 'no flow is understood yet: nothing to reopen' });
  if (!ref) return;
  const flow = findFlow(needDive(ref.model), ref.flowId);
  const status = understood ? 'understood' : flow.steps.some((s) => s.visited) ? 'tracing' : 'untraced';
  await applyOp(ref.model, (d) => setFlowStatus(d, ref.flowId, status));
  void vscode.window.setStatusBarMessage(`Deep Dive: "${flow.title}" is ${status === 'understood' ? 'understood' : `back to ${status}`}`, 5000);
}

export async function deleteFlowCommand(ctx: DeepDiveContext, arg: FlowArg, opts?: { confirmed?: boolean }): Promise<boolean> {
  const ref = await flowRef(ctx, arg, 'Delete which flow?');
  if (!ref) return false;
  const flow = findFlow(needDive(ref.model), ref.flowId);
  if (!opts?.confirmed) {
    const ok = await vscode.window.showWarningMessage(`Delete the flow "${flow.title}"?`, { modal: true, detail: 'Its steps are removed; notes on the flow become notes on the whole deep dive.' }, 'Delete');
    if (ok !== 'Delete') return false;
  }
  const { session } = flowServices(ctx);
  if (session.activeFlow?.flowId === ref.flowId) session.stop();
  await applyOp(ref.model, (d) => deleteFlow(d, ref.flowId));
  return true;
}
