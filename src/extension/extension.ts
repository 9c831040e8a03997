import * as vscode from 'vscode';
import { registerCommands } from './commandTable';
import { COMMANDS } from './commands/index';
import { DeepDiveContext } from './deepDiveContext';

let current: DeepDiveContext | undefined;

/**
 * Activation must stay cheap (budget: 100 ms): register commands and views, parse nothing.
 * Heavy services are created on first use through DeepDiveContext.service().
 */
export function activate(context: vscode.ExtensionContext): DeepDiveContext {
  const ctx = new DeepDiveContext(context);
  context.subscriptions.push(ctx);
  registerCommands(ctx, COMMANDS);
  // Cheap: lists .deepdive/*.json (small files) so views and `when` clauses know the state.
  if (vscode.workspace.workspaceFolders?.length) ctx.model();
  current = ctx;
  return ctx;
}

export function deactivate(): void {
  current?.dispose();
  current = undefined;
}
