import { dict } from '../ownKeys';
// A small text scanner for Kotlin declarations with their annotations. The Kotlin grammar
// (@tree-sitter-grammars/tree-sitter-kotlin 1.1.0) reads an annotated class without a primary
// constructor (`@RestController\nclass A {`) as an annotated expression, and gives up on some raw
// strings, so the Spring detector reads the text instead: strings and comments are skipped, braces
// are counted, and annotations attach to the `class`/`fun` that follows them.

export interface KtAnnotation {
  name: string;
  /** The whole annotation as written. */
  text: string;
  /** Arguments by name; the unnamed first argument is `value`. Each is a list (`[a, b]` → two). */
  args: Record<string, string[]>;
  line: number;
}

export interface KtFunction {
  name: string;
  annotations: KtAnnotation[];
  line: number;
  endLine: number;
}

export interface KtClass {
  name: string;
  annotations: KtAnnotation[];
  line: number;
  functions: KtFunction[];
}

const MODIFIER = new Set(['public', 'private', 'protected', 'internal', 'open', 'final', 'abstract', 'override', 'suspend', 'data', 'inline', 'operator', 'infix', 'tailrec', 'external', 'sealed', 'annotation', 'inner', 'enum', 'lateinit', 'const']);

/** Index just past a string starting at i (`"…"`, `"""…"""`, `'c'`). */
function skipString(t: string, i: number): number {
  if (t.startsWith('"""', i)) {
    const end = t.indexOf('"""', i + 3);
    let j = end < 0 ? t.length : end + 3;
    while (t[j] === '"') j++;
    return j;
  }
  const q = t[i];
  for (let j = i + 1; j < t.length; j++) {
    if (t[j] === '\\') j++;
    else if (t[j] === q || t[j] === '\n') return j + 1;
  }
  return t.length;
}

/** Index just past the bracket that closes the one at i. */
function skipBalanced(t: string, i: number): number {
  let depth = 0;
  for (let j = i; j < t.length; ) {
    const c = t[j];
    if (c === '"' || c === "'") {
      j = skipString(t, j);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return t.length;
}

/** Top-level comma split of an argument list's inside. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let j = 0; j < s.length; ) {
    const c = s[j];
    if (c === '"' || c === "'") {
      j = skipString(s, j);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      j = skipBalanced(s, j);
      continue;
    }
    if (c === ',') {
      out.push(s.slice(start, j));
      start = j + 1;
    }
    j++;
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

function parseArgs(inside: string): Record<string, string[]> {
  const args: Record<string, string[]> = dict();
  for (const part of splitTop(inside)) {
    const named = /^(\w+)\s*=\s*([\s\S]*)$/.exec(part);
    const key = named ? named[1] : 'value';
    let v = (named ? named[2] : part).trim();
    const arr = /^(?:\[([\s\S]*)\]|arrayOf\(([\s\S]*)\))$/.exec(v);
    const vals = arr ? splitTop(arr[1] ?? arr[2] ?? '') : [(v = v)];
    // Kotlin passes an annotation's `value` array as varargs: `@RequestMapping("/a", "/b")` maps both.
    if (!named && args.value) args.value.push(...vals);
    else args[key] ??= vals;
  }
  return args;
}

/** Every class with its annotations and its member functions with theirs. */
export function scanKotlin(text: string): KtClass[] {
  const classes: KtClass[] = [];
  const stack: { cls: KtClass; depth: number }[] = [];
  let pending: KtAnnotation[] = [];
  let pendingClass: { cls: KtClass; depth: number } | undefined;
  let lastFn: { fn: KtFunction; depth: number; opened?: boolean } | undefined;
  let depth = 0;
  let lineNo = 1;
  const lineAt = (upTo: number, from: number): void => {
    for (let k = from; k < upTo; k++) if (text.charCodeAt(k) === 10) lineNo++;
  };
  let i = 0;
  const advance = (to: number) => {
    lineAt(to, i);
    i = to;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const e = text.indexOf('\n', i);
      advance(e < 0 ? text.length : e);
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      advance(e < 0 ? text.length : e + 2);
      continue;
    }
    if (c === '"' || c === "'") {
      advance(skipString(text, i));
      continue;
    }
    if (c === '{') {
      if (lastFn && !lastFn.opened && depth === lastFn.depth) lastFn.opened = true;
      depth++;
      if (pendingClass && pendingClass.depth === depth - 1) {
        stack.push(pendingClass);
        pendingClass = undefined;
      }
      advance(i + 1);
      continue;
    }
    if (c === '}') {
      depth--;
      while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
      if (lastFn && (depth < lastFn.depth || (lastFn.opened && depth === lastFn.depth))) {
        lastFn.fn.endLine = lineNo;
        lastFn = undefined;
      }
      advance(i + 1);
      continue;
    }
    if (c === '@') {
      const m = /^@(?:\w+:)?([\w.]+)/.exec(text.slice(i, i + 200));
      if (m) {
        const startLine = lineNo;
        let end = i + m[0].length;
        let args: Record<string, string[]> = dict();
        if (text[end] === '(') {
          const close = skipBalanced(text, end);
          args = parseArgs(text.slice(end + 1, close - 1));
          end = close;
        }
        pending.push({ name: m[1].split('.').pop()!, text: text.slice(i, end), args, line: startLine });
        advance(end);
        continue;
      }
    }
    const w = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 100));
    if (w && (i === 0 || !/[\w.]/.test(text[i - 1]))) {
      const word = w[0];
      const after = i + word.length;
      if (word === 'class' || word === 'interface' || word === 'object' || word === 'fun') {
        const nm = /^\s+(?:<[^>]*>\s*)?(?:[\w.]+\.)?([A-Za-z_]\w*)/.exec(text.slice(after, after + 200));
        if (nm) {
          if (word === 'fun') {
            const fn: KtFunction = { name: nm[1], annotations: pending, line: lineNo, endLine: lineNo };
            if (lastFn) lastFn.fn.endLine = Math.max(lastFn.fn.endLine, fn.annotations[0]?.line ? fn.annotations[0].line - 1 : lineNo - 1);
            const owner = stack[stack.length - 1];
            if (owner && owner.depth === depth - 1) owner.cls.functions.push(fn);
            lastFn = { fn, depth };
          } else {
            const cls: KtClass = { name: nm[1], annotations: pending, line: lineNo, functions: [] };
            classes.push(cls);
            pendingClass = { cls, depth };
          }
          pending = [];
          advance(after + nm[0].length);
          continue;
        }
      }
      if (!MODIFIER.has(word)) pending = [];
      advance(after);
      continue;
    }
    advance(i + 1);
  }
  return classes;
}

/** `const val NAME = "…"` in the file (top level, objects, companion objects). */
export function kotlinConstants(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\bconst\s+val\s+(\w+)\s*(?::\s*String\s*)?=\s*"((?:[^"\\\n]|\\.)*)"/g)) if (!m[2].includes('$')) out.set(m[1], m[2].replace(/\\(.)/g, '$1'));
  return out;
}

/** A string argument as written (`"api/v1"`), or a known constant; undefined otherwise. */
export function kotlinString(v: string, consts: Map<string, string>): string | undefined {
  const s = /^"((?:[^"\\$]|\\.)*)"$/.exec(v.trim());
  if (s) return s[1].replace(/\\(.)/g, '$1');
  if (/^[\w.]+$/.test(v.trim())) return consts.get(v.trim().split('.').pop()!);
  return undefined;
}
