// Positions of one edited file, before and after: what lets the entry-point answer follow an edit
// that moved code without changing what it declares (a line added in a function body), instead of
// linking the whole repository again (seconds on a million lines). Two versions of what the
// entry-point pass reads of the file (its entry facts and its map entry) are walked side by side:
// everything but a position must be equal — the file's *shape* — and the positions pair up into a
// renaming old → new. The previous answer with that renaming applied is the answer: the pass
// treats positions as data it carries (and compares within the file), never as something it
// decides on, so renaming them in its input renames them in its output. Anything that does not
// fit (a new route, a changed mount, a position the renaming does not know) says "no", and the
// caller computes from scratch.
import type { EntryPointsResult } from './types';

/** Keys whose numbers are 1-based line numbers (facts, symbols, imports, entry points, ranges). */
const LINE_KEYS = new Set(['line', 'start', 'end', 'nameLine', 'lines']);
/** Keys whose numbers are character offsets in the file (`order`: where a registration starts, compared within the file). */
const OFFSET_KEYS = new Set(['offset', 'order']);
/** A function or class with no name of its own is named by its line (facts/jsFacts.ts). */
const ANON = /^<(?:anon|class)@(\d+)>$/;

/** Old → new line numbers and character offsets of one file. */
export interface PositionShift {
  lines: Map<number, number>;
  offsets: Map<number, number>;
  /** Lines of unnamed functions and classes that moved: their names (`<anon@12>`) changed with them. */
  movedAnon: Set<number>;
  /**
   * The file's own references by offset (`R:api/x.go@120-480`, a Go router value or function
   * literal): its path followed by `@offset` or `@start-end`, when the file is known.
   */
  refs?: RegExp;
}

export function emptyShift(file?: string): PositionShift {
  return { lines: new Map(), offsets: new Map(), movedAnon: new Set(), ...(file ? { refs: offsetRefs(file) } : {}) };
}

function offsetRefs(file: string): RegExp {
  return new RegExp(`(?<![\\w./@-])${escape(file)}@(\\d+)(?:-(\\d+))?(?!\\d)`, 'g');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A string naming the file's own positions by offset: equal once they are taken out, and each pair renamed. */
function pairRefs(a: string, b: string, shift: PositionShift): boolean | undefined {
  const refs = shift.refs;
  if (!refs || !a.includes('@') || !b.includes('@')) return undefined;
  const ma = [...a.matchAll(refs)];
  if (!ma.length) return undefined;
  const mb = [...b.matchAll(refs)];
  if (ma.length !== mb.length || a.replace(refs, '@') !== b.replace(refs, '@')) return false;
  for (let i = 0; i < ma.length; i++) {
    if (!pair(shift.offsets, Number(ma[i][1]), Number(mb[i][1]))) return false;
    if ((ma[i][2] === undefined) !== (mb[i][2] === undefined)) return false;
    if (ma[i][2] !== undefined && !pair(shift.offsets, Number(ma[i][2]), Number(mb[i][2]))) return false;
  }
  return true;
}

/**
 * Walks two versions of the same plain data side by side: true when they differ only in
 * positions, which are added to `shift` (false on any other difference, or when a position would
 * map to two places). An array's items are read under the array's key (`publicComments: [12]`).
 */
export function pairPositions(a: unknown, b: unknown, shift: PositionShift, key?: string): boolean {
  if (a === b) {
    if (typeof a === 'number' && key !== undefined) return pairNumber(a, a, shift, key);
    if (typeof a === 'string') {
      const m = ANON.exec(a);
      if (m) return pair(shift.lines, Number(m[1]), Number(m[1]));
      return pairRefs(a, a, shift) ?? true;
    }
    if (typeof a !== 'object' || a === null) return true;
  }
  if (typeof a !== typeof b || a === null || b === null) return false;
  if (typeof a === 'number') return key !== undefined && pairNumber(a, b as number, shift, key);
  if (typeof a === 'string') {
    const refs = pairRefs(a, b as string, shift);
    if (refs !== undefined) return refs;
    const m = ANON.exec(a);
    const n = ANON.exec(b as string);
    if (!m || !n) return false;
    if (m[1] !== n[1]) shift.movedAnon.add(Number(m[1]));
    return pair(shift.lines, Number(m[1]), Number(n[1]));
  }
  if (typeof a !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    // A call's site (facts/types.ts `Site`): `['c', callee, args, [line, offset]]`, `['new', …]`.
    // A route written as data: `['o', props, [line, offset]]`; a table keyed by route also has
    // `[key, line, offset]` per route key: `['o', props, [line, offset], keySites]`.
    const at = (a[0] === 'c' || a[0] === 'new') && a.length === 4 && Array.isArray(a[3]) ? 3 : a[0] === 'o' && (a.length === 3 || a.length === 4) && Array.isArray(a[2]) ? 2 : -1;
    const keyed = a[0] === 'o' && a.length === 4 && Array.isArray(a[3]) ? 3 : -1;
    for (let i = 0; i < a.length; i++) {
      if (i === keyed) {
        const [ka, kb] = [a[keyed] as unknown[][], b[keyed] as unknown[]];
        if (!Array.isArray(kb) || ka.length !== kb.length) return false;
        for (let j = 0; j < ka.length; j++) {
          const [x, y] = [ka[j]!, kb[j] as unknown[]];
          if (!Array.isArray(y) || x.length !== 3 || y.length !== 3 || x[0] !== y[0]) return false;
          if (!pairPositions(x[1], y[1], shift, 'line') || !pairPositions(x[2], y[2], shift, 'offset')) return false;
        }
      } else if (i === at) {
        const [sa, sb] = [a[at] as unknown[], b[at] as unknown[]];
        if (!Array.isArray(sb) || sa.length !== 2 || sb.length !== 2) return false;
        if (!pairPositions(sa[0], sb[0], shift, 'line') || !pairPositions(sa[1], sb[1], shift, 'offset')) return false;
      } else if (!pairPositions(a[i], b[i], shift, key)) return false;
    }
    return true;
  }
  if (Array.isArray(b) || a instanceof Set || a instanceof Map) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  if (ka.every((k) => Object.prototype.hasOwnProperty.call(b, k))) {
    for (const k of ka) {
      if (shift.refs && pairRefs(k, k, shift) === false) return false;
      if (!pairPositions(ra[k], rb[k], shift, k)) return false;
    }
    return true;
  }
  // Keyed by the file's own references (`routers: { 'R:x.go@120-480': … }`): the same keys in the same order, renamed.
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] && pairRefs(ka[i], kb[i], shift) !== true) return false;
    if (!pairPositions(ra[ka[i]], rb[kb[i]], shift, ka[i])) return false;
  }
  return true;
}

function pairNumber(a: number, b: number, shift: PositionShift, key: string): boolean {
  if (LINE_KEYS.has(key)) return pair(shift.lines, a, b);
  if (OFFSET_KEYS.has(key)) return pair(shift.offsets, a, b);
  return a === b;
}

function pair(m: Map<number, number>, a: number, b: number): boolean {
  const known = m.get(a);
  if (known === undefined) m.set(a, b);
  return known === undefined || known === b;
}

/**
 * The renaming keeps the file's order: positions that were apart stay apart, and what came
 * before still does (the pass compares positions within a file, as `guards above the mount`).
 */
export function shiftKeepsOrder(shift: PositionShift): boolean {
  return keepsOrder(shift.lines) && keepsOrder(shift.offsets);
}

function keepsOrder(m: Map<number, number>): boolean {
  const pairs = [...m].sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < pairs.length; i++) if (pairs[i][1] <= pairs[i - 1][1]) return false;
  return true;
}

/** Whether the renaming moves anything at all. */
export function shiftMoves(shift: PositionShift): boolean {
  for (const [a, b] of shift.lines) if (a !== b) return true;
  for (const [a, b] of shift.offsets) if (a !== b) return true;
  return false;
}

/**
 * The answer with `file`'s positions renamed, in place: every `line`/range of an object whose
 * `file` is this one (an entry point, its handler location, a guard, its evidence, a warning) and
 * every `file:line` written in a text (reasons, ids). Undefined when a position of the file is one
 * the renaming does not know, or a text names an unnamed function that moved: then it cannot be
 * renamed safely, and the caller computes from scratch.
 */
export function shiftResult(result: EntryPointsResult, file: string, shift: PositionShift): EntryPointsResult | undefined {
  const inText = new RegExp(`(?<![\\w./@-])${escape(file)}:(\\d+)`, 'g');
  const refs = offsetRefs(file);
  const anon = /<(?:anon|class)@(\d+)>/g;
  let ok = true;
  const offset = (n: string): number => {
    const to = shift.offsets.get(Number(n));
    if (to === undefined) ok = false;
    return to ?? Number(n);
  };
  const text = (s: string): string => {
    for (const m of s.matchAll(anon)) if (shift.movedAnon.has(Number(m[1]))) ok = false;
    if (!s.includes(file)) return s;
    return s
      .replace(inText, (all, n: string) => {
        const to = shift.lines.get(Number(n));
        if (to === undefined) ok = false;
        return to === undefined ? all : `${file}:${to}`;
      })
      .replace(refs, (_all, start: string, end: string | undefined) => `${file}@${offset(start)}${end === undefined ? '' : `-${offset(end)}`}`);
  };
  const walk = (v: unknown, inFile: boolean): unknown => {
    if (typeof v === 'string') return text(v);
    if (typeof v !== 'object' || v === null) return v;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i], inFile);
      return v;
    }
    const o = v as Record<string, unknown>;
    const here = typeof o.file === 'string' ? o.file === file : inFile;
    for (const [k, x] of Object.entries(o)) {
      if (typeof x === 'number' && here && LINE_KEYS.has(k)) {
        const to = shift.lines.get(x);
        if (to === undefined) ok = false;
        else o[k] = to;
      } else o[k] = walk(x, here);
    }
    return o;
  };
  walk(result, false);
  return ok ? result : undefined;
}
