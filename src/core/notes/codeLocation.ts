import { DeepDiveError } from '../errors';
import type { LineRange } from '../model/types';

/**
 * Parses FILE:LINE or FILE:START-END as a person types it (1-based, inclusive). The file part
 * may itself hold colons (Windows drive letters, odd names): the last colon splits.
 */
export function parseCodeLocation(spec: string): { file: string; range: LineRange } {
  const m = /^(.+):(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) throw new DeepDiveError(`expected FILE:LINE or FILE:START-END, got "${spec}"`);
  const start = Number(m[2]);
  const end = m[3] === undefined ? start : Number(m[3]);
  if (start < 1) throw new DeepDiveError(`lines start at 1, got ${start}`, m[1]);
  if (end < start) throw new DeepDiveError(`range ${start}-${end} ends before it starts`, m[1]);
  return { file: m[1], range: { start, end } };
}
