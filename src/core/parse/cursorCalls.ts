// web-tree-sitter's TreeCursor, for one walk of a whole tree (liteTree.ts): its wasm functions
// called directly where the runtime has them, or the public cursor.
import type { TreeCursor } from 'web-tree-sitter';
import { treeSitterRuntime } from './languages';

/** The wasm functions of web-tree-sitter's TreeCursor, called without its JavaScript wrapper. */
export interface CursorCalls {
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
export function directCursorCalls(): CursorCalls | null {
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
export interface Walker {
  typeId(): number;
  isNamed(): boolean;
  fieldId(): number;
  start(): number;
  end(): number;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
}

export function publicWalker(cursor: TreeCursor): Walker {
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
