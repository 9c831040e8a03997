// Small helpers over tree nodes shared by the detectors: web-tree-sitter's own, or the plain copy
// of parse/liteTree.ts (each helper gives back nodes of the kind it was given).
import type { SyntaxNode } from '../parse/liteTree';
import type { LineRange } from '../model/types';
import { descendants } from './descendantIndex';

export function kids<N extends SyntaxNode>(node: N | null | undefined): N[] {
  return node ? (node.namedChildren.filter(Boolean) as N[]) : [];
}

export function line(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

export function rangeOf(node: SyntaxNode): LineRange {
  return { start: node.startPosition.row + 1, end: node.endPosition.row + 1 };
}

/** Every node of the given types, in document order. */
export function all<N extends SyntaxNode>(root: N, types: string | string[]): N[] {
  return descendants(root, types);
}

/**
 * The value of a string literal node in any of the supported languages, or undefined when it
 * is not a plain literal (template with substitutions, f-string with fields, concatenation).
 */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
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
export function callArgs<N extends SyntaxNode>(call: N): N[] {
  const a = call.childForFieldName('arguments') as N | null;
  return kids(a).filter((n) => n.type !== 'comment');
}

/** Nearest ancestor matching a predicate. */
export function ancestor<N extends SyntaxNode>(node: N, pred: (n: N) => boolean): N | undefined {
  let p = node.parent as N | null;
  while (p) {
    if (pred(p)) return p;
    p = p.parent as N | null;
  }
  return undefined;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head'];
