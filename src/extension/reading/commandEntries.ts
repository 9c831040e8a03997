import type { CommandHandler } from '../commandTable';
import { diffSinceRead } from './sinceRead';
import { explainReading, markCommand, nextUnreadCommand, toggleHighlights } from './readingCommands';

/** The reading commands, spread into the one command table (src/extension/commands/index.ts). */
export const READING_COMMANDS: Record<string, CommandHandler> = {
  'deepDive.markRead': (ctx, ...args) => markCommand(ctx, true, args),
  'deepDive.markUnread': (ctx, ...args) => markCommand(ctx, false, args),
  'deepDive.nextUnread': (ctx) => nextUnreadCommand(ctx),
  'deepDive.toggleUnreadHighlights': () => toggleHighlights(),
  'deepDive.diffSinceRead': (ctx, arg) => diffSinceRead(ctx, arg),
  'deepDive.explainReading': (ctx) => explainReading(ctx),
};
