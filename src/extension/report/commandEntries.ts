import type { CommandHandler } from '../commandTable';
import { moduleMapHost } from '../moduleMap/moduleMapPanel';
import { revealModule } from '../moduleMap/revealModule';
import type { ExportArgs } from './reportCommands';
import { exportReport, previewReport } from './reportCommands';

/** The report's and the module map's entries of the command table (commands/index.ts spreads them). */
export const REPORT_COMMANDS: Record<string, CommandHandler> = {
  'deepDive.exportReport': (ctx, args) => exportReport(ctx, (args as ExportArgs | undefined) ?? {}),
  'deepDive.previewReport': (ctx) => previewReport(ctx).then(() => undefined),
  'deepDive.showModuleMap': (ctx) => moduleMapHost(ctx).show(),
  'deepDive.modules.reveal': (ctx, moduleId) => revealModule(ctx, moduleId),
};
