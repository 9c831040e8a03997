// Source text as the grammars can read it. The Kotlin grammar
// (@tree-sitter-grammars/tree-sitter-kotlin 1.1.0) gives up on a whole file — no symbols, no calls,
// so every flow through it comes out empty — at two things current Kotlin allows:
//   - a trailing comma before the `>` of type arguments or parameters (`Map<K, V,>`, Kotlin 1.4,
//     what ktlint writes when a type spans lines);
//   - a multi-dollar string (`$$"${server.port}"`, Kotlin 2.1), where `${…}` is literal text;
//   - a call named get or set right after a property, at the property's own indentation
//     (`val repo: Repo by inject()` then `get("/x") { … }`, Ktor's routing): the grammar reads it
//     as the property's accessor. An accessor's parentheses are empty (`get() = …`) or hold one
//     name (`set(value)`), so a call with another argument, or a lambda, is a statement: a `;`
//     takes the place of one space of its indentation.
// The first two are blanked with spaces: every offset, line and column stays where it was, so symbols and
// calls are read from the original text at the positions the tree gives.
import type { LanguageId } from './languages';

export function textForGrammar(language: LanguageId, text: string): string {
  if (language !== 'kotlin') return text;
  const t = ACCESSOR_LIKE.test(text) ? callsAfterProperties(text) : text;
  if (!(t.includes('$$"') || /,\s*(>|\/[/*])/.test(t))) return t;
  return kotlinForGrammar(t);
}

/** A line that starts with a get/set call the grammar may take for an accessor: an argument that is no lone name, or a lambda. */
const ACCESSOR_LIKE = /^[ \t]+(?:get|set)[ \t]*(?:\([ \t]*(?![\w]+[ \t]*\))[^)\s]|\{)/m;

function callsAfterProperties(text: string): string {
  const lines = text.split('\n');
  const indent = (l: string) => /^[ \t]*/.exec(l)![0].length;
  let changed = false;
  for (let i = 1; i < lines.length; i++) {
    const m = /^([ \t]+)(?:get|set)[ \t]*(?:\([ \t]*(?![\w]+[ \t]*\))[^)\s]|\{)/.exec(lines[i]);
    if (!m) continue;
    const own = m[1].length;
    // Back to the statement before it at the same indentation (past a multi-line one's inner and closing lines).
    for (let k = i - 1; k >= 0; k--) {
      const l = lines[k];
      const trimmed = l.trim();
      if (!trimmed || trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) continue;
      if (indent(l) > own || (indent(l) === own && /^[)\]}]/.test(trimmed))) continue;
      if (indent(l) === own && /^(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:private|internal|public|protected|override|lateinit|const)\s+)*(?:val|var)\b/.test(trimmed)) {
        lines[i] = lines[i].slice(0, own - 1) + ';' + lines[i].slice(own);
        changed = true;
      }
      break;
    }
  }
  return changed ? lines.join('\n') : text;
}

function kotlinForGrammar(text: string): string {
  const out = text.split('');
  let changed = false;
  const blank = (i: number): void => {
    out[i] = ' ';
    changed = true;
  };
  const n = text.length;
  /** Index just past the comment at i, or i when none starts there. Block comments nest in Kotlin. */
  const skipComment = (i: number): number => {
    if (text[i] !== '/') return i;
    if (text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      return nl < 0 ? n : nl;
    }
    if (text[i + 1] !== '*') return i;
    let depth = 0;
    for (let j = i; j < n; j++) {
      if (text[j] === '/' && text[j + 1] === '*') {
        depth++;
        j++;
      } else if (text[j] === '*' && text[j + 1] === '/') {
        depth--;
        j++;
        if (depth === 0) return j + 1;
      }
    }
    return n;
  };
  /** Index just past the string whose quote is at i; `dollars` > 1 for `$$"…"` (its `$` are text, blanked). */
  const skipString = (i: number, dollars: number): number => {
    const raw = text.startsWith('"""', i);
    let j = i + (raw ? 3 : 1);
    while (j < n) {
      const c = text[j];
      if (!raw && c === '\\') {
        j += 2;
        continue;
      }
      if (raw ? text.startsWith('"""', j) : c === '"') {
        let end = j + (raw ? 3 : 1);
        while (raw && text[end] === '"') end++;
        return end;
      }
      if (!raw && c === '\n') return j;
      if (c === '$') {
        let k = j;
        while (text[k] === '$') k++;
        // A template: as many `$` as the string's prefix, then `{`. Fewer are plain text.
        if (text[k] === '{' && k - j >= dollars) {
          if (dollars > 1) for (let d = j; d < k; d++) blank(d);
          j = skipCode(k + 1, '}');
          continue;
        }
        if (dollars > 1) for (let d = j; d < k; d++) blank(d);
        j = k;
        continue;
      }
      j++;
    }
    return n;
  };
  /** Walks code from i up to the unmatched `close` (or the end), fixing what it meets; index past it. */
  const skipCode = (i: number, close?: string): number => {
    let depth = 0;
    let j = i;
    while (j < n) {
      const c = text[j];
      const past = skipComment(j);
      if (past !== j) {
        j = past;
        continue;
      }
      if (c === '"') {
        j = skipString(j, 1);
        continue;
      }
      if (c === '$' && (text[j + 1] === '$' || text[j + 1] === '"')) {
        let k = j;
        while (text[k] === '$') k++;
        if (text[k] === '"' && k - j > 1) {
          for (let d = j; d < k; d++) blank(d);
          j = skipString(k, k - j);
          continue;
        }
      }
      if (c === "'") {
        // A character literal: 'a', '\n', '\u0041'.
        const end = text.indexOf("'", j + (text[j + 1] === '\\' ? 3 : 2));
        j = end < 0 || end - j > 8 ? j + 1 : end + 1;
        continue;
      }
      if (c === ',') {
        let k = j + 1;
        for (;;) {
          while (k < n && /\s/.test(text[k])) k++;
          const after = skipComment(k);
          if (after === k) break;
          k = after;
        }
        if (text[k] === '>') blank(j);
      }
      if (c === '{' || c === '(' || c === '[') depth++;
      else if (c === '}' || c === ')' || c === ']') {
        if (depth === 0 && c === close) return j + 1;
        depth--;
      }
      j++;
    }
    return n;
  };
  skipCode(0);
  return changed ? out.join('') : text;
}
