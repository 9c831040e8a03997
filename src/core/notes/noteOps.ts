// Note operations: pure functions over the deep-dive model that return new values and never
// mutate their input, so the editor can diff, undo and save them through the store.
import { DeepDiveError } from '../errors';
import type { Anchor, DeepDive, Note, NoteKind, NoteReply, NoteTarget, Question, Severity } from '../model/types';
import { shortId } from './ids';
import { findNote, findQuestion, nonEmpty, parseKind, parseSeverity } from './validate';

export interface NewNote {
  kind: NoteKind | string;
  body: string;
  severity?: Severity | string;
  impact?: string;
  target: NoteTarget;
  links?: Note['links'];
  author?: string;
  /** Normally generated. */
  id?: string;
}

const iso = (now: Date): string => now.toISOString();

function replaceNote(dive: DeepDive, note: Note): DeepDive {
  return { ...dive, notes: dive.notes.map((n) => (n.id === note.id ? note : n)) };
}

export function addNote(dive: DeepDive, input: NewNote, now = new Date()): { dive: DeepDive; note: Note } {
  const id = input.id ?? shortId('n', dive.notes.map((n) => n.id));
  if (dive.notes.some((n) => n.id === id)) throw new DeepDiveError(`a note "${id}" exists already`);
  const note: Note = {
    id,
    kind: parseKind(input.kind),
    status: 'open',
    body: nonEmpty(input.body, 'the note body'),
    target: input.target,
    created: iso(now),
  };
  if (input.severity !== undefined) note.severity = parseSeverity(input.severity);
  if (input.impact !== undefined && input.impact.trim() !== '') note.impact = input.impact;
  if (input.author) note.author = input.author;
  const links = { ...(input.links ?? {}) };
  delete links.question; // linked below, so that the question is marked answered too
  if (Object.keys(links).length) note.links = links;
  let next: DeepDive = { ...dive, notes: [...dive.notes, note] };
  if (input.links?.question !== undefined) next = linkNoteToQuestion(next, id, input.links.question, now);
  return { dive: next, note: findNote(next, id) };
}

export interface NotePatch {
  body?: string;
  kind?: NoteKind | string;
  /** null removes it. */
  severity?: Severity | string | null;
  impact?: string | null;
  links?: { module?: string | null; flow?: string | null };
}

export function editNote(dive: DeepDive, id: string, patch: NotePatch, now = new Date()): DeepDive {
  const old = findNote(dive, id);
  const note: Note = { ...old, updated: iso(now) };
  if (patch.body !== undefined) note.body = nonEmpty(patch.body, 'the note body');
  if (patch.kind !== undefined) note.kind = parseKind(patch.kind);
  if (patch.severity === null) delete note.severity;
  else if (patch.severity !== undefined) note.severity = parseSeverity(patch.severity);
  if (patch.impact === null || patch.impact?.trim() === '') delete note.impact;
  else if (patch.impact !== undefined) note.impact = patch.impact;
  if (patch.links) {
    const links: NonNullable<Note['links']> = { ...(old.links ?? {}) };
    for (const key of ['module', 'flow'] as const) {
      const v = patch.links[key];
      if (v === null) delete links[key];
      else if (v !== undefined) links[key] = v;
    }
    if (Object.keys(links).length) note.links = links;
    else delete note.links;
  }
  return replaceNote(dive, note);
}

export function replyToNote(dive: DeepDive, id: string, body: string, author?: string, now = new Date()): { dive: DeepDive; reply: NoteReply } {
  const note = findNote(dive, id);
  const replies = note.replies ?? [];
  const reply: NoteReply = { id: shortId('r', replies.map((r) => r.id)), body: nonEmpty(body, 'the reply'), created: iso(now) };
  if (author) reply.author = author;
  return { dive: replaceNote(dive, { ...note, replies: [...replies, reply], updated: iso(now) }), reply };
}

export function resolveNote(dive: DeepDive, id: string, resolved = true, now = new Date()): DeepDive {
  const note = findNote(dive, id);
  return replaceNote(dive, { ...note, status: resolved ? 'resolved' : 'open', updated: iso(now) });
}

/** Removes a note; a question it alone answered is open again. */
export function deleteNote(dive: DeepDive, id: string): DeepDive {
  findNote(dive, id);
  const notes = dive.notes.filter((n) => n.id !== id);
  const questions = dive.questions.map((q): Question => {
    if (!q.answeredBy?.includes(id)) return q;
    const answeredBy = q.answeredBy.filter((x) => x !== id);
    const next: Question = { ...q, answeredBy, status: answeredBy.length ? q.status : 'open' };
    if (!answeredBy.length) delete next.answeredBy;
    return next;
  });
  return { ...dive, notes, questions };
}

/** The note answers the question: linked both ways, and the question is answered. */
export function linkNoteToQuestion(dive: DeepDive, noteId: string, questionId: string, now = new Date()): DeepDive {
  const note = findNote(dive, noteId);
  const q = findQuestion(dive, questionId);
  let next = dive;
  const previous = note.links?.question;
  if (previous !== undefined && previous !== questionId) next = unlinkQuestion(next, noteId, previous);
  const linked: Note = { ...findNote(next, noteId), links: { ...(note.links ?? {}), question: questionId }, updated: iso(now) };
  next = replaceNote(next, linked);
  const answeredBy = [...new Set([...(q.answeredBy ?? []), noteId])];
  return { ...next, questions: next.questions.map((x) => (x.id === questionId ? { ...x, answeredBy, status: 'answered' } : x)) };
}

function unlinkQuestion(dive: DeepDive, noteId: string, questionId: string): DeepDive {
  return {
    ...dive,
    questions: dive.questions.map((q) => {
      if (q.id !== questionId || !q.answeredBy?.includes(noteId)) return q;
      const answeredBy = q.answeredBy.filter((x) => x !== noteId);
      const next: Question = { ...q, answeredBy, status: answeredBy.length ? q.status : 'open' };
      if (!answeredBy.length) delete next.answeredBy;
      return next;
    }),
  };
}

/** The note, re-attached to new code (the "Re-attach here" of an orphaned note). */
export function reattach(note: Note, anchor: Anchor, now = new Date()): Note {
  return { ...note, target: { type: 'code', anchor }, updated: iso(now) };
}

export function reattachNote(dive: DeepDive, id: string, anchor: Anchor, now = new Date()): DeepDive {
  return replaceNote(dive, reattach(findNote(dive, id), anchor, now));
}
