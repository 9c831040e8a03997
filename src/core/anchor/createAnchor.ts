import { DeepDiveError } from '../errors';
import type { Anchor, LineRange } from '../model/types';
import type { SymbolInfo } from '../map/types';
import { MAX_ANCHOR_LINE_CHARS, splitLines } from './text';

/**
 * An anchor keeps at most this much of each line: a note on a 50 MB one-line minified file must
 * not copy the file into the deep dive. normalizeLine compares lines by the same prefix, so a cut
 * line still matches its full self.
 */
export { MAX_ANCHOR_LINE_CHARS } from './text';

function boundLine(line: string): string {
  return line.length > MAX_ANCHOR_LINE_CHARS ? line.slice(0, MAX_ANCHOR_LINE_CHARS) : line;
}

/** Lines of context kept before and after the range, for fuzzy re-anchoring. */
export const CONTEXT_LINES = 3;

/**
 * The innermost symbol whose definition holds the whole range, or undefined. Innermost so that
 * a note inside a method names the method, not its class.
 */
export function enclosingSymbol(symbols: readonly SymbolInfo[] | undefined, range: LineRange): SymbolInfo | undefined {
  let best: SymbolInfo | undefined;
  for (const s of symbols ?? []) {
    if (s.range.start > range.start || s.range.end < range.end) continue;
    const span = s.range.end - s.range.start;
    if (!best || span < best.range.end - best.range.start || (span === best.range.end - best.range.start && s.path.length > best.path.length)) {
      best = s;
    }
  }
  return best;
}

/**
 * Captures what it takes to find a range again: its exact text (LF line ends), a few lines of
 * context, the enclosing symbol and the commit. Throws a DeepDiveError naming the file when the
 * range is not inside it.
 */
export function createAnchor(path: string, text: string, range: LineRange, symbols?: readonly SymbolInfo[], commit?: string): Anchor {
  const lines = splitLines(text);
  // A trailing newline does not make a line a reader can point at.
  const count = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.start < 1 || range.end < range.start) {
    throw new DeepDiveError(`invalid line range ${range.start}-${range.end}`, path);
  }
  if (range.end > count) {
    throw new DeepDiveError(`line ${range.end} is out of range (the file has ${count} lines)`, path);
  }
  const anchor: Anchor = {
    path,
    range: { start: range.start, end: range.end },
    text: lines.slice(range.start - 1, range.end).map(boundLine).join('\n'),
  };
  const before = lines.slice(Math.max(0, range.start - 1 - CONTEXT_LINES), range.start - 1).map(boundLine);
  const after = lines.slice(range.end, Math.min(count, range.end + CONTEXT_LINES)).map(boundLine);
  if (before.length) anchor.before = before.join('\n');
  if (after.length) anchor.after = after.join('\n');
  const symbol = enclosingSymbol(symbols, range);
  if (symbol) {
    anchor.symbol = symbol.path;
    anchor.symbolRange = { start: symbol.range.start, end: symbol.range.end };
  }
  if (commit) anchor.commit = commit;
  return anchor;
}
