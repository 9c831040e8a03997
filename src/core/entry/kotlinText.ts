// Kotlin text helpers for the route-object DSL readers (kotlinDslRoutes.ts, kotlinGuardBlocks.ts):
// a masked copy of the text in which comments are blanks and a string's inside is `_`, so that
// brackets and words can be counted on it while a string's value is read from the same offsets of
// the original (a Kotlin string may hold `{`, `(` or `//`).
import { closeOf } from './javaBrackets';

/** The text with comments blanked and string insides replaced by `_` (newlines kept, offsets unchanged). */
export function maskKotlin(t: string): string {
  const out = t.split('');
  const blank = (from: number, to: number, ch: string) => {
    for (let k = from; k < to && k < out.length; k++) if (out[k] !== '\n') out[k] = ch;
  };
  for (let i = 0; i < t.length; ) {
    const c = t[i];
    if (c === '/' && t[i + 1] === '/') {
      const e = t.indexOf('\n', i);
      const end = e < 0 ? t.length : e;
      blank(i, end, ' ');
      i = end;
    } else if (c === '/' && t[i + 1] === '*') {
      const e = t.indexOf('*/', i + 2);
      const end = e < 0 ? t.length : e + 2;
      blank(i, end, ' ');
      i = end;
    } else if (t.startsWith('"""', i)) {
      const e = t.indexOf('"""', i + 3);
      const end = e < 0 ? t.length : e;
      blank(i + 3, end, '_');
      i = end + 3;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      for (; j < t.length && t[j] !== c && t[j] !== '\n'; j++) if (t[j] === '\\') j++;
      blank(i + 1, j, '_');
      i = j + 1;
    } else i++;
  }
  return out.join('');
}

/** Index just past the bracket that closes the one at i: the Java reader's (masked text has no brackets inside strings). */
export { closeOf };

/** Top-level pieces of an argument list's inside (masked text), with their offsets. */
export function splitArgs(m: string, from: number, to: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = from;
  let depth = 0;
  for (let j = from; j < to; j++) {
    const c = m[j];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push({ start, end: j });
      start = j + 1;
    }
  }
  out.push({ start, end: to });
  return out.filter((a) => m.slice(a.start, a.end).trim() !== '');
}

/** 1-based line of an offset. */
export function lineOf(t: string, at: number): number {
  let n = 1;
  for (let k = 0; k < at && k < t.length; k++) if (t.charCodeAt(k) === 10) n++;
  return n;
}

/** Classes and objects with the offsets of their bodies (masked text). */
export function ktClassSpans(m: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  for (const c of m.matchAll(/\b(?:class|object|interface)\s+(\w+)/g)) {
    let j = c.index + c[0].length;
    // Past the primary constructor and the supertypes, to the body's brace (none: no body).
    for (; j < m.length; j++) {
      if (m[j] === '(') j = closeOf(m, j) - 1;
      else if (m[j] === '{') break;
      else if (/^\n\s*(?:class|object|fun|val|var|private|internal|public|@)\b/.test(m.slice(j, j + 40)) && !/[,:(]\s*$/.test(m.slice(c.index, j))) {
        j = m.length;
        break;
      }
    }
    if (j < m.length) out.push({ name: c[1], start: j, end: closeOf(m, j) });
  }
  return out;
}

/** The innermost class around an offset. */
export function classAt(spans: { name: string; start: number; end: number }[], at: number): string | undefined {
  let best: { name: string; start: number; end: number } | undefined;
  for (const s of spans) if (s.start <= at && at < s.end && (!best || s.start > best.start)) best = s;
  return best?.name;
}

const KEYWORD = new Set(['if', 'else', 'when', 'try', 'catch', 'finally', 'for', 'while', 'do', 'return', 'throw', 'object', 'fun', 'val', 'var', 'in', 'is', 'as', 'this', 'super', 'null', 'true', 'false']);

/** A call written without a receiver at the top level of a lambda body: `authenticated {`, `require(x) {`, `authentication()`. */
export interface TopCall {
  name: string;
  line: number;
  /** Has a trailing lambda (a block). */
  block: boolean;
  /** What follows the call on its statement (`.flatMap { … }`), masked, to tell a chain from a plain use. */
  after: string;
  /** The statement assigns the call's value (`response = authentication()…`). */
  assigned?: string;
}

/** Unqualified calls at depth 0 of the body between `from` and `to` (masked text; the original for lines). */
export function topCalls(t: string, m: string, from: number, to: number): TopCall[] {
  const out: TopCall[] = [];
  let depth = 0;
  for (let j = from; j < to; j++) {
    const c = m[j];
    if (c === '(' || c === '[' || c === '{') {
      depth++;
      continue;
    }
    if (c === ')' || c === ']' || c === '}') {
      depth--;
      continue;
    }
    if (depth !== 0 || !/[A-Za-z_]/.test(c) || /[\w.@$]/.test(m[j - 1] ?? '') || (m[j - 1] === '.' && m[j - 2] === '?')) continue;
    const w = /^(\w+)\s*/.exec(m.slice(j, j + 120));
    if (!w) continue;
    const name = w[1];
    let k = j + w[0].length;
    if (KEYWORD.has(name) || !(m[k] === '(' || m[k] === '{')) {
      j += name.length - 1;
      continue;
    }
    let block = false;
    if (m[k] === '(') k = closeOf(m, k);
    const rest = /^[ \t]*/.exec(m.slice(k))![0].length;
    if (m[k + rest] === '{') {
      block = true;
      k = closeOf(m, k + rest);
    }
    const lineStart = m.lastIndexOf('\n', j - 1) + 1;
    const before = m.slice(lineStart, j);
    const assigned = /(\w+)\s*=\s*$/.exec(before)?.[1];
    const eol = m.indexOf('\n', k);
    out.push({ name, line: lineOf(t, j), block, after: m.slice(k, eol < 0 ? to : Math.min(eol, to)), ...(assigned ? { assigned } : {}) });
    j = k - 1;
  }
  return out;
}
