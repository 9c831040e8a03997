import type * as vscode from 'vscode';
import { registerCommands } from './commandTable';
import { COMMANDS } from './commands';
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
  current = ctx;
  return ctx;
}

export function deactivate(): void {
  current?.dispose();
  current = undefined;
}
