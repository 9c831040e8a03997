// Small helpers over web-tree-sitter nodes shared by the detectors.
import type { Node } from 'web-tree-sitter';
import type { LineRange } from '../model/types';

export function kids(node: Node | null | undefined): Node[] {
  return node ? (node.namedChildren.filter(Boolean) as Node[]) : [];
}

export function line(node: Node): number {
  return node.startPosition.row + 1;
}

export function rangeOf(node: Node): LineRange {
  return { start: node.startPosition.row + 1, end: node.endPosition.row + 1 };
}

/** Every node of the given types, in document order. */
export function all(root: Node, types: string | string[]): Node[] {
  return root.descendantsOfType(types).filter(Boolean) as Node[];
}

/**
 * The value of a string literal node in any of the supported languages, or undefined when it
 * is not a plain literal (template with substitutions, f-string with fields, concatenation).
 */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'string':
    case 'template_string':
    case 'interpreted_string_literal':
    case 'raw_string_literal':
    case 'string_literal':
    case 'text_block': {
      if (node.namedChildren.some((c) => c && (c.type === 'template_substitution' || c.type === 'interpolation'))) return undefined;
      let t = node.text;
      // Python prefixes: r'', b'', u''
      t = t.replace(/^[rRbBuU]{1,2}(?=['"])/, '');
      if (t.startsWith('"""') || t.startsWith("'''")) return t.slice(3, -3);
      if (/^[`'"]/.test(t)) return t.slice(1, -1);
      return t;
    }
    case 'parenthesized_expression':
      return stringValue(node.namedChildren[0]);
    case 'concatenated_string': {
      const parts = kids(node).map(stringValue);
      return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
    }
    default:
      return undefined;
  }
}

/** Arguments of a call in JS/TS/Python/Go/Java (the grammars name the list differently). */
export function callArgs(call: Node): Node[] {
  const a = call.childForFieldName('arguments');
  return kids(a).filter((n) => n.type !== 'comment');
}

/** Nearest ancestor matching a predicate. */
export function ancestor(node: Node, pred: (n: Node) => boolean): Node | undefined {
  let p = node.parent;
  while (p) {
    if (pred(p)) return p;
    p = p.parent;
  }
  return undefined;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head'];
