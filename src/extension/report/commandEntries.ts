import type { CommandHandler } from '../commandTable';
import { moduleMapHost } from '../moduleMap/moduleMapPanel';
import { revealModule } from '../moduleMap/revealModule';
import type { ExportArgs } from './reportCommands';
import { exportReport, gather, previewReport } from './reportCommands';
import type { AssignArgs } from './planCommands';
import type { ImportArgs } from './leadCommands';
import { importSarif, openAsIssue, setLead } from './leadCommands';
import { assignRecommendation, markDecisionCommand, writeVerdict } from './planCommands';

/** The report's and the module map's entries of the command table (commands/index.ts spreads them). */
export const REPORT_COMMANDS: Record<string, CommandHandler> = {
  'deepDive.exportReport': (ctx, args) => exportReport(ctx, (args as ExportArgs | undefined) ?? {}),
  'deepDive.exportSarif': (ctx, args) => exportReport(ctx, { ...((args as ExportArgs | undefined) ?? {}), format: 'sarif' }),
  'deepDive.previewReport': (ctx) => previewReport(ctx).then(() => undefined),
  'deepDive.showModuleMap': (ctx) => moduleMapHost(ctx).show(),
  'deepDive.modules.reveal': (ctx, moduleId) => revealModule(ctx, moduleId),
  'deepDive.report.writeVerdict': (ctx, text) => writeVerdict(ctx, typeof text === 'string' ? text : undefined, () => gather(ctx)),
  'deepDive.report.assignRecommendation': (ctx, args) => assignRecommendation(ctx, (args as AssignArgs | undefined) ?? {}, () => gather(ctx)),
  'deepDive.notes.openAsIssue': (ctx, note) => openAsIssue(ctx, note),
  'deepDive.importSarif': (ctx, args) => importSarif(ctx, (args as ImportArgs | undefined) ?? {}),
  'deepDive.notes.confirmLead': (ctx, note) => setLead(ctx, note, 'confirmed'),
  'deepDive.notes.dismissLead': (ctx, note) => setLead(ctx, note, 'dismissed'),
  'deepDive.notes.markKept': (ctx, note) => markDecisionCommand(ctx, note, 'kept'),
  'deepDive.notes.markRevisit': (ctx, note) => markDecisionCommand(ctx, note, 'revisit'),
};
