// Leads: scanner findings imported as notes (deepdive import FILE.sarif) that the leader confirms
// (the note becomes a finding like any other) or dismisses (it is resolved and set aside).
import { DeepDiveError } from '../../errors';
import type { DeepDive, LeadState } from '../../model/types';

export function setLeadState(dive: DeepDive, noteId: string, state: LeadState, now = new Date()): DeepDive {
  const note = dive.notes.find((n) => n.id === noteId);
  if (!note) throw new DeepDiveError(`no note "${noteId}"`);
  if (!note.lead) throw new DeepDiveError(`note ${noteId} is not a scanner lead (only notes from deepdive import are confirmed or dismissed)`);
  const next = { ...note, lead: { ...note.lead, state }, status: state === 'dismissed' ? ('resolved' as const) : ('open' as const), updated: now.toISOString() };
  return { ...dive, notes: dive.notes.map((n) => (n.id === noteId ? next : n)) };
}
