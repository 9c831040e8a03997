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
import type { Tree, TreeCursor } from 'web-tree-sitter';
import { treeSitterRuntime } from './languages';

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

/** The wasm functions of web-tree-sitter's TreeCursor, called without its JavaScript wrapper. */
interface CursorCalls {
  typeId(tree: number): number;
  isNamed(tree: number): number;
  fieldId(tree: number): number;
  start(tree: number): number;
  end(tree: number): number;
  firstChild(tree: number): number;
  nextSibling(tree: number): number;
  parent(tree: number): number;
  /** Where the runtime passes a cursor's four words in and out (in 32-bit words). */
  buffer: number;
}

let cursorCalls: CursorCalls | null | undefined;

/**
 * The wasm exports behind TreeCursor. The public wrapper writes the cursor's four words into the
 * runtime's transfer buffer before every call and reads them back after every move, through
 * Emscripten's generic setValue/getValue: on a walk of every node that marshalling cost more than
 * the walk. Each of these functions reads the cursor from that buffer and the moves write it back,
 * so a walk that makes no other tree-sitter call in between can call them directly. Null when the
 * runtime does not have them (another web-tree-sitter version): the public cursor is used.
 */
function directCursorCalls(): CursorCalls | null {
  if (cursorCalls !== undefined) return cursorCalls;
  const m = treeSitterRuntime();
  const fn = (name: string): ((tree: number) => number) | undefined => (typeof m[name] === 'function' ? (m[name] as (tree: number) => number) : undefined);
  const init = m._ts_init as (() => number) | undefined;
  const calls = {
    typeId: fn('_ts_tree_cursor_current_node_type_id_wasm'),
    isNamed: fn('_ts_tree_cursor_current_node_is_named_wasm'),
    fieldId: fn('_ts_tree_cursor_current_field_id_wasm'),
    start: fn('_ts_tree_cursor_start_index_wasm'),
    end: fn('_ts_tree_cursor_end_index_wasm'),
    firstChild: fn('_ts_tree_cursor_goto_first_child_wasm'),
    nextSibling: fn('_ts_tree_cursor_goto_next_sibling_wasm'),
    parent: fn('_ts_tree_cursor_goto_parent_wasm'),
  };
  if (typeof init !== 'function' || !(m.HEAP32 instanceof Int32Array) || Object.values(calls).some((f) => !f)) return (cursorCalls = null);
  // `ts_init` only stores the two language-version words in the buffer and returns its address.
  cursorCalls = { ...(calls as Omit<CursorCalls, 'buffer'>), buffer: init() >> 2 };
  return cursorCalls;
}

/** What one walk needs of a cursor: the current node's type id, field id and range, and moves. */
interface Walker {
  typeId(): number;
  isNamed(): boolean;
  fieldId(): number;
  start(): number;
  end(): number;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
}

/**
 * The tree as LiteNodes. `text` must be the string the tree was parsed from (offsets index it).
 * Recursion-free: generated code nests deeper than the stack allows. `publicCursor` forces the
 * public TreeCursor (the tests compare both ways).
 */
export function liteTree(tree: Tree, text: string, publicCursor = false): LiteNode {
  const cursor = tree.walk();
  const direct = publicCursor ? null : directCursorCalls();
  try {
    if (!direct) return build(tree, text, publicWalker(cursor));
    // The public wrapper keeps its own copy of the four words; the direct calls move only the
    // buffer's. Put the copy in the buffer (a getter does), walk, and take the moved words back
    // so that `delete` frees what the cursor holds now (its stack may have been reallocated).
    void cursor.nodeTypeId;
    const t = (tree as unknown as Record<number, number>)[0];
    const d = direct;
    try {
      return build(tree, text, {
        typeId: () => d.typeId(t),
        // Never a public cursor call in here: it would write the stale copy into the buffer.
        isNamed: () => d.isNamed(t) === 1,
        fieldId: () => d.fieldId(t),
        start: () => d.start(t),
        end: () => d.end(t),
        firstChild: () => d.firstChild(t) === 1,
        nextSibling: () => d.nextSibling(t) === 1,
        parent: () => d.parent(t) === 1,
      });
    } finally {
      // The heap view is read now: it is replaced whenever the wasm memory grows.
      const heap = treeSitterRuntime().HEAP32 as Int32Array;
      const c = cursor as unknown as Record<number, number>;
      for (let i = 0; i < 4; i++) c[i] = heap[d.buffer + i];
    }
  } finally {
    cursor.delete();
  }
}

function publicWalker(cursor: TreeCursor): Walker {
  return {
    typeId: () => cursor.nodeTypeId,
    isNamed: () => cursor.nodeIsNamed,
    fieldId: () => cursor.currentFieldId,
    start: () => cursor.startIndex,
    end: () => cursor.endIndex,
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
  };
}

function build(tree: Tree, text: string, w: Walker): LiteNode {
  const source = new LiteSource(text);
  const types = tree.language.types;
  const fields = tree.language.fields;
  // Per type id: its name and whether it is named (the same for every node of that id, aliases included).
  const typeName: string[] = [];
  const typeNamed: boolean[] = [];
  let nextId = 0;
  const read = (parent: LiteNode | null): LiteNode => {
    const typeId = w.typeId();
    let type = typeName[typeId];
    if (type === undefined) {
      type = typeName[typeId] = types[typeId] || 'ERROR';
      typeNamed[typeId] = w.isNamed();
    }
    const fieldId = parent ? w.fieldId() : 0;
    const node = new LiteNode(source, nextId++, type, typeNamed[typeId], w.start(), w.end(), fieldId ? (fields[fieldId] ?? undefined) : undefined, parent);
    parent?.children.push(node);
    return node;
  };
  const root = read(null);
  let current = root;
  if (!w.firstChild()) return root;
  for (;;) {
    const node = read(current);
    if (w.firstChild()) {
      current = node;
      continue;
    }
    while (!w.nextSibling()) {
      if (!w.parent() || current === root) return root;
      current = current.parent!;
    }
  }
}
