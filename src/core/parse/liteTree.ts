// A plain-JavaScript copy of a tree-sitter tree, read in one cursor walk, for code that visits
// most nodes of a file (the JS/TS entry-fact extractor). Every property of web-tree-sitter's Node
// crosses into wasm and every `namedChildren`, `parent` or `childForFieldName` allocates fresh
// Node objects; profiled on a 215k-line service that overhead was most of the extractor's time,
// more than the parse itself. Here a node is read from the cursor once (type id, range, field) and
// everything after that is property access on ordinary objects.
//
// Only the part of Node's interface the extractor uses, with the same answers (the unit test
// compares the two on every node of its fixtures), and only the nodes its readers look at: no
// punctuation, nothing inside a string, a comment or a name (see `keepOf`; a quarter to a third
// of the nodes, each one an object and wasm calls). `text` is the source between the node's
// offsets, rows come from the source's line breaks, `descendantsOfType` walks in document order
// including the node itself and matches type names (anonymous tokens too), as web-tree-sitter's does.
import type { Tree } from 'web-tree-sitter';
import { treeSitterRuntime } from './languages';
import { directCursorCalls, publicWalker, type Walker } from './cursorCalls';

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
  /** What `node.tree` gives: the root, for readers that go up to the file (one object per copy). */
  readonly tree: { rootNode: LiteNode } = { rootNode: undefined as unknown as LiteNode };
  constructor(readonly text: string) {}

  /** 0-based row of an offset: tree-sitter counts rows at '\n' only. */
  row(index: number): number {
    const s = this.starts();
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Offset of an index within its row (in the text's units: only whether it is 0 is tree-sitter's). */
  column(index: number): number {
    return index - this.starts()[this.row(index)];
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

const NO_CHILDREN: LiteNode[] = [];

export class LiteNode implements SyntaxNode {
  /** A leaf's is the one shared empty list (a third of the nodes: an array each was garbage to collect). */
  children: LiteNode[] = NO_CHILDREN;
  private named: LiteNode[] | undefined;
  /**
   * On the root only: every node of the copy by type, in document order. The readers ask the
   * root for all comments, calls or declarations of a file, which was a walk of the whole copy
   * each time.
   */
  byType: Map<string, LiteNode[]> | undefined;
  /** The id of the last node of this node's subtree (ids number the copy in document order). */
  last: number;
  /** This node's place among its parent's children. */
  index = 0;

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
  ) {
    this.last = id;
  }

  get tree(): { rootNode: LiteNode } {
    return this.source.tree;
  }

  get text(): string {
    return this.source.text.slice(this.startIndex, this.endIndex);
  }

  get startPosition(): { row: number } {
    return { row: this.source.row(this.startIndex) };
  }

  get endPosition(): { row: number; column: number } {
    return { row: this.source.row(this.endIndex), column: this.source.column(this.endIndex) };
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  childrenForFieldName(name: string): LiteNode[] {
    return this.children.filter((c) => c.field === name);
  }

  get nextNamedSibling(): LiteNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = this.index + 1; i < siblings.length; i++) if (siblings[i].isNamed) return siblings[i];
    return null;
  }

  get namedChildren(): LiteNode[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
  }

  get previousNamedSibling(): LiteNode | null {
    const siblings = this.parent?.children;
    if (!siblings) return null;
    for (let i = this.index - 1; i >= 0; i--) if (siblings[i].isNamed) return siblings[i];
    return null;
  }

  childForFieldName(name: string): LiteNode | null {
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }

  descendantsOfType(types: string | string[]): LiteNode[] {
    const wanted = typeof types === 'string' ? [types] : types;
    if (this.byType) return this.indexed(wanted);
    const index = this.source.tree.rootNode?.byType;
    if (index) return this.inSubtree(index, wanted);
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

  /**
   * descendantsOfType of an inner node from the root's index: its subtree is the ids from its own
   * to its last descendant's, in document order. Readers ask each function body for its calls,
   * ifs and returns over and over: a walk of the body each time.
   */
  private inSubtree(index: Map<string, LiteNode[]>, wanted: string[]): LiteNode[] {
    const lists = wanted.length === 1 ? [index.get(wanted[0]) ?? []] : [...new Set(wanted)].map((t) => index.get(t) ?? []);
    const out: LiteNode[] = [];
    for (const l of lists) {
      let lo = 0;
      let hi = l.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (l[mid].id < this.id) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < l.length && l[i].id <= this.last; i++) if (l[i].endIndex !== 0) out.push(l[i]);
    }
    return lists.length > 1 ? out.sort((a, b) => a.id - b.id) : out;
  }

  /** descendantsOfType from the root's index: ids number the nodes in document order. */
  private indexed(wanted: string[]): LiteNode[] {
    const lists = [...new Set(wanted)].map((t) => this.byType!.get(t)).filter((l): l is LiteNode[] => !!l);
    const all = lists.length === 1 ? lists[0] : lists.flat().sort((a, b) => a.id - b.id);
    // As the walk does: what ends at offset 0 is skipped (with its subtree, which ends there too).
    return all.filter((n) => n.endIndex !== 0);
  }
}

/** What a copy keeps (see `liteTree`). */
export type LiteKeep = 'js' | 'named';


/**
 * The tree as LiteNodes. `text` must be the string the tree was parsed from (offsets index it).
 * Recursion-free: generated code nests deeper than the stack allows. `publicCursor` forces the
 * public TreeCursor (the tests compare both ways). `keep` says what the copy keeps: 'js' as
 * `keepOf` says (the JS/TS readers); 'named' every named node, subtrees whole, and of the anonymous
 * tokens only those that fill a field (an `operator`): for readers that never look at a node's
 * `children` nor ask for tokens by type (the Go extractor; about a third of a Go file's nodes are
 * unfielded punctuation and keywords).
 */
export function liteTree(tree: Tree, text: string, publicCursor = false, keep: LiteKeep = 'js'): LiteNode {
  const cursor = tree.walk();
  const direct = publicCursor ? null : directCursorCalls();
  try {
    if (!direct) return build(tree, text, publicWalker(cursor), keep);
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
      }, keep);
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


/** What the copy keeps of a node of one type (see PRUNED_BELOW and the header of `build`). */
const enum Keep {
  /** The node and its subtree. */
  All,
  /** The node, none of its children. */
  Leaf,
  /** Nothing, unless the node fills a field of its parent (then as a leaf). */
  Punctuation,
}

/**
 * Nodes whose children no reader of the copy looks at: the extractor reads literals, comments and
 * names by their text. A string's quotes and fragments were a tenth of a server's nodes, each one
 * wasm calls and an object; a leaf type here saves the call that looks for children.
 */
const PRUNED_BELOW: ReadonlySet<string> = new Set([
  'string',
  'regex',
  'comment',
  'number',
  'identifier',
  'property_identifier',
  'shorthand_property_identifier',
  'shorthand_property_identifier_pattern',
  'private_property_identifier',
  'type_identifier',
  'statement_identifier',
  'hash_bang_line',
  'jsx_text',
  'html_comment',
]);

/** A template string's children the readers look at: its substitutions (the text between them is read by offsets). */
const TEMPLATE_PART = 'template_substitution';

/**
 * The copy leaves out what no reader of it looks at (the unit test checks each reader's answers
 * against web-tree-sitter's own nodes): below PRUNED_BELOW's types; a template string's text
 * between substitutions; and punctuation — anonymous tokens without a letter (`(`, `,`, `.`,
 * `;`, quotes), a third of a JavaScript file's nodes — unless the token fills a field (an
 * `operator`). Keywords stay (`get`, `default`, `async` are read among a node's children).
 */
function keepOf(type: string, named: boolean): Keep {
  if (PRUNED_BELOW.has(type)) return Keep.Leaf;
  if (!named && !/[A-Za-z]/.test(type)) return Keep.Punctuation;
  return Keep.All;
}

/**
 * The same string, internalized (as a property key is). web-tree-sitter decodes type and field
 * names from wasm memory into fresh strings, so every `node.type === 'call_expression'` of the
 * readers compared characters; two internalized strings compare by address.
 */
function intern(s: string): string {
  return Object.keys({ [s]: 0 })[0];
}

/** A language's type and field names, interned, and what each way of copying keeps of each type. */
interface LanguageNames {
  fields: (string | null)[];
  typeName: string[];
  typeNamed: boolean[];
  keep: Record<LiteKeep, Keep[]>;
}

const namesByLanguage = new WeakMap<object, LanguageNames>();

function build(tree: Tree, text: string, w: Walker, keep: LiteKeep): LiteNode {
  const source = new LiteSource(text);
  const made: LiteNode[] = [];
  const types = tree.language.types;
  // Per type id: its name, whether it is named (the same for every node of that id, aliases
  // included) and what the copy keeps of it; learnt once per language.
  let names = namesByLanguage.get(tree.language);
  if (!names) namesByLanguage.set(tree.language, (names = { fields: tree.language.fields.map((f) => (f ? intern(f) : f)), typeName: [], typeNamed: [], keep: { js: [], named: [] } }));
  const { fields, typeName, typeNamed } = names;
  const typeKeep = names.keep[keep];
  let nextId = 0;
  // Per type id: its nodes in document order (the root's index, grouped by name at the end).
  const nodesOf: LiteNode[][] = [];
  const make = (parent: LiteNode | null, typeId: number, fieldId: number): LiteNode => {
    const node = new LiteNode(source, nextId++, typeName[typeId], typeNamed[typeId], w.start(), w.end(), fieldId ? (fields[fieldId] ?? undefined) : undefined, parent);
    if (parent) node.index = (parent.children === NO_CHILDREN ? (parent.children = []) : parent.children).push(node) - 1;
    made.push(node);
    (nodesOf[typeId] ??= []).push(node);
    return node;
  };
  const learn = (typeId: number): void => {
    if (typeKeep[typeId] !== undefined) return;
    if (typeName[typeId] === undefined) {
      typeName[typeId] = intern(types[typeId] || 'ERROR');
      typeNamed[typeId] = w.isNamed();
    }
    const type = typeName[typeId];
    typeKeep[typeId] = keep === 'js' ? keepOf(type, typeNamed[typeId]) : typeNamed[typeId] ? Keep.All : Keep.Punctuation;
  };
  let typeId = w.typeId();
  learn(typeId);
  const root = make(null, typeId, 0);
  if (typeKeep[typeId] !== Keep.Leaf && w.firstChild()) {
    let current = root;
    walk: for (;;) {
      typeId = w.typeId();
      learn(typeId);
      const kept = typeKeep[typeId];
      let node: LiteNode | undefined;
      if (keep === 'js' && current.type === 'template_string' && typeName[typeId] !== TEMPLATE_PART) {
        // Only the substitutions of a template string.
      } else if (kept === Keep.Punctuation) {
        const fieldId = w.fieldId();
        if (fieldId) node = make(current, typeId, fieldId);
      } else node = make(current, typeId, w.fieldId());
      if (node && kept === Keep.All && w.firstChild()) {
        current = node;
        continue;
      }
      while (!w.nextSibling()) {
        if (!w.parent() || current === root) break walk;
        current = current.parent!;
      }
    }
  }
  // Aliases give one type name several ids: their lists merge in document order.
  const byType = new Map<string, LiteNode[]>();
  nodesOf.forEach((list, id) => {
    const had = byType.get(typeName[id]);
    byType.set(typeName[id], had ? [...had, ...list].sort((a, b) => a.id - b.id) : list);
  });
  root.byType = byType;
  // Children have the higher ids: backwards, each node's last descendant is its last child's.
  for (let i = made.length - 1; i >= 0; i--) {
    const c = made[i].children;
    if (c.length) made[i].last = c[c.length - 1].last;
  }
  source.tree.rootNode = root;
  return root;
}
