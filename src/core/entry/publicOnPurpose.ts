// Whether an unguarded route looks public on purpose. Decided once here, so that the Entry
// Points view, the CLI and the report say the same thing.
import type { EntryPoint } from './types';

/** A comment that says the route is meant to be reachable without a session. */
const SAYS_PUBLIC = /\b(public|unauthenticated|anonymous|no auth|without (a )?(session|login|auth))/i;
/** Paths that are public by their nature: signing in, signing up, health probes. */
const PUBLIC_PATH = /\/(login|log-in|signin|sign-in|signup|sign-up|register|health|healthz|ready|readyz|live|livez|ping|status|metrics|refresh|password-reset|forgot-password|reset-password|\.well-known)(\/|$)/i;
const COMMENT = /^\s*(\/\/|#|\/\*|\*)/;

/**
 * Why an unguarded entry point looks public on purpose, or undefined when it looks like a gap.
 * Evidence: a comment in the block of lines just above its registration or its handler that
 * says so, or a path that is public by nature. A guess the view labels as such; the reader
 * decides with a note.
 */
export function publicOnPurpose(entry: EntryPoint, lineOf: (file: string, line: number) => string): string | undefined {
  const places: [string, number][] = [[entry.file, entry.line]];
  if (entry.handlerLocation) places.push([entry.handlerLocation.file, entry.handlerLocation.range.start]);
  for (const [file, line] of places) {
    // Walk up the block the registration sits in (up to a blank line).
    for (let l = line - 1, seen = 0; l >= 1 && seen < 12; l--, seen++) {
      const text = lineOf(file, l);
      if (!text.trim()) break;
      if (COMMENT.test(text) && SAYS_PUBLIC.test(text)) return `comment at ${file}:${l}: ${text.trim().replace(/^(\/\/|#|\/\*|\*)\s*/, '')}`;
    }
  }
  if (entry.kind === 'http' && PUBLIC_PATH.test(entry.path)) return 'public by the nature of its path';
  if (entry.kind !== 'http') return 'not reached by outside requests';
  return undefined;
}
