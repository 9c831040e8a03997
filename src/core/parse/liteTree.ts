// A plain-JavaScript copy of a tree-sitter tree, read in one cursor walk, for code that visits
// most nodes of a file (the JS/TS entry-fact extractor). Every property of web-tree-sitter's Node
// crosses into wasm and every `namedChildren`, `parent` or `childForFieldName` allocates fresh
// Node objects; profiled on a 215k-line service that overhead was most of the extractor's time,
// more than the parse itself. Here a node is read from the cursor once (type id, range, field) and
// everything after that is property access on ordinary objects.
//
// Only the part of Node's interface the extractor uses, with the same answers (the unit test
// compares the two on every node of its fixtures): `text` is the source between the node's
// offsets, rows come from the source's line breaks, `descendantsOfType` walks in document order
// including the node itself and matches type names (anonymous tokens too), as web-tree-sitter's does.
import type { Tree } from 'web-tree-sitter';

/** What the extractor reads of a node; web-tree-sitter's Node has the same members. */
export interface SyntaxNode {
  readonly id: number;
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: { row: number };
  readonly endPosition: { row: number };
  readonly parent: SyntaxNode | null;
  readonly children: (SyntaxNode | null)[];
  readonly namedChildren: (SyntaxNode | null)[];
  readonly previousNamedSibling: SyntaxNode | null;
  childForFieldName(name: string): SyntaxNode | null;
  descendantsOfType(types: string | string[]): (SyntaxNode | null)[];
}

class LiteSource {
  private lineStarts: number[] | undefined;
  constructor(readonly text: string) {}

  /** 0-based row of an offset: tree-sitter counts rows at '\n' only. */
  row(index: number): number {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const s = this.lineStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

export class LiteNode implements SyntaxNode {
  readonly children: LiteNode[] = [];
  private named: LiteNode[] | undefined;

  constructor(
    private readonly source: LiteSource,
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The field this node fills in its parent, if any. */
    readonly field: string | undefined,
    readonly parent: LiteNode | null,
  ) {}

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): { row: number } {
    return { row: this.source.row(this.startIndex) };
  }

  get endPosition(): { row: number } {
    return { row: this.source.row(this.endIndex) };
  }

  get namedChildren(): LiteNode[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  get previousNamedSibling(): LiteNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = siblings.indexOf(this) - 1; i >= 0; i--) if (siblings[i].isNamed) return siblings[i];
    return null;
  }

  childForFieldName(name: string): LiteNode | null {
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }

  descendantsOfType(types: string | string[]): LiteNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    const out: LiteNode[] = [];
    // Document order without recursion (generated code nests deeper than the stack).
    const stack: LiteNode[] = [this];
    while (stack.length) {
      const n = stack.pop()!;
      // web-tree-sitter starts its walk at (0, 0) and skips what ends there (zero-width nodes at the very start).
      if (n.endIndex === 0) continue;
      if (wanted.includes(n.type)) out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
    return out;
  }
}

/**
 * The tree as LiteNodes. `text` must be the string the tree was parsed from (offsets index it).
 * Recursion-free: generated code nests deeper than the stack allows.
 */
export function liteTree(tree: Tree, text: string): LiteNode {
  const source = new LiteSource(text);
  const language = tree.language;
  const types = language.types;
  const fields = language.fields;
  // Per type id: its name and whether it is named (the same for every node of that id, aliases included).
  const typeName: string[] = [];
  const typeNamed: boolean[] = [];
  const cursor = tree.walk();
  let nextId = 0;
  const read = (parent: LiteNode | null): LiteNode => {
    const typeId = cursor.nodeTypeId;
    let type = typeName[typeId];
    if (type === undefined) {
      type = typeName[typeId] = types[typeId] || 'ERROR';
      typeNamed[typeId] = cursor.nodeIsNamed;
    }
    const fieldId = parent ? cursor.currentFieldId : 0;
    const node = new LiteNode(source, nextId++, type, typeNamed[typeId], cursor.startIndex, cursor.endIndex, fieldId ? (fields[fieldId] ?? undefined) : undefined, parent);
    parent?.children.push(node);
    return node;
  };
  try {
    const root = read(null);
    let current = root;
    if (!cursor.gotoFirstChild()) return root;
    for (;;) {
      const node = read(current);
      if (cursor.gotoFirstChild()) {
        current = node;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || current === root) return root;
        current = current.parent!;
      }
    }
  } finally {
    cursor.delete();
  }
}
