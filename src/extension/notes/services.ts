import type { DeepDiveContext } from '../deepDiveContext';
import { AnchorTracker } from './anchorTracker';
import { NoteThreads } from './noteThreads';

/** The notes services of the extension, created on first use and owned by the context. */
export function notesServices(ctx: DeepDiveContext): { tracker: AnchorTracker; threads: NoteThreads } {
  const tracker = ctx.service('notes.anchorTracker', () => new AnchorTracker(ctx));
  const threads = ctx.service('notes.threads', () => new NoteThreads(ctx, tracker));
  return { tracker, threads };
}
