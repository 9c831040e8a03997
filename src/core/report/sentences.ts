// A finding in the executive summary is never cut mid-word: it is its first sentence, or the
// whole finding when it has only one. Abbreviations and file names ("e.g.", "auth.ts") do not end
// a sentence; a full stop followed by a space and a capital, a digit or a quote does.

const END = /([.!?…])(["')\]]?)\s+(?=["'(\[]?[A-Z0-9À-Ý])/g;
const ABBREVIATION = /(?:^|\s)(?:e\.g|i\.e|etc|vs|cf|approx|incl|no|Mr|Ms|Dr|St)\.$/i;

/** The text on one line: whitespace runs (newlines too) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first sentence of a text, whole; the text itself when it is one sentence. */
export function firstSentence(text: string): string {
  const one = oneLine(text);
  END.lastIndex = 0;
  for (let m = END.exec(one); m; m = END.exec(one)) {
    const head = one.slice(0, m.index + m[1].length + m[2].length);
    if (ABBREVIATION.test(head)) continue;
    return head;
  }
  return one;
}

/** True when firstSentence left something out (the report then says the rest is in the appendix). */
export function hasMore(text: string): boolean {
  return firstSentence(text).length < oneLine(text).length;
}
