// How a route's protection is *shown*: one label and one count for every surface (the Entry
// Points view and its tooltips, `deepdive routes`, the report), read from the fields the analyser
// decided once (guardState.ts). Issue 16: the view said "7 without auth" where the report and
// the CLI said 8, and a route behind an optional auth middleware read "no auth" under a tooltip
// that listed the guard. Optional authentication is its own state: "anonymous allowed".
import type { GuardState } from './types';

/**
 * The five states a person sees; every HTTP route is in exactly one:
 * - `guarded`: a required authentication or authorization check applies;
 * - `anonymousAllowed`: an auth check reads the caller when present and lets anonymous ones in;
 * - `publicOnPurpose`: no auth check, and the code says it is meant to be public (login, health);
 * - `noAuth`: no auth check and no sign that it is meant to be public: the routes worth a question;
 * - `unknown`: something on the way could not be resolved; never read as public.
 */
export type Protection = 'guarded' | 'anonymousAllowed' | 'publicOnPurpose' | 'noAuth' | 'unknown';

export const PROTECTIONS: readonly Protection[] = ['guarded', 'anonymousAllowed', 'publicOnPurpose', 'noAuth', 'unknown'];

export const PROTECTION_LABELS: Record<Protection, string> = {
  guarded: 'guarded',
  anonymousAllowed: 'anonymous allowed',
  publicOnPurpose: 'public on purpose',
  noAuth: 'no auth',
  unknown: 'protection unknown',
};

/** The fields of an entry point (or of its copy in the report) that decide what is shown. */
export interface ProtectionFacts {
  kind: string;
  guardState?: GuardState;
  publicOnPurpose?: string;
  /** Older results without guardState: no required guard found. */
  public?: boolean;
  unguarded?: boolean;
}

/** The state shown for an entry point; undefined for non-HTTP entries the analyser did not judge. */
export function protectionOf(e: ProtectionFacts): Protection | undefined {
  const state = e.guardState ?? (e.kind !== 'http' ? undefined : (e.public ?? e.unguarded) ? 'unguarded' : 'guarded');
  switch (state) {
    case 'guarded':
      return 'guarded';
    case 'optional':
      return 'anonymousAllowed';
    case 'unknown':
      return 'unknown';
    case 'unguarded':
      return e.publicOnPurpose ? 'publicOnPurpose' : 'noAuth';
    default:
      return undefined;
  }
}

export type ProtectionCounts = Record<Protection, number> & { total: number };

/** How many HTTP routes are in each state. */
export function countProtections(entries: readonly ProtectionFacts[]): ProtectionCounts {
  const counts: ProtectionCounts = { total: 0, guarded: 0, anonymousAllowed: 0, publicOnPurpose: 0, noAuth: 0, unknown: 0 };
  for (const e of entries) {
    if (e.kind !== 'http') continue;
    const p = protectionOf(e);
    if (!p) continue;
    counts.total += 1;
    counts[p] += 1;
  }
  return counts;
}

/** "12 guarded, 2 anonymous allowed, 1 public on purpose, 7 no auth": the states that occur, in order. */
export function protectionSummary(counts: ProtectionCounts, sep = ', '): string {
  const parts = PROTECTIONS.filter((p) => counts[p] > 0).map((p) => `${counts[p]} ${PROTECTION_LABELS[p]}`);
  return parts.length ? parts.join(sep) : 'none';
}
