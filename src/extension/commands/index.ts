import * as vscode from 'vscode';
import type { CommandHandler } from '../commandTable';
import type { StartArgs } from './startDive';
import { mapSystem, startDive, switchDive } from './startDive';
import { NOTE_COMMANDS } from '../notes/commandEntries';
import { FLOW_COMMANDS } from '../flows/commandEntries';
import { READING_COMMANDS } from '../reading/commandEntries';
import { HISTORY_COMMANDS } from '../history/commandEntries';
import { REPORT_COMMANDS } from '../report/commandEntries';

/**
 * The command table: every command the extension contributes (package.json
 * contributes.commands) has exactly one handler here. test/integration/commands.test.ts
 * checks that the two lists agree.
 */
export const COMMANDS: Record<string, CommandHandler> = {
  'deepDive.start': (ctx, args) => startDive(ctx, (args as StartArgs | undefined) ?? {}),
  'deepDive.switchDive': (ctx) => switchDive(ctx),
  'deepDive.mapSystem': (ctx) => mapSystem(ctx),
  'deepDive.openWalkthrough': () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', 'deep-dive.deep-dive#firstDeepDive', false),
  'deepDive.showOverview': () => vscode.commands.executeCommand('deepDive.overview.focus'),
  'deepDive.showOutput': (ctx) => ctx.log.show(true),
  ...NOTE_COMMANDS,
  ...FLOW_COMMANDS,
  ...READING_COMMANDS,
  ...HISTORY_COMMANDS,
  ...REPORT_COMMANDS,
};
