// The Go extractor reads a plain copy of the tree (parse/liteTree.ts), not web-tree-sitter's Node
// objects: every property of a Node crosses into wasm and every `parent`, `namedChildren` or
// `childForFieldName` allocates fresh Nodes. Profiled on vikunja's routes pass (1,395 Go files)
// that was most of the extractor's 6 s, eight times the parse. The copy is read in one cursor
// walk and keeps every named node, and of the tokens those that fill a field (an operator): the
// readers never look at `children` nor ask for tokens by type. `GoNode` is what the readers use
// of a node; web-tree-sitter's Node has the same members, so either kind may be handed in (the
// unit test compares the two on the Go fixtures).
import type { Point, Tree } from 'web-tree-sitter';
import { liteTree, type SyntaxNode } from '../../parse/liteTree';

export interface GoNode extends SyntaxNode {
  readonly parent: GoNode | null;
  /** On the copy, without the tokens that fill no field: read `namedChildren` and fields instead. */
  readonly children: (GoNode | null)[];
  readonly namedChildren: (GoNode | null)[];
  readonly namedChildCount: number;
  readonly previousNamedSibling: GoNode | null;
  readonly nextNamedSibling: GoNode | null;
  readonly endPosition: { row: number; column: number };
  /** The file's tree: readers that look across the file go up to its root. */
  readonly tree: { readonly rootNode: GoNode };
  childForFieldName(name: string): GoNode | null;
  childrenForFieldName(name: string): (GoNode | null)[];
  descendantsOfType(types: string | string[]): (GoNode | null)[];
}

/** The root to extract from: the plain copy, or the tree's own root when its text cannot be had. */
export function goRoot(tree: Tree): GoNode {
  const text = parsedText(tree);
  return text === undefined ? tree.rootNode : liteTree(tree, text, false, 'named');
}

/**
 * The string the tree was parsed from (offsets index it), as web-tree-sitter's own `text` reads
 * it: through the tree's text callback, a slice of the input from an offset on.
 */
function parsedText(tree: Tree): string | undefined {
  const read = (tree as unknown as { textCallback?: (index: number, at: Point) => string | undefined }).textCallback;
  if (typeof read !== 'function') return undefined;
  const zero = { row: 0, column: 0 };
  let text = '';
  for (let chunk = read(0, zero); chunk; chunk = read(text.length, zero)) text += chunk;
  return text.length >= tree.rootNode.endIndex ? text : undefined;
}
