import * as vscode from 'vscode';
import type { DeepDiveContext } from './deepDiveContext';
import { isDeepDiveError } from '../core/errors';

export type CommandHandler = (ctx: DeepDiveContext, ...args: unknown[]) => unknown;

/**
 * Registers every command of the extension from one table. A handler that throws a
 * DeepDiveError shows its one-line reason; anything else is logged as a bug and shown too.
 */
export function registerCommands(ctx: DeepDiveContext, table: Record<string, CommandHandler>): void {
  for (const [id, handler] of Object.entries(table)) {
    ctx.own(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(ctx, ...args);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          if (!isDeepDiveError(err)) ctx.log.error(`${id} failed`, err);
          void vscode.window.showErrorMessage(`Deep Dive: ${message}`);
          return undefined;
        }
      }),
    );
  }
}
