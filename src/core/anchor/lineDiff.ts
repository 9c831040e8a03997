// Maps lines of an old block onto a new block through their longest common subsequence, the
// way a diff does: unchanged lines pin the block, changed lines are placed between them.

/** Cells above which the quadratic table is replaced by matching unique lines only. */
const MAX_CELLS = 4_000_000;

/** Pairs [indexInA, indexInB] of equal, non-empty keys in increasing order on both sides. */
export function matchLines(a: readonly string[], b: readonly string[]): [number, number][] {
  if (a.length === 0 || b.length === 0) return [];
  if (a.length * b.length > MAX_CELLS) return matchUnique(a, b);
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = LCS length of a[i..] and b[j..], flattened.
  const w = m + 1;
  const lcs = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] =
        a[i] !== '' && a[i] === b[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] !== '' && a[i] === b[j] && lcs[i * w + j] === lcs[(i + 1) * w + j + 1] + 1) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

/** Patience-style fallback for huge blocks: lines unique on both sides, kept in order. */
function matchUnique(a: readonly string[], b: readonly string[]): [number, number][] {
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  const posB = new Map<string, number>();
  a.forEach((k) => countA.set(k, (countA.get(k) ?? 0) + 1));
  b.forEach((k, j) => {
    countB.set(k, (countB.get(k) ?? 0) + 1);
    posB.set(k, j);
  });
  const pairs: [number, number][] = [];
  let last = -1;
  a.forEach((k, i) => {
    if (k === '' || countA.get(k) !== 1 || countB.get(k) !== 1) return;
    const j = posB.get(k)!;
    if (j > last) {
      pairs.push([i, j]);
      last = j;
    }
  });
  return pairs;
}
