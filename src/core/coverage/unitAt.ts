// The unit a line belongs to, for saying *what* changed since it was read: the innermost symbol
// of the map when there is one (named functions, methods, and the unnamed ones the map names by
// their context), else the top-level statement around the line (a route table, a middleware
// chain, a configuration object), named by its first line.
import type { SymbolInfo } from '../map/types';
import type { LineRange } from '../model/types';

export interface CodeUnit {
  name: string;
  range: LineRange;
  /** True for a symbol of the map; false for a top-level statement found by its indentation. */
  symbol: boolean;
}

const MAX_NAME = 60;

function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line);
  return m ? m[0].length : 0;
}

const blank = (l: string | undefined) => l === undefined || !l.trim();
const closes = (l: string) => /^[\]})]/.test(l.trim());

export function unitAt(line: number, symbols: readonly SymbolInfo[], lines: readonly string[]): CodeUnit {
  let best: SymbolInfo | undefined;
  for (const s of symbols) {
    if (s.range.start > line || s.range.end < line) continue;
    if (!best || s.range.end - s.range.start < best.range.end - best.range.start) best = s;
  }
  if (best) return { name: best.path, range: { start: best.range.start, end: best.range.end }, symbol: true };
  return { ...statementAt(line, lines), symbol: false };
}

/** The top-level statement holding a line: from the nearest unindented line above to its end. */
export function statementAt(line: number, lines: readonly string[]): { name: string; range: LineRange } {
  let start = Math.min(Math.max(1, line), lines.length);
  while (start > 1 && (blank(lines[start - 1]) || indentOf(lines[start - 1]) > 0 || closes(lines[start - 1]))) start--;
  let end = start;
  for (let l = start + 1; l <= lines.length; l++) {
    const text = lines[l - 1];
    if (blank(text)) continue;
    if (indentOf(text) === 0) {
      if (closes(text)) end = l;
      break;
    }
    end = l;
  }
  if (end < line) end = line;
  const first = (lines[start - 1] ?? '').trim().replace(/\s+/g, ' ');
  return { name: first.length > MAX_NAME ? first.slice(0, MAX_NAME - 1) + '…' : first || `line ${line}`, range: { start, end } };
}
