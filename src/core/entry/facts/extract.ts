// Entry facts of one parsed file, by language. Called in the map's worker pass.
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../../parse/languages';
import type { LanguageFamily } from '../frameworks/types';
import type { EntryFacts } from './types';
import { extractJsFacts } from './jsFacts';
import { liteTree } from '../../parse/liteTree';

export function familyOf(language: LanguageId): LanguageFamily {
  switch (language) {
    case 'typescript':
    case 'tsx':
    case 'javascript':
      return 'js';
    case 'python':
      return 'python';
    case 'go':
      return 'go';
    case 'java':
    case 'kotlin': // the JVM family: Spring reads Kotlin and Java alike
      return 'java';
  }
}

/** Languages whose routes come from the interpreter (the others still use the per-file detectors). */
export const INTERPRETED: ReadonlySet<LanguageFamily> = new Set<LanguageFamily>(['js']);

/** `text` is the string the tree was parsed from. */
export function extractEntryFacts(language: LanguageId, tree: Tree, text: string): EntryFacts | undefined {
  switch (familyOf(language)) {
    case 'js':
      return extractJsFacts(liteTree(tree, text));
    default:
      return undefined;
  }
}
