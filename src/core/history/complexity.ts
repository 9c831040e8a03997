import * as fs from 'node:fs';
import { createParser, languageForPath } from '../parse/languages';
import type { LanguageId } from '../parse/languages';
import { resolveInside } from '../paths';
import { timeSlices } from '../timeSlices';
import type { Parser } from 'web-tree-sitter';

/**
 * Decision points per language: the node types (and the && / || / ?? / and / or / Kotlin's ?:
 * tokens; the Kotlin grammar has no elvis node, `a ?: b` is a binary_expression) where
 * control can go two ways. A file's complexity is 1 + their count: McCabe's number summed over
 * the file, cheap to get from one walk of the tree.
 */
const COMMON = ['if_statement', 'for_statement', 'while_statement', 'do_statement', 'catch_clause', 'ternary_expression', 'conditional_expression', '&&', '||'];
export const DECISION_TYPES: Readonly<Record<LanguageId, readonly string[]>> = {
  typescript: [...COMMON, 'for_in_statement', 'switch_case', '??'],
  tsx: [...COMMON, 'for_in_statement', 'switch_case', '??'],
  javascript: [...COMMON, 'for_in_statement', 'switch_case', '??'],
  python: [...COMMON, 'elif_clause', 'except_clause', 'for_in_clause', 'if_clause', 'case_clause', 'and', 'or'],
  go: [...COMMON, 'expression_case', 'type_case', 'communication_case'],
  java: [...COMMON, 'enhanced_for_statement', 'case'],
  kotlin: ['if_expression', 'for_statement', 'while_statement', 'do_while_statement', 'catch_block', 'when_entry', '?:', '&&', '||'],
};

/** Files larger than this are skipped (generated or minified code is no reading target). */
const MAX_BYTES = 1024 * 1024;

export function countDecisions(parser: Parser, language: LanguageId, source: string): number | undefined {
  const tree = parser.parse(source);
  if (!tree) return undefined;
  try {
    // One walk inside the runtime that hands back only the matching nodes: a cursor walk from
    // JavaScript crossed into wasm three or four times per node of the file, which in a fresh
    // process (a cold `deepdive history`) cost twice the parse itself. Types match by name, named
    // nodes and anonymous tokens alike, as the cursor's nodeType did.
    return tree.rootNode.descendantsOfType([...DECISION_TYPES[language]]).length;
  } finally {
    tree.delete();
  }
}

/** path → [mtimeMs, size, complexity]: a file whose stat has not changed is not parsed again. */
export type ComplexityCache = Record<string, [number, number, number]>;

/**
 * Complexity (1 + decision points) of each root-relative path that Deep Dive can parse; files it
 * cannot parse, cannot read or that are too large are left out. `cache` is read and updated.
 */
export async function fileComplexity(root: string, paths: readonly string[], cache?: ComplexityCache): Promise<Map<string, number>> {
  const parsers = new Map<LanguageId, Parser>();
  const out = new Map<string, number>();
  // A cold history parses while git writes its log: the thread is shared (timeSlices.ts).
  const turn = timeSlices();
  try {
    for (const p of paths) {
      const pause = turn();
      if (pause) await pause;
      const lang = languageForPath(p);
      if (!lang) continue;
      let source: string;
      let stamp: [number, number];
      try {
        const abs = resolveInside(root, p);
        const st = fs.lstatSync(abs);
        if (!st.isFile() || st.size > MAX_BYTES) continue;
        stamp = [st.mtimeMs, st.size];
        const hit = cache?.[p];
        if (hit && hit[0] === stamp[0] && hit[1] === stamp[1]) {
          out.set(p, hit[2]);
          continue;
        }
        source = fs.readFileSync(abs, 'utf8');
      } catch {
        continue;
      }
      let parser = parsers.get(lang);
      if (!parser) {
        parser = await createParser(lang);
        parsers.set(lang, parser);
      }
      const n = countDecisions(parser, lang, source);
      if (n !== undefined) {
        out.set(p, 1 + n);
        if (cache) cache[p] = [stamp[0], stamp[1], 1 + n];
      }
    }
  } finally {
    for (const parser of parsers.values()) parser.delete();
  }
  return out;
}
