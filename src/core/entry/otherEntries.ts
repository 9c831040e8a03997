// Entry points that are not HTTP routes: CLI mains, scheduled jobs, queue consumers.
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../parse/languages';
import type { EntryPoint } from './types';

export function detectOtherEntries(_tree: Tree, _file: string, _lang: LanguageId, _text: string): EntryPoint[] {
  return [];
}
