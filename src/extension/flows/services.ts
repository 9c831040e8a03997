import type { DeepDiveContext } from '../deepDiveContext';
import { notesServices } from '../notes/services';
import { EntryPointsService } from './entryPoints';
import { FlowSession } from './flowSession';

/** The flows services, created on first use and owned by the context. */
export function flowServices(ctx: DeepDiveContext): { entries: EntryPointsService; session: FlowSession } {
  const { tracker } = notesServices(ctx);
  const entries = ctx.service('flows.entries', () => new EntryPointsService(ctx));
  const session = ctx.service('flows.session', () => new FlowSession(ctx, tracker));
  return { entries, session };
}
