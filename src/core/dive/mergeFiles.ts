// The git merge driver's core: three versions of one deep-dive file (the common ancestor, ours,
// theirs) → one file that keeps both sides' notes, flows, answers and reading. A side that does
// not decode is refused with its place, so git reports a conflict instead of a merge that drops
// something.
import type { DeepDive } from '../model/types';
import { SCHEMA_ID } from '../model/types';
import { serializeDive } from './canonical';
import { decodeDiveBytes } from './decode';
import { DiveFileError } from './diveError';
import { mergeDives } from './merge';
import { validateDive } from './validate';
import { dict } from '../ownKeys';

export interface MergeSide {
  bytes: Buffer;
  /** How messages name this side, e.g. ".deepdive/auth.json (theirs)". */
  name: string;
}

/** The merged file's text. `base` may be empty: the file was added on both branches. */
export function mergeDiveFiles(base: MergeSide, ours: MergeSide, theirs: MergeSide): string {
  const o = decodeDiveBytes(ours.bytes, ours.name).dive;
  const t = decodeDiveBytes(theirs.bytes, theirs.name).dive;
  // No ancestor: everything on either side is an addition to keep.
  const b: DeepDive = base.bytes.length ? decodeDiveBytes(base.bytes, base.name).dive : { ...o, notes: [], flows: [], questions: [], reading: dict() };
  const merged = { ...mergeDives(b, o, t), schema: SCHEMA_ID };
  const issues = validateDive(JSON.parse(JSON.stringify(merged)));
  if (issues.length) throw new DiveFileError(ours.name, `the merge would not be a valid deep dive: ${issues[0].message}`, issues[0].path);
  return serializeDive(merged);
}
