// Reading Java security configuration as text (springSecurity.ts, springLogout.ts,
// springAnnotationPermits.ts, springInterceptors.ts, saTokenRouter.ts): where a call's or a
// block's brackets close.

/**
 * Index of the bracket that closes the one just before `from` (`from` is the first character inside
 * it), or -1 when the text ends first. `(`, `{` and `[` count alike; strings (with their escapes) are skipped.
 */
export function closingAt(text: string, from: number): number {
  let depth = 1;
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '"') {
      for (j++; j < text.length && text[j] !== '"'; j++) if (text[j] === '\\') j++;
    } else if (c === '(' || c === '{' || c === '[') depth++;
    else if ((c === ')' || c === '}' || c === ']') && --depth === 0) return j;
  }
  return -1;
}

/** Index just past the bracket closing the one at i — `(`, `{` or `[` — or the text's end when none does. */
export function closeOf(text: string, i: number): number {
  const j = closingAt(text, i + 1);
  return j < 0 ? text.length : j + 1;
}
