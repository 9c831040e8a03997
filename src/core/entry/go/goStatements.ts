// The statements of a Go block, for the readers that walk a function's body statement by statement.
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';

/** The statement list of a block (tree-sitter-go nests it). */
export function statements(block: Node | null | undefined): Node[] {
  if (!block) return [];
  const list = kids(block).find((k) => k.type === 'statement_list');
  return kids(list ?? block).filter((s) => s.type !== 'comment');
}

/** The function (declaration, method or literal) whose body holds `n`. */
export function enclosingFn(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_declaration' || p.type === 'method_declaration' || p.type === 'func_literal') return p;
  return undefined;
}
