import { DeepDiveError } from '../errors';
import type { DeepDive, Flow, FlowStatus, Note, NoteKind, Question, Severity } from '../model/types';
import { NOTE_KINDS, SEVERITIES } from '../model/types';

export const FLOW_STATUSES: readonly FlowStatus[] = ['untraced', 'tracing', 'understood'];

export function parseKind(value: string): NoteKind {
  const v = value.trim().toLowerCase();
  if (!(NOTE_KINDS as readonly string[]).includes(v)) throw new DeepDiveError(`unknown note kind "${value}" (use one of: ${NOTE_KINDS.join(', ')})`);
  return v as NoteKind;
}

export function parseSeverity(value: string): Severity {
  const v = value.trim().toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(v)) throw new DeepDiveError(`unknown severity "${value}" (use one of: ${SEVERITIES.join(', ')})`);
  return v as Severity;
}

export function parseFlowStatus(value: string): FlowStatus {
  const v = value.trim().toLowerCase();
  if (!(FLOW_STATUSES as readonly string[]).includes(v)) throw new DeepDiveError(`unknown flow status "${value}" (use one of: ${FLOW_STATUSES.join(', ')})`);
  return v as FlowStatus;
}

export function nonEmpty(value: string, what: string): string {
  if (value.trim() === '') throw new DeepDiveError(`${what} is empty`);
  return value;
}

export function findNote(dive: DeepDive, id: string): Note {
  const note = dive.notes.find((n) => n.id === id);
  if (!note) throw new DeepDiveError(`no note "${id}" in deep dive "${dive.id}"`);
  return note;
}

export function findFlow(dive: DeepDive, id: string): Flow {
  const flow = dive.flows.find((f) => f.id === id);
  if (!flow) throw new DeepDiveError(`no flow "${id}" in deep dive "${dive.id}"${dive.flows.length ? ` (have: ${dive.flows.map((f) => f.id).join(', ')})` : ''}`);
  return flow;
}

export function findQuestion(dive: DeepDive, id: string): Question {
  const q = dive.questions.find((x) => x.id === id);
  if (!q) throw new DeepDiveError(`no question "${id}" in deep dive "${dive.id}"`);
  return q;
}
