// What the leader sets on the report: the verdict and an owner and due date per recommendation.
// Pure operations on the deep-dive model, shared by the CLI and the editor.
import { DeepDiveError } from '../errors';
import { checkDate } from '../dive/ops';
import type { DeepDive, DecisionReview } from '../model/types';
import { DECISION_REVIEWS } from '../model/types';

export function setVerdict(dive: DeepDive, text: string | null, now = new Date(), author?: string): DeepDive {
  if (text === null || !text.trim()) {
    const next = { ...dive };
    delete next.verdict;
    return next;
  }
  return { ...dive, verdict: { text: text.trim(), updated: now.toISOString(), ...(author ? { author } : {}) } };
}

/** Sets (or, with null, clears) the owner and due date of a recommendation by its id. */
export function planRecommendation(dive: DeepDive, id: string, plan: { owner?: string | null; due?: string | null }, now = new Date()): DeepDive {
  if (!/^[a-z-]+:.+/.test(id)) throw new DeepDiveError(`not a recommendation id: ${JSON.stringify(id)} (ids look like "unguarded-route:GET /admin"; deepdive report recommendations lists them)`);
  const old = dive.recommendations?.[id] ?? { updated: now.toISOString() };
  const next = { ...old, updated: now.toISOString() };
  if (plan.owner === null || plan.owner?.trim() === '') delete next.owner;
  else if (plan.owner !== undefined) next.owner = plan.owner.trim();
  if (plan.due === null || plan.due === '') delete next.due;
  else if (plan.due !== undefined) next.due = checkDate(plan.due);
  const all = { ...(dive.recommendations ?? {}) };
  if (next.owner === undefined && next.due === undefined) delete all[id];
  else all[id] = next;
  const out: DeepDive = { ...dive, recommendations: all };
  if (!Object.keys(all).length) delete out.recommendations;
  return out;
}

export function parseDecision(value: string): DecisionReview | null {
  if (value === 'none' || value === '') return null;
  if ((DECISION_REVIEWS as readonly string[]).includes(value)) return value as DecisionReview;
  throw new DeepDiveError(`--decision must be kept, revisit or none, got ${JSON.stringify(value)}`);
}

/** Marks a decision note kept or to revisit (null: unmarked). Only decision notes take the mark. */
export function markDecision(dive: DeepDive, noteId: string, review: DecisionReview | null, now = new Date()): DeepDive {
  const note = dive.notes.find((n) => n.id === noteId);
  if (!note) throw new DeepDiveError(`no note "${noteId}"`);
  if (note.kind !== 'decision' && review !== null) throw new DeepDiveError(`note ${noteId} is a ${note.kind} note: only decision notes are marked kept or to revisit`);
  const next = { ...note, updated: now.toISOString() };
  if (review === null) delete next.decision;
  else next.decision = review;
  return { ...dive, notes: dive.notes.map((n) => (n.id === noteId ? next : n)) };
}
