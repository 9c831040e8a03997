// The diff of one changed unit from the version that was read to today's text, for the report:
// a reader re-reads the diff, not the file. Lines are compared with their whitespace removed, the
// way read lines are followed (lineHashes.ts), so re-indenting shows as no change.
import { matchLines } from '../anchor/lineDiff';
import { splitLines } from './fingerprint';
import type { LineRange } from '../model/types';

/** One line of a unit diff: `-` read then and gone, `+` new since, ` ` unchanged, `…` lines left out. */
export interface DiffLine {
  op: '-' | '+' | ' ' | '…';
  text: string;
}

/** Unchanged lines kept around each change. */
const CONTEXT = 1;
/** Most lines shown per unit: a rewritten unit is better read in the editor's diff. */
const MAX_LINES = 40;

function key(line: string): string {
  // Blank lines match one another; matchLines never pairs an empty key.
  return line.replace(/\s+/g, '') || ' ';
}

function splitText(text: string): string[] {
  const lines = splitLines(text);
  // A final newline ends the last line; it does not start one more.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The changes inside `range` (today's 1-based lines) between the text read and today's text,
 * with one unchanged line around each; empty when the unit is as it was read.
 */
export function unitDiff(readText: string, nowText: string, range: LineRange): DiffLine[] {
  const a = splitText(readText);
  const b = splitText(nowText);
  const pairs = matchLines(a.map(key), b.map(key));
  // Every operation with the line of today's text it sits at (a deletion: the line after it).
  const ops: { op: '-' | '+' | ' '; text: string; at: number }[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [a.length, b.length] as [number, number]]) {
    for (; i < pi; i++) ops.push({ op: '-', text: a[i], at: j + 1 });
    for (; j < pj; j++) ops.push({ op: '+', text: b[j], at: j + 1 });
    if (pi < a.length) ops.push({ op: ' ', text: b[pj], at: pj + 1 });
    i = pi + 1;
    j = pj + 1;
  }
  const inUnit = ops.filter((o) => o.at >= range.start && o.at <= range.end);
  const changed = inUnit.map((o, k) => (o.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) return [];
  const keep = new Set<number>();
  for (const k of changed) for (let d = -CONTEXT; d <= CONTEXT; d++) if (k + d >= 0 && k + d < inUnit.length) keep.add(k + d);
  const out: DiffLine[] = [];
  let last = -1;
  for (const k of [...keep].sort((x, y) => x - y)) {
    if (last >= 0 && k > last + 1) out.push({ op: '…', text: '' });
    out.push({ op: inUnit[k].op, text: inUnit[k].text });
    last = k;
  }
  if (out.length > MAX_LINES) return [...out.slice(0, MAX_LINES), { op: '…', text: `${out.length - MAX_LINES} more lines` }];
  return out;
}
