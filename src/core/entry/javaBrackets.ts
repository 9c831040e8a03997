// Reading Java security configuration as text (springSecurity.ts, springLogout.ts,
// springAnnotationPermits.ts): where a call's or a block's brackets close.

/** Index just past the bracket closing the one at i — `(`, `{` or `[` — with strings skipped. */
export function closeOf(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"') {
      j = text.indexOf('"', j + 1);
      if (j < 0) return text.length;
      continue;
    }
    if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') if (--depth === 0) return j + 1;
  }
  return text.length;
}
