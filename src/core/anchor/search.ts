// Text search for an anchor inside one file: exact (whitespace-blind) first, then fuzzy with
// context scoring, then diff-based placement of the block's ends. 0-based indices inside.
import type { AnchorFile } from './types';
import { matchLines } from './lineDiff';
import { alignedSimilarity, blockSimilarity, lineWeight, normalizeLine, splitLines } from './text';

/** A file prepared for searching: raw lines and their comparison keys. */
export interface PreparedFile {
  file: AnchorFile;
  keys: string[];
  /** Lines a reader can point at (a final newline adds none). */
  count: number;
}

const prepared = new WeakMap<AnchorFile, PreparedFile>();

export function prepare(file: AnchorFile): PreparedFile {
  let p = prepared.get(file);
  if (!p) {
    const lines = splitLines(file.text);
    const count = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
    p = { file, keys: lines.slice(0, count).map(normalizeLine), count };
    prepared.set(file, p);
  }
  return p;
}

/** What is looked for: the anchor's lines and context as keys, and where it was. */
export interface Probe {
  keys: string[];
  before: string[];
  after: string[];
  /** 0-based line the block started at. */
  expected: number;
  /** Sum of line weights: how much text there is to recognise. */
  weight: number;
}

export function makeProbe(text: string, before: string | undefined, after: string | undefined, startLine: number): Probe {
  const keys = splitLines(text).map(normalizeLine);
  return {
    keys,
    before: before === undefined ? [] : splitLines(before).map(normalizeLine),
    after: after === undefined ? [] : splitLines(after).map(normalizeLine),
    expected: startLine - 1,
    weight: keys.reduce((s, k) => s + lineWeight(k), 0),
  };
}

export interface Hit {
  /** 0-based inclusive. */
  start: number;
  end: number;
  textSim: number;
  /** Similarity of the surrounding lines, or undefined when the anchor kept none. */
  ctxSim?: number;
  score: number;
  /** Number of equally good exact places: more than one means a duplicate was chosen by distance. */
  ties: number;
}

/** Whether a block is small enough that single edited lines must count as partly equal. */
function isSmall(probe: Probe): boolean {
  return probe.keys.filter((k) => k !== '').length <= 3;
}

export function textSimilarity(probe: Probe, p: PreparedFile, start: number, end: number): number {
  const window = p.keys.slice(start, end + 1);
  return isSmall(probe) ? alignedSimilarity(probe.keys, window) : blockSimilarity(probe.keys, window);
}

function contextSimilarity(probe: Probe, p: PreparedFile, start: number, end: number): number | undefined {
  const sims: number[] = [];
  if (probe.before.length && probe.before.some((k) => k !== '')) {
    const b = probe.before.length;
    const got: string[] = [];
    for (let i = start - b; i < start; i++) got.push(i >= 0 ? p.keys[i] : '');
    sims.push(alignedSimilarity(probe.before, got));
  }
  if (probe.after.length && probe.after.some((k) => k !== '')) {
    sims.push(alignedSimilarity(probe.after, p.keys.slice(end + 1, end + 1 + probe.after.length)));
  }
  return sims.length ? sims.reduce((a, b) => a + b, 0) / sims.length : undefined;
}

function combine(textSim: number, ctxSim: number | undefined): number {
  return ctxSim === undefined ? textSim : 0.75 * textSim + 0.25 * ctxSim;
}

/** Picks the best of scored places: highest score, then nearest to where the block was. */
function pickBest<T extends { start: number; score: number }>(hits: T[], expected: number, slack: number): T | undefined {
  let top = -Infinity;
  for (const h of hits) top = Math.max(top, h.score);
  let best: T | undefined;
  for (const h of hits) {
    if (h.score < top - slack) continue;
    if (!best || Math.abs(h.start - expected) < Math.abs(best.start - expected)) best = h;
  }
  return best;
}

/** Exact (whitespace-blind) occurrences of the block within lines [lo, hi], best one. */
export function findExact(probe: Probe, p: PreparedFile, lo = 0, hi = p.count - 1, expected = probe.expected): Hit | undefined {
  const n = probe.keys.length;
  const first = probe.keys.findIndex((k) => k !== '');
  if (first < 0 || n === 0) return undefined;
  const hits: Hit[] = [];
  for (let i = lo; i + n - 1 <= hi; i++) {
    if (p.keys[i + first] !== probe.keys[first]) continue;
    let ok = true;
    for (let j = 0; j < n && ok; j++) ok = p.keys[i + j] === probe.keys[j];
    if (!ok) continue;
    const ctxSim = contextSimilarity(probe, p, i, i + n - 1);
    hits.push({ start: i, end: i + n - 1, textSim: 1, ctxSim, score: combine(1, ctxSim), ties: 0 });
  }
  const best = pickBest(hits, expected, 0.05);
  if (best) best.ties = hits.filter((h) => h.score >= best.score - 0.05).length;
  return best;
}

/** Sliding multiset similarity of every window of the probe's length within [lo, hi]. */
function windowSims(probe: Probe, p: PreparedFile, lo: number, hi: number): Float64Array {
  const n = probe.keys.length;
  const sims = new Float64Array(Math.max(0, hi - n + 2 - lo));
  if (isSmall(probe)) {
    for (let i = lo; i + n - 1 <= hi; i++) sims[i - lo] = alignedSimilarity(probe.keys, p.keys.slice(i, i + n));
    return sims;
  }
  const want = new Map<string, number>();
  let wp = 0;
  for (const k of probe.keys) {
    const w = lineWeight(k);
    if (w === 0) continue;
    wp += w;
    want.set(k, (want.get(k) ?? 0) + 1);
  }
  const have = new Map<string, number>();
  let common = 0;
  let ww = 0;
  const add = (k: string): void => {
    const w = lineWeight(k);
    if (w === 0) return;
    ww += w;
    const h = have.get(k) ?? 0;
    if (h < (want.get(k) ?? 0)) common += w;
    have.set(k, h + 1);
  };
  const remove = (k: string): void => {
    const w = lineWeight(k);
    if (w === 0) return;
    ww -= w;
    const h = (have.get(k) ?? 0) - 1;
    have.set(k, h);
    if (h < (want.get(k) ?? 0)) common -= w;
  };
  for (let i = lo; i < Math.min(lo + n, hi + 1); i++) add(p.keys[i]);
  for (let i = lo; i + n - 1 <= hi; i++) {
    if (i > lo) {
      remove(p.keys[i - 1]);
      add(p.keys[i + n - 1]);
    }
    sims[i - lo] = wp + ww === 0 ? 0 : (2 * common) / (wp + ww);
  }
  return sims;
}

/**
 * The most similar place for the block within [lo, hi] (whole file by default), its ends
 * placed by a line diff against the neighbourhood, so that lines added to or removed from a
 * function body stretch or shrink the range.
 */
export function findFuzzy(probe: Probe, p: PreparedFile, lo = 0, hi = p.count - 1, expected = probe.expected): Hit | undefined {
  const n = probe.keys.length;
  if (n === 0 || probe.weight === 0 || hi < lo) return undefined;
  const effectiveHi = Math.max(hi, lo + n - 1);
  const sims = windowSims(probe, p, lo, Math.min(effectiveHi, p.count - 1));
  if (sims.length === 0) return undefined;
  let top = 0;
  for (const s of sims) top = Math.max(top, s);
  if (top <= 0) return undefined;
  // Rescore the best few with context; a near-tie is settled by distance.
  const order = Array.from(sims.keys())
    .filter((i) => sims[i] >= top - 0.15)
    .sort((a, b) => sims[b] - sims[a] || Math.abs(a + lo - expected) - Math.abs(b + lo - expected) || a - b)
    .slice(0, 40);
  const scored = order.map((i) => {
    const start = i + lo;
    const ctxSim = contextSimilarity(probe, p, start, start + n - 1);
    return { start, textSim: sims[i], ctxSim, score: combine(sims[i], ctxSim) };
  });
  const best = pickBest(scored, expected, 0.02)!;
  const [start, end] = refine(probe, p, best.start, lo, Math.min(hi, p.count - 1));
  const textSim = Math.max(best.textSim, textSimilarity(probe, p, start, end));
  return { start, end, textSim, ctxSim: best.ctxSim, score: combine(textSim, best.ctxSim), ties: 0 };
}

/** Places the block's ends by the lines it shares with the neighbourhood of a window. */
function refine(probe: Probe, p: PreparedFile, windowStart: number, lo: number, hi: number): [number, number] {
  const n = probe.keys.length;
  const slack = Math.ceil(n / 2) + 2;
  const rlo = Math.max(lo, windowStart - slack);
  const rhi = Math.min(hi, windowStart + n - 1 + slack);
  const pairs = matchLines(probe.keys, p.keys.slice(rlo, rhi + 1)).filter(([a]) => lineWeight(probe.keys[a]) >= 0.25);
  if (pairs.length === 0) return [windowStart, Math.min(hi, windowStart + n - 1)];
  const [fa, fb] = pairs[0];
  const [la, lb] = pairs[pairs.length - 1];
  const start = Math.max(rlo, rlo + fb - fa);
  const end = Math.min(rhi, rlo + lb + (n - 1 - la));
  return end >= start ? [start, end] : [start, start];
}
