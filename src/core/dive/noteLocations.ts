// Where each note points today. This version trusts the stored anchor; re-anchoring (following
// code through edits, src/core/anchor) replaces it behind the same signature.
import type { DeepDive, LineRange, Note } from '../model/types';

export type AnchorState = 'anchored' | 'moved' | 'fuzzy' | 'orphaned';

export interface NoteLocation {
  note: Note;
  file?: string;
  line?: number;
  range?: LineRange;
  anchor: AnchorState | 'none';
}

export async function resolveNoteLocations(dive: DeepDive, _root: string): Promise<NoteLocation[]> {
  return dive.notes.map((note) => {
    if (note.target.type !== 'code') return { note, anchor: 'none' as const };
    const a = note.target.anchor;
    return { note, file: a.path, line: a.range.start, range: { ...a.range }, anchor: 'anchored' as const };
  });
}
