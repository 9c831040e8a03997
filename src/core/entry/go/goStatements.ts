// The statements of a Go block, for the readers that walk a function's body statement by statement.
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';

/** The statement list of a block (tree-sitter-go nests it). */
export function statements(block: Node | null | undefined): Node[] {
  if (!block) return [];
  const list = kids(block).find((k) => k.type === 'statement_list');
  return kids(list ?? block).filter((s) => s.type !== 'comment');
}
