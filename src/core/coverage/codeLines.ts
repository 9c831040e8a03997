// Which lines count for coverage: not blank, not only a comment. Computed from the tree-sitter
// tree so that "//" inside a string is code and a comment inside code does not hide the code.
import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import { createParser, languageForPath } from '../parse/languages';
import { tooLargeToParse } from '../parse/limits';
import type { Pair } from './ranges';

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineCount(text: string, starts: number[]): number {
  return text.length === 0 ? 0 : text.endsWith('\n') ? starts.length - 1 : starts.length;
}

/**
 * 1-based code lines given the character spans of every comment. A line is code when something
 * other than whitespace is left on it once its comment spans are removed.
 */
export function codeLinesFromComments(text: string, comments: readonly (readonly [number, number])[]): Pair[] {
  const starts = lineStarts(text);
  const n = lineCount(text, starts);
  // The map hands its comment captures in document order: sort only when they are not.
  let sorted = true;
  for (let i = 1; i < comments.length && sorted; i++) sorted = comments[i - 1][0] <= comments[i][0];
  const spans = sorted ? comments : [...comments].sort((a, b) => a[0] - b[0]);
  // Built merged as the lines go by (the map runs this on every file it parses): one range per
  // run of code lines, never one pair per line to merge afterwards.
  const out: Pair[] = [];
  let k = 0;
  for (let row = 0; row < n; row++) {
    const from = starts[row];
    const to = row + 1 < starts.length ? starts[row + 1] : text.length;
    while (k < spans.length && spans[k][1] <= from) k++;
    let code = false;
    let j = k;
    for (let i = from; i < to && !code; i++) {
      while (j < spans.length && spans[j][1] <= i) j++;
      if (j < spans.length && spans[j][0] <= i) {
        i = Math.min(spans[j][1], to) - 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 12 && c !== 0xfeff) code = true;
    }
    if (!code) continue;
    const last = out[out.length - 1];
    if (last && last[1] === row) last[1] = row + 1;
    else out.push([row + 1, row + 1]);
  }
  return out;
}

/** Comment spans (character offsets) of a parsed tree: any node whose type ends in "comment". */
export function commentSpans(tree: Tree): [number, number][] {
  const out: [number, number][] = [];
  const cursor = tree.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      if (type.endsWith('comment')) {
        out.push([cursor.startIndex, cursor.endIndex]);
      } else if (cursor.gotoFirstChild()) {
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return out;
      }
    }
  } finally {
    cursor.delete();
  }
}

export function codeLinesFromTree(tree: Tree | { rootNode: Node }, text: string): Pair[] {
  return codeLinesFromComments(text, commentSpans(tree as Tree));
}

const parsers = new Map<LanguageId, ReturnType<typeof createParser>>();

/** Code lines of a file's text, parsing it with its language (by file name). */
export async function codeLinesOf(path: string, text: string, language?: LanguageId): Promise<Pair[]> {
  const lang = language ?? languageForPath(path);
  // Too large to parse: every non-blank line counts (parse/limits.ts says why).
  if (!lang || tooLargeToParse(text)) return codeLinesFromComments(text, []);
  let parser = parsers.get(lang);
  if (!parser) {
    parser = createParser(lang);
    parsers.set(lang, parser);
  }
  const tree = (await parser).parse(text);
  try {
    if (!tree) return codeLinesFromComments(text, []);
    return codeLinesFromTree(tree, text);
  } finally {
    tree?.delete();
  }
}
