// `s.replace(/re/g, 'x')` on a string the interpreter knows: route code turns a permalink
// template into Express notation (`'/{slug}/'.replace(/{(\w+)}/g, ':$1')`) or trims a slash
// (`prefix.replace(/\/$/, '')`). The pattern comes from an untrusted repository, so it runs only
// when it cannot backtrack badly (no quantified group that itself holds a quantifier or an
// alternation, no backreference) and on a short string; otherwise the value stays unknown.
import { REGEX_LITERAL } from './values';

/** Longest string a repository's regex is run on: route paths are short. */
const MAX_INPUT = 512;
const MAX_PATTERN = 200;

/** The pattern and flags of a regular-expression literal as written (`/a+/g`), or undefined. */
export function regexLiteral(text: string): { source: string; flags: string } | undefined {
  const m = REGEX_LITERAL.exec(text);
  if (!m) return undefined;
  const flags = text.slice(text.lastIndexOf('/') + 1);
  return { source: m[1]!, flags };
}

/**
 * `s.replace(re, replacement)` with a literal regex and a string replacement (`$1`, `$&` as in
 * JavaScript); undefined when the regex is not one we run.
 */
export function regexReplace(s: string, reText: string, replacement: string, all = false): string | undefined {
  const lit = regexLiteral(reText);
  if (!lit || s.length > MAX_INPUT || lit.source.length > MAX_PATTERN) return undefined;
  if (!/^[gimsuy]*$/.test(lit.flags) || !safePattern(lit.source)) return undefined;
  // `replaceAll` with a regex requires the global flag (it throws without it): not evaluated.
  if (all && !lit.flags.includes('g')) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(lit.source, lit.flags);
  } catch {
    return undefined;
  }
  return s.replace(re, replacement);
}

/**
 * No catastrophic backtracking: a group followed by a quantifier may hold neither a quantifier
 * nor an alternation (`(a+)+`, `(a|a)*`), and no backreference (`\1`) or lookbehind appears.
 */
export function safePattern(source: string): boolean {
  if (/\\[1-9]|\\k<|\(\?<[=!]/.test(source)) return false;
  // Per open group: whether it holds a quantifier or an alternation so far.
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      stack.push(false);
      // `(?:`, `(?=`, `(?!`, `(?<name>`: group syntax, not a quantifier.
      const head = /^\?(?::|=|!|<[A-Za-z_]\w*>)/.exec(source.slice(i + 1));
      if (head) i += head[0].length;
    }
    else if (c === ')') {
      const risky = stack.pop() ?? false;
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || next === '{';
      if (risky && quantified) return false;
      // What the group holds counts for the group around it.
      if (risky || quantified) markTop(stack);
    } else if (c === '*' || c === '+' || c === '{' || c === '|' || c === '?') markTop(stack);
  }
  return true;
}

function markTop(stack: boolean[]): void {
  if (stack.length) stack[stack.length - 1] = true;
}

/** `re.test(s)` with a literal regex (no global or sticky flag: those carry state between calls); undefined when the regex is not one we run. */
export function regexTest(s: string, reText: string): boolean | undefined {
  const lit = regexLiteral(reText);
  if (!lit || s.length > MAX_INPUT || lit.source.length > MAX_PATTERN) return undefined;
  if (!/^[imsu]*$/.test(lit.flags) || !safePattern(lit.source)) return undefined;
  try {
    return new RegExp(lit.source, lit.flags).test(s);
  } catch {
    return undefined;
  }
}
