import type { CommandHandler } from '../commandTable';
import type { CiteArgs, PlaceArgs } from './historyCommands';
import { citeOrigin, refreshHistory, whereFrom, whoToAskCommand } from './historyCommands';

/** The history's entries of the command table (src/extension/commands/index.ts spreads them). */
export const HISTORY_COMMANDS: Record<string, CommandHandler> = {
  'deepDive.history.whereFrom': (ctx, args) => whereFrom(ctx, (args as PlaceArgs | undefined) ?? {}),
  'deepDive.history.citeOrigin': (ctx, args) => citeOrigin(ctx, (args as CiteArgs | undefined) ?? {}),
  'deepDive.history.whoToAsk': (ctx, args) => whoToAskCommand(ctx, (args as PlaceArgs | undefined) ?? {}),
  'deepDive.history.refresh': (ctx) => refreshHistory(ctx),
};
