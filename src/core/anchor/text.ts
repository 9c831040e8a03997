// Line-level text helpers for anchoring. Comparisons ignore all whitespace so that
// re-indentation, reformatting and CRLF/LF flips never look like a change of code.

/** Lines of a text, without their terminators (LF, CRLF or lone CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Anchors keep at most this many characters of a line (createAnchor); keys compare as much. */
export const MAX_ANCHOR_LINE_CHARS = 2000;

/** The comparison key of a line: its characters without any whitespace (of its kept prefix). */
export function normalizeLine(line: string): string {
  return (line.length > MAX_ANCHOR_LINE_CHARS ? line.slice(0, MAX_ANCHOR_LINE_CHARS) : line).replace(/\s+/g, '');
}

/**
 * How much a line says about where it is. Braces, `else`, `return;` and blank lines occur
 * everywhere; weighting by length keeps them from steering a match.
 */
export function lineWeight(key: string): number {
  if (key.length === 0) return 0;
  return Math.min(1, Math.max(0.1, key.length / 16));
}

function bigrams(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

const bigramCache = new Map<string, Map<string, number>>();

function cachedBigrams(s: string): Map<string, number> {
  let b = bigramCache.get(s);
  if (!b) {
    // A bounded cache: the benchmark compares many lines, a long session must not grow forever.
    if (bigramCache.size > 20000) bigramCache.clear();
    b = bigrams(s);
    bigramCache.set(s, b);
  }
  return b;
}

/** Sørensen–Dice similarity of two normalized lines on character bigrams, 0..1. */
export function keySimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const ga = cachedBigrams(a);
  const gb = cachedBigrams(b);
  let common = 0;
  for (const [g, n] of ga) {
    const m = gb.get(g);
    if (m) common += Math.min(n, m);
  }
  return (2 * common) / (a.length - 1 + (b.length - 1));
}

/**
 * Similarity of two blocks of normalized lines, 0..1: weighted Dice of their line multisets.
 * Order-blind on purpose (cheap, and tolerant of lines moved within a function); placement
 * comes from the diff-based refinement afterwards.
 */
export function blockSimilarity(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  let wa = 0;
  let wb = 0;
  for (const k of a) {
    const w = lineWeight(k);
    if (w === 0) continue;
    wa += w;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let common = 0;
  for (const k of b) {
    const w = lineWeight(k);
    if (w === 0) continue;
    wb += w;
    const n = counts.get(k);
    if (n) {
      common += w;
      counts.set(k, n - 1);
    }
  }
  if (wa + wb === 0) return a.length === b.length ? 1 : 0;
  return (2 * common) / (wa + wb);
}

/**
 * Similarity of two short blocks, line by line in order with fuzzy lines, 0..1. Used where
 * a single edited line must still count as mostly the same.
 */
export function alignedSimilarity(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  if (n === 0) return 1;
  let total = 0;
  let weight = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    const w = Math.max(lineWeight(x), lineWeight(y));
    if (w === 0) continue;
    weight += w;
    total += w * keySimilarity(x, y);
  }
  return weight === 0 ? 1 : total / weight;
}

/**
 * Character-bigram similarity of two whole blocks, 0..1: survives edits to every line (types
 * added in a JS → TS port, reformatting) that defeat line-level comparison.
 */
export function charSimilarity(a: readonly string[], b: readonly string[]): number {
  const x = a.join('');
  const y = b.join('');
  if (x === y) return 1;
  if (x.length < 2 || y.length < 2) return 0;
  const gx = bigrams(x);
  let common = 0;
  for (let i = 0; i < y.length - 1; i++) {
    const g = y.slice(i, i + 2);
    const n = gx.get(g);
    if (n) {
      common++;
      gx.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length - 1 + (y.length - 1));
}
