// Suggested flows for the report: when the reader has not traced a flow from an entry point yet,
// the appendix still shows the path the analyser follows from it (src/core/callgraph), marked as
// suggested, for the routes that most deserve a trace. Pure: the map and entries come in.
import type { Flow, FlowOptions } from '../callgraph/suggestFlows';
import { flowSuggester } from '../callgraph/suggestFlows';
import type { EntryPoint } from '../entry/types';
import type { RepoMap } from '../map/types';
import type { DeepDive } from '../model/types';

/** How many routes the appendix shows suggested flows for, unless told otherwise (five of 25
 * steps took three printed pages of a small dive's report: a start to trace, not the trace). */
export const SUGGESTED_FLOW_LIMIT = 3;
/** Steps shown per suggested flow: the start of the path is what a reader needs to begin. */
export const SUGGESTED_STEP_LIMIT = 12;

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'ANY']);

/** No required guard was found: open, anonymous allowed, or not known (`public` is only the first two). */
function unguarded(e: EntryPoint): boolean {
  if (e.guardState) return e.guardState !== 'guarded';
  return e.public ?? !e.guards.some((g) => !g.optional && g.kind !== 'other');
}

/** Entry points no flow of the deep dive starts at (by entry id): HTTP routes, or every kind when there are none. */
export function untracedEntries(entries: readonly EntryPoint[], dive: Pick<DeepDive, 'flows'>): EntryPoint[] {
  const traced = new Set(dive.flows.map((f) => f.entry).filter((x): x is string => !!x));
  const open = entries.filter((e) => !traced.has(e.id));
  const routes = open.filter((e) => e.kind === 'http');
  return routes.length ? routes : open;
}

/**
 * Which untraced flows matter most: reaching a data store or another system counts 2, being open
 * to anonymous callers 2, changing state 1 (so an open route that reaches data comes first);
 * ties go to the longer path, then to the place in the code (stable from one report to the next).
 */
export function rankSuggested(flows: readonly Flow[], entries: readonly EntryPoint[]): Flow[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const score = (f: Flow): number => {
    const e = byId.get(f.entry);
    const reaches = f.steps.some((s) => s.kind === 'store' || s.kind === 'external');
    return (reaches ? 2 : 0) + entryScore(e);
  };
  const place = (f: Flow) => {
    const e = byId.get(f.entry);
    return e ? `${e.file}\u0000${String(e.line).padStart(8, '0')}` : f.entry;
  };
  // Each flow's score and place worked out once, not at every comparison of the sort.
  const keyed = flows.map((f) => ({ f, score: score(f), place: place(f) }));
  keyed.sort((a, b) => b.score - a.score || b.f.steps.length - a.f.steps.length || a.place.localeCompare(b.place) || a.f.entry.localeCompare(b.f.entry));
  return keyed.map((k) => k.f);
}

/** The part of a flow's score its entry point gives, known before the flow is walked. */
function entryScore(e: EntryPoint | undefined): number {
  return (e && unguarded(e) ? 2 : 0) + (e && MUTATING.has(e.method) ? 1 : 0);
}

/**
 * The flows rankSuggested would put first, walking only the entries that can be among them: an
 * entry's flow scores at most 2 (reaching data) above what its entry gives, so the entries are
 * walked from the highest bound down, and the walk stops before a bound that cannot reach the
 * limit-th best score found (a tie is not enough: it could win on length). On a service of a
 * thousand routes most are never walked; the answer is the same as ranking every flow.
 */
export function topSuggested(candidates: readonly EntryPoint[], limit: number, flowsOf: (entries: readonly EntryPoint[]) => Flow[]): Flow[] {
  // Scored as rankSuggested scores them: by the entry its id names (the last of a repeated id).
  const byId = new Map(candidates.map((e) => [e.id, e]));
  const bound = (e: EntryPoint) => 2 + entryScore(byId.get(e.id));
  const bounds = [...new Set(candidates.map(bound))].sort((a, b) => b - a);
  const reaches = (f: Flow) => f.steps.some((s) => s.kind === 'store' || s.kind === 'external');
  const walked: Flow[] = [];
  const scores: number[] = [];
  for (const b of bounds) {
    const kth = scores.length >= limit ? [...scores].sort((x, y) => y - x)[limit - 1] : -Infinity;
    if (b < kth) break;
    for (const f of flowsOf(candidates.filter((e) => bound(e) === b))) {
      walked.push(f);
      scores.push((reaches(f) ? 2 : 0) + entryScore(byId.get(f.entry)));
    }
  }
  return rankSuggested(walked, candidates).slice(0, limit);
}

/** The suggested flows for the top untraced routes, best first. Never throws: a failed analysis means none. */
export function suggestUntracedFlows(
  map: RepoMap,
  entries: readonly EntryPoint[],
  dive: Pick<DeepDive, 'flows'>,
  limit = SUGGESTED_FLOW_LIMIT,
  options: FlowOptions = {},
  flowsOf?: (entries: readonly EntryPoint[]) => Flow[],
): Flow[] {
  if (limit <= 0) return [];
  const candidates = untracedEntries(entries, dive);
  if (!candidates.length) return [];
  try {
    return topSuggested(candidates, limit, flowsOf ?? flowSuggester(map, options));
  } catch {
    return [];
  }
}

/**
 * An unresolved "call" whose receiver is an enum of the repository (`Role.ADMIN.equals(x)`,
 * `Status.valueOf(s)`) is a constant, not a step of the flow: it is counted with the omitted
 * calls instead of listed.
 */
export function dropEnumCalls(flow: Flow, enums: ReadonlySet<string>): Flow {
  if (!enums.size) return flow;
  const isEnumCall = (s: Flow['steps'][number]) => s.kind === 'unresolved' && !!s.callee && enums.has(s.callee.replace(/^(this|self)\./, '').split('.')[0]);
  const kept = flow.steps.filter((s) => !isEnumCall(s));
  if (kept.length === flow.steps.length) return flow;
  return { ...flow, steps: kept, omittedCalls: flow.omittedCalls + flow.steps.length - kept.length };
}

/**
 * A step must be the service's own code or a named store or external call: a call the analysis
 * could not follow (on a real service: `NotFoundError(…)`, `UrlHelper.SHARE_URL_SLUG_REGEX.test`,
 * `Share.findOne` on a model it did not see) says nothing a reader can act on. They are counted, not listed;
 * the route's handler stays even when its code was not found (it is where a trace starts).
 */
export function dropUnresolvedCalls(flow: Flow): Flow & { unresolvedCalls: number } {
  const kept = flow.steps.filter((s) => s.kind !== 'unresolved' || s.depth === 0);
  return { ...flow, steps: kept, unresolvedCalls: flow.steps.length - kept.length };
}
