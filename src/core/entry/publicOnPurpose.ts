// Whether an unguarded route looks public on purpose. Decided once here, so that the Entry
// Points view, the CLI and the report say the same thing.
import type { EntryPoint } from './types';

/** A comment that says the route is meant to be reachable without a session. */
const SAYS_PUBLIC = /\b(public|unauthenticated|anonymous|no auth|without (a )?(session|login|auth))/i;
/**
 * Paths that are public by their nature: signing in, signing up, resetting a password, well-known
 * documents. Wider than signInPaths.ts' SIGN_IN_PATH on purpose: that one decides whether a POST's
 * refusals are the sign-in itself (a guard question, so it names only credential checks); this one
 * only labels a route already known to be unguarded, where a sign-up or a token refresh is open by design.
 */
const OPEN_BY_NATURE_PATH = /\/(login|log-in|signin|sign-in|signup|sign-up|register|refresh|password-reset|forgot-password|reset-password|\.well-known)(\/|$)/i;
/**
 * Probes a load balancer or a monitor reads: the last segment, and only for reads. A `POST
 * /integrations/x/status` changes something and a `GET /orders/:id/status` tells a stranger about
 * an order, so `status` counts only at the top of the API (`/status`, `/api/v1/status`).
 */
const PROBE_PATH = /\/(health|healthz|ready|readyz|live|livez|ping|metrics)\/?$/i;
const TOP_STATUS_PATH = /^(\/(api|v\d+|_?internal))*\/status\/?$/i;
const READS = new Set(['GET', 'HEAD', 'ANY']);
const COMMENT = /^\s*(\/\/|#|\/\*|\*)/;
/** A decorator or annotation that marks the route open (`@Public()`, `@AllowAnonymous`, `@PermitAll`), whatever it sets. */
const MARKED_PUBLIC = /^\s*@(Public|IsPublic|AllowAnonymous|SkipAuth|NoAuth|PermitAll)\b/;

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
      if (MARKED_PUBLIC.test(text)) return `marked ${text.trim()} at ${file}:${l}`;
    }
  }
  if (entry.kind === 'http' && publicByPath(entry.method, entry.path)) return 'public by the nature of its path';
  if (entry.kind !== 'http') return 'not reached by outside requests';
  return undefined;
}

function publicByPath(method: string, routePath: string): boolean {
  if (OPEN_BY_NATURE_PATH.test(routePath)) return true;
  if (!READS.has(method.toUpperCase())) return false;
  return PROBE_PATH.test(routePath) || TOP_STATUS_PATH.test(routePath);
}
