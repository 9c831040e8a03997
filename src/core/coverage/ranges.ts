// Line-range arithmetic. Ranges are 1-based, inclusive [start, end] pairs; a "range set" is
// sorted, non-overlapping and non-adjacent (normalized), which every function here returns.

export type Pair = [number, number];

/** Sorts, drops empty/invalid pairs, merges overlapping and adjacent ones. */
export function normalizeRanges(ranges: readonly (readonly [number, number])[]): Pair[] {
  // Most inputs are range sets already (code lines, unread lines): one pass says so, no sort.
  if (isNormalized(ranges)) return ranges.map(([s, e]) => [s, e]);
  const valid = ranges
    .filter(([s, e]) => Number.isInteger(s) && Number.isInteger(e) && e >= s && e >= 1)
    .map(([s, e]) => [Math.max(1, s), e] as Pair)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Pair[] = [];
  for (const [s, e] of valid) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function isNormalized(ranges: readonly (readonly [number, number])[]): boolean {
  let prevEnd = -1;
  for (const [s, e] of ranges) {
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 1 || e < s || s <= prevEnd + 1) return false;
    prevEnd = e;
  }
  return true;
}

export function unionRanges(...sets: readonly (readonly (readonly [number, number])[])[]): Pair[] {
  return normalizeRanges(sets.flat());
}

export function intersectRanges(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): Pair[] {
  const x = normalizeRanges(a);
  const y = normalizeRanges(b);
  const out: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const s = Math.max(x[i][0], y[j][0]);
    const e = Math.min(x[i][1], y[j][1]);
    if (s <= e) out.push([s, e]);
    if (x[i][1] < y[j][1]) i++;
    else j++;
  }
  return out;
}

/** a minus b. */
export function subtractRanges(a: readonly (readonly [number, number])[], b: readonly (readonly [number, number])[]): Pair[] {
  const y = normalizeRanges(b);
  const out: Pair[] = [];
  for (const [s0, e0] of normalizeRanges(a)) {
    let s = s0;
    for (const [bs, be] of y) {
      if (be < s) continue;
      if (bs > e0) break;
      if (bs > s) out.push([s, bs - 1]);
      s = Math.max(s, be + 1);
      if (s > e0) break;
    }
    if (s <= e0) out.push([s, e0]);
  }
  return out;
}

export function countLines(ranges: readonly (readonly [number, number])[]): number {
  return normalizeRanges(ranges).reduce((n, [s, e]) => n + e - s + 1, 0);
}

export function containsLine(ranges: readonly (readonly [number, number])[], line: number): boolean {
  return ranges.some(([s, e]) => line >= s && line <= e);
}

/** Shifts every line by delta and keeps what stays inside [min, max]. */
export function shiftRanges(ranges: readonly (readonly [number, number])[], delta: number, min: number, max: number): Pair[] {
  return intersectRanges(
    ranges.map(([s, e]) => [s + delta, e + delta] as Pair),
    [[min, max]],
  );
}

/** Sorted line numbers → range set. */
export function rangesFromLines(lines: Iterable<number>): Pair[] {
  return normalizeRanges([...lines].map((l) => [l, l] as Pair));
}
