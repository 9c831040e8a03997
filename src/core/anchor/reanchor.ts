// Finds an anchor's code again in the current files. Order of evidence: the exact text where
// it was; the enclosing symbol (same file, a renamed file, then another file); the text
// (exact anywhere in the file, else fuzzy with context); the same symbol name elsewhere;
// the text in other files; finally the old lines, only when what sits there still resembles
// the anchor. Nothing found means orphaned: the caller keeps the anchor and its text.
// Pure and deterministic: same inputs, same answer.
import type { Anchor, LineRange } from '../model/types';
import type { SymbolInfo } from '../map/types';
import type { AnchorFile, AnchorMethod, ReanchorOptions, ReanchorResult } from './types';
import { createAnchor } from './createAnchor';
import { charSimilarity, splitLines } from './text';
import { findExact, findFuzzy, makeProbe, prepare, textSimilarity, type Hit, type PreparedFile, type Probe } from './search';

/** Fuzzy matches below these are not the same code. */
const FUZZY_MIN = 0.5;
const FUZZY_MIN_WITH_CONTEXT = 0.3;
const CONTEXT_STRONG = 0.8;
/** Elsewhere (another file, another symbol) needs more resemblance than in place. */
const ELSEWHERE_MIN = 0.6;
/** A symbol path found only once elsewhere needs only this much of its old text. */
const UNIQUE_NAME_MIN = 0.25;
const UNIQUE_NAME_CHARS_MIN = 0.5;
/** The old lines are kept only if what sits there resembles the anchor this much. */
const LINE_MIN = 0.4;

// The file list is usually the same array for every anchor of a dive: index and sort it once,
// not once per note (20,000 notes × every file in scope made status slow).
const indexes = new WeakMap<readonly AnchorFile[], { byPath: Map<string, AnchorFile>; sorted: AnchorFile[] }>();
function indexOf(files: readonly AnchorFile[]): { byPath: Map<string, AnchorFile>; sorted: AnchorFile[] } {
  let ix = indexes.get(files);
  if (!ix) {
    ix = { byPath: new Map(files.map((f) => [f.path, f])), sorted: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
    indexes.set(files, ix);
  }
  return ix;
}

// A file's lines as they are, split once per file (not per note) for the check below.
const rawLines = new WeakMap<AnchorFile, { lines: string[]; count: number }>();
function linesOf(file: AnchorFile): { lines: string[]; count: number } {
  let r = rawLines.get(file);
  if (!r) {
    const lines = splitLines(file.text);
    r = { lines, count: lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length };
    rawLines.set(file, r);
  }
  return r;
}

/**
 * Step 1 without normalizing anything: the anchor's text, character for character, still on its
 * own lines of its own file. Most notes of a dive are, and every status, note list and report
 * re-anchors all of them: splitting and normalizing each anchor's text and context first was most
 * of that. Equal lines have equal keys, so this answers exactly what step 1 would.
 */
function untouched(anchor: Anchor, file: AnchorFile): ReanchorResult | undefined {
  const { lines, count } = linesOf(file);
  const start = anchor.range.start - 1;
  if (anchor.range.end > count) return undefined;
  const text = anchor.text;
  let n = 1;
  if (text.includes('\n') || text.includes('\r')) {
    const own = splitLines(text);
    n = own.length;
    if (start + n > count) return undefined;
    for (let j = 0; j < n; j++) if (lines[start + j] !== own[j]) return undefined;
  } else if (start >= count || lines[start] !== text) return undefined;
  const range = { start: start + 1, end: start + n };
  const same = file.path === anchor.path && range.end === anchor.range.end;
  return { status: same ? 'anchored' : 'moved', path: file.path, range, confidence: 1, method: 'exact' };
}

export function reanchor(anchor: Anchor, files: readonly AnchorFile[], options: ReanchorOptions = {}): ReanchorResult {
  const useSymbols = options.useSymbols !== false;
  const { byPath, sorted } = indexOf(files);
  const renamed = options.renames?.[anchor.path];
  const target = byPath.get(anchor.path) ?? (renamed !== undefined ? byPath.get(renamed) : undefined);
  const quick = target ? untouched(anchor, target) : undefined;
  if (quick) return quick;
  const probe = makeProbe(anchor.text, anchor.before, anchor.after, anchor.range.start);
  const n = probe.keys.length;
  // Only anchors that moved look at the other files; most are found where they were.
  let othersList: AnchorFile[] | undefined;
  const others = (): AnchorFile[] => (othersList ??= sorted.filter((f) => f !== target));
  const result = (file: AnchorFile, start: number, end: number, confidence: number, method: AnchorMethod): ReanchorResult => {
    const range = { start: start + 1, end: end + 1 };
    const same = file.path === anchor.path && range.start === anchor.range.start && range.end === anchor.range.end;
    return { status: same ? 'anchored' : 'moved', path: file.path, range, confidence: round(confidence), method };
  };

  const t = target ? prepare(target) : undefined;
  // 1. Untouched: the same text on the same lines.
  if (t && anchor.range.end <= t.count) {
    let same = true;
    for (let j = 0; j < n && same; j++) same = t.keys[probe.expected + j] === probe.keys[j];
    if (same) return result(t.file, probe.expected, probe.expected + n - 1, 1, 'exact');
  }

  // 2. The enclosing symbol, by its full path: in this file, then in another one.
  if (useSymbols && anchor.symbol) {
    if (t?.file.symbols) {
      const sym = nearest(t.file.symbols.filter((s) => s.path === anchor.symbol), anchor.symbolRange?.start ?? anchor.range.start);
      if (sym) {
        const placed = placeInSymbol(anchor, probe, t, sym);
        return result(t.file, placed.start, placed.end, placed.confidence, 'symbol');
      }
    }
    const moved = bestElsewhere(anchor, probe, others(), (s) => s.path === anchor.symbol) ?? onlyOneElsewhere(anchor, probe, others());
    if (moved) return result(moved.p.file, moved.start, moved.end, moved.confidence, 'symbol');
  }

  // 3. The text in this file: exact anywhere (nearest, best context), else a strong fuzzy match.
  const fuzzyHere = t ? findFuzzy(probe, t) : undefined;
  if (t) {
    const exact = findExact(probe, t);
    if (exact) return result(t.file, exact.start, exact.end, hitConfidence(exact), 'exact');
    if (fuzzyHere && isStrong(fuzzyHere)) return result(t.file, fuzzyHere.start, fuzzyHere.end, hitConfidence(fuzzyHere), 'fuzzy');
  }

  // 4. The same symbol name under another parent or in another file (code moved).
  if (useSymbols && anchor.symbol) {
    const name = lastSegment(anchor.symbol);
    const pool = t ? [t.file, ...others()] : others();
    const moved = bestElsewhere(anchor, probe, pool, (s) => s.name === name && s.path !== anchor.symbol);
    if (moved) return result(moved.p.file, moved.start, moved.end, moved.confidence, 'symbol');
  }

  // 5. The text in another file; only blocks with enough text to be recognisable (a single
  // line must also bring its context along).
  if (probe.weight >= 0.75) {
    for (const f of others()) {
      const hit = findExact(probe, prepare(f));
      if (hit && (probe.weight >= 1.5 || (hit.ctxSim ?? 0) >= 0.5)) return result(f, hit.start, hit.end, 0.9 * hitConfidence(hit), 'exact');
    }
  }
  // A weaker resemblance in the same file still beats one in another file.
  const weak = t ? acceptFuzzy(fuzzyHere, probe) : undefined;
  if (t && weak) return result(t.file, weak.start, weak.end, hitConfidence(weak), 'fuzzy');
  if (probe.weight >= 3) {
    let best: { f: AnchorFile; hit: Hit } | undefined;
    for (const f of others()) {
      const hit = findFuzzy(probe, prepare(f));
      if (hit && hit.textSim >= ELSEWHERE_MIN + 0.1 && (!best || hit.score > best.hit.score)) best = { f, hit };
    }
    if (best) return result(best.f, best.hit.start, best.hit.end, 0.9 * hitConfidence(best.hit), 'fuzzy');
  }

  // 6. The old lines, if the file is still there and they still resemble the anchor.
  if (t && t.count > 0) {
    const start = Math.min(probe.expected, t.count - 1);
    const end = Math.min(start + n - 1, t.count - 1);
    const sim = textSimilarity(probe, t, start, end);
    if (sim >= LINE_MIN) return result(t.file, start, end, 0.8 * sim, 'line');
  }

  return { status: 'orphaned', path: anchor.path, range: { ...anchor.range }, confidence: 0 };
}

function round(x: number): number {
  return Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;
}

function lastSegment(symbolPath: string): string {
  const parts = symbolPath.split('.');
  return parts[parts.length - 1];
}

function nearest(symbols: readonly SymbolInfo[], line: number): SymbolInfo | undefined {
  let best: SymbolInfo | undefined;
  for (const s of symbols) if (!best || Math.abs(s.range.start - line) < Math.abs(best.range.start - line)) best = s;
  return best;
}

/** Near-certain: most of the text is there and the surroundings do not contradict it. */
function isStrong(hit: Hit): boolean {
  return hit.textSim >= 0.75 && (hit.ctxSim === undefined || hit.ctxSim >= 0.3);
}

function acceptFuzzy(hit: Hit | undefined, probe: Probe): Hit | undefined {
  if (!hit) return undefined;
  // One or two lines that merely look alike are everywhere in code: ask for context too.
  const small = probe.keys.filter((k) => k !== '').length <= 2;
  if (small) return hit.textSim >= 0.85 || (hit.textSim >= 0.6 && (hit.ctxSim ?? 0) >= 0.5) ? hit : undefined;
  if (hit.textSim >= FUZZY_MIN) return hit;
  if (hit.textSim >= FUZZY_MIN_WITH_CONTEXT && (hit.ctxSim ?? 0) >= CONTEXT_STRONG) return hit;
  return undefined;
}

function hitConfidence(hit: Hit): number {
  if (hit.textSim === 1) return hit.ties > 1 ? 0.8 + 0.2 * (hit.ctxSim ?? 0) : 1;
  return hit.score;
}

function isWholeSymbol(anchor: Anchor): boolean {
  const s = anchor.symbolRange;
  return !!s && s.start === anchor.range.start && s.end === anchor.range.end;
}

interface Placed {
  start: number;
  end: number;
  confidence: number;
}

/** Where the anchor sits inside a symbol found again: the whole symbol, or its text inside it. */
function placeInSymbol(anchor: Anchor, probe: Probe, p: PreparedFile, sym: SymbolInfo): Placed {
  const lo = sym.range.start - 1;
  const hi = Math.min(sym.range.end - 1, p.count - 1);
  if (isWholeSymbol(anchor)) {
    return { start: lo, end: hi, confidence: 0.7 + 0.3 * textSimilarity(probe, p, lo, hi) };
  }
  const offset = anchor.range.start - (anchor.symbolRange?.start ?? anchor.range.start);
  const expected = lo + offset;
  const hit = findExact(probe, p, lo, hi, expected) ?? acceptFuzzy(findFuzzy(probe, p, lo, hi, expected), probe);
  if (hit) return { start: hit.start, end: hit.end, confidence: Math.max(0.5, hitConfidence(hit)) };
  // The text inside changed beyond recognition: keep the note at the same place in the symbol.
  const start = Math.min(expected, hi);
  const span = anchor.range.end - anchor.range.start;
  return { start, end: Math.min(start + span, hi), confidence: 0.4 };
}

/** The best symbol in other files that passes `match` and still resembles the anchor. */
function bestElsewhere(
  anchor: Anchor,
  probe: Probe,
  pool: readonly AnchorFile[],
  match: (s: SymbolInfo) => boolean,
): (Placed & { p: PreparedFile }) | undefined {
  let best: (Placed & { p: PreparedFile; sim: number }) | undefined;
  for (const f of pool) {
    if (!f.symbols) continue;
    for (const sym of f.symbols) {
      if (!match(sym)) continue;
      const p = prepare(f);
      const lo = sym.range.start - 1;
      const hi = Math.min(sym.range.end - 1, p.count - 1);
      let placed: Placed;
      let sim: number;
      if (isWholeSymbol(anchor)) {
        sim = textSimilarity(probe, p, lo, hi);
        placed = { start: lo, end: hi, confidence: 0.6 + 0.3 * sim };
      } else {
        const offset = anchor.range.start - (anchor.symbolRange?.start ?? anchor.range.start);
        const hit = findExact(probe, p, lo, hi, lo + offset) ?? findFuzzy(probe, p, lo, hi, lo + offset);
        if (!hit) continue;
        sim = hit.textSim;
        placed = { start: hit.start, end: hit.end, confidence: 0.9 * hitConfidence(hit) };
      }
      if (sim < ELSEWHERE_MIN) continue;
      if (!best || sim > best.sim) best = { ...placed, p, sim };
    }
  }
  return best;
}

/**
 * A file split or a language port (JS → TS) rewrites a function's text but keeps its qualified
 * name: when exactly one symbol in the other files has that path, it is the one, as long as
 * its text is not wholly unrelated.
 */
function onlyOneElsewhere(anchor: Anchor, probe: Probe, pool: readonly AnchorFile[]): (Placed & { p: PreparedFile }) | undefined {
  let found: { f: AnchorFile; sym: SymbolInfo } | undefined;
  for (const f of pool) {
    for (const sym of f.symbols ?? []) {
      if (sym.path !== anchor.symbol) continue;
      if (found) return undefined;
      found = { f, sym };
    }
  }
  if (!found) return undefined;
  const p = prepare(found.f);
  const lo = found.sym.range.start - 1;
  const hi = Math.min(found.sym.range.end - 1, p.count - 1);
  if (isWholeSymbol(anchor) && textSimilarity(probe, p, lo, hi) < UNIQUE_NAME_MIN && charSimilarity(probe.keys, p.keys.slice(lo, hi + 1)) < UNIQUE_NAME_CHARS_MIN) {
    return undefined;
  }
  const placed = placeInSymbol(anchor, probe, p, found.sym);
  return { ...placed, confidence: 0.8 * placed.confidence, p };
}

/** The anchor re-made at the place a reanchor result found, to be saved; orphaned ones are kept as they were. */
export function refreshAnchor(anchor: Anchor, found: ReanchorResult, files: readonly AnchorFile[], commit?: string): Anchor {
  if (found.status === 'orphaned') return anchor;
  if (found.status === 'anchored' && !commit) return anchor;
  const file = files.find((f) => f.path === found.path);
  if (!file) return anchor;
  return rebuild(anchor, file, found.range, commit);
}


function rebuild(anchor: Anchor, file: AnchorFile, range: LineRange, commit?: string): Anchor {
  const fresh = createAnchor(file.path, file.text, range, file.symbols, commit ?? anchor.commit);
  // Without symbols for the new file, the old symbol name is still the best description.
  if (!fresh.symbol && anchor.symbol && !file.symbols) {
    fresh.symbol = anchor.symbol;
  }
  return fresh;
}
