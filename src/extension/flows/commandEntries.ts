import * as vscode from 'vscode';
import type { EntryPoint } from '../../core/entry/types';
import { DeepDiveError } from '../../core/errors';
import { resolveInside } from '../../core/paths';
import type { CommandHandler } from '../commandTable';
import type { DeepDiveContext } from '../deepDiveContext';
import type { EntryPointsView } from '../views/entryPointsView';
import {
  addSelectionAsStep,
  deleteFlowCommand,
  goToStep,
  markUnderstood,
  moveStepCommand,
  newFlow,
  removeStepCommand,
  renameFlowCommand,
  renameStepCommand,
  startFlow,
  traceEntry,
} from './flowCommands';
import { flowServices } from './services';

type StepArg = Parameters<typeof removeStepCommand>[1];
type FlowArg = Parameters<typeof renameFlowCommand>[1];

async function openHandler(ctx: DeepDiveContext, arg: unknown): Promise<void> {
  const entry = (arg as { entry?: EntryPoint } | undefined)?.entry;
  if (!entry) throw new DeepDiveError('pick an entry point in the Entry Points & Flows view');
  const model = ctx.model();
  const file = entry.handlerLocation?.file ?? entry.file;
  const line = entry.handlerLocation?.range.start ?? entry.line;
  const pos = new vscode.Position(line - 1, 0);
  await vscode.window.showTextDocument(vscode.Uri.file(resolveInside(model.root, file)), { selection: new vscode.Range(pos, pos) });
}

function view(ctx: DeepDiveContext): EntryPointsView {
  return ctx.service<EntryPointsView>('flows.view', () => {
    throw new DeepDiveError('the Entry Points & Flows view is not ready yet');
  });
}

/** The flows' entries of the command table (src/extension/commands/index.ts spreads them). */
export const FLOW_COMMANDS: Record<string, CommandHandler> = {
  'deepDive.flows.trace': (ctx, entry) => traceEntry(ctx, entry),
  'deepDive.flows.new': (ctx, args) => newFlow(ctx, args as { title?: string } | undefined),
  'deepDive.flows.addStep': (ctx, flow, args) => addSelectionAsStep(ctx, flow as FlowArg, args as { title?: string } | undefined),
  'deepDive.flows.removeStep': (ctx, step) => removeStepCommand(ctx, step as StepArg),
  'deepDive.flows.moveStepUp': (ctx, step) => moveStepCommand(ctx, step as StepArg, -1),
  'deepDive.flows.moveStepDown': (ctx, step) => moveStepCommand(ctx, step as StepArg, 1),
  'deepDive.flows.rename': (ctx, flow, title) => renameFlowCommand(ctx, flow as FlowArg, title as string | undefined),
  'deepDive.flows.renameStep': (ctx, step, title) => renameStepCommand(ctx, step as StepArg, title as string | undefined),
  'deepDive.flows.start': (ctx, flow) => startFlow(ctx, flow as FlowArg),
  'deepDive.flows.goToStep': (ctx, step) => goToStep(ctx, step as StepArg),
  'deepDive.nextStep': (ctx) => flowServices(ctx).session.step(1),
  'deepDive.previousStep': (ctx) => flowServices(ctx).session.step(-1),
  'deepDive.flows.markUnderstood': (ctx, flow) => markUnderstood(ctx, flow as FlowArg, true),
  'deepDive.flows.markNotUnderstood': (ctx, flow) => markUnderstood(ctx, flow as FlowArg, false),
  'deepDive.flows.stop': (ctx) => flowServices(ctx).session.stop(),
  'deepDive.flows.delete': (ctx, flow, opts) => deleteFlowCommand(ctx, flow as FlowArg, opts as { confirmed?: boolean } | undefined),
  'deepDive.entryPoints.openHandler': (ctx, entry) => openHandler(ctx, entry),
  'deepDive.entryPoints.filterNoAuth': (ctx) => view(ctx).setNoAuthFilter(true),
  'deepDive.entryPoints.showAll': (ctx) => view(ctx).setNoAuthFilter(false),
  'deepDive.entryPoints.refresh': (ctx) => flowServices(ctx).entries.refresh(),
};
