// Small readers of tree-sitter nodes shared by the JS/TS fact extractor's layers: a shortened
// text, a 1-based line, the named children without comments, a literal string's value.
// Separate so that each layer (jsFactsBase → jsFactsStatements → jsFactsDeclarations → jsFacts)
// reads nodes the same way.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { Expr } from './types';

export const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function', 'generator_function_declaration', 'method_definition']);
/** Longest source text kept for an expression we do not model. */
const MAX_TEXT = 80;
/** How much of a long text `short` collapses first. */
const HEAD = 4 * MAX_TEXT;

export function short(text: string): string {
  // A long text (a whole function body) is cut anyway: collapse the spaces of its head only. The
  // head of the collapsed text is the collapsed head, so once that is longer than the cut, it is the answer.
  if (text.length > HEAD) {
    const head = text.slice(0, HEAD).replace(/\s+/g, ' ');
    if (head.length > MAX_TEXT) return head.slice(0, MAX_TEXT - 1) + '…';
  }
  const s = text.replace(/\s+/g, ' ');
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT - 1) + '…' : s;
}


export function line(n: Node): number {
  return n.startPosition.row + 1;
}

export function named(n: Node | null | undefined): Node[] {
  return n ? (n.namedChildren.filter((c) => c && c.type !== 'comment') as Node[]) : [];
}

export function stringText(n: Node): string | undefined {
  if (n.type === 'string') return n.text.slice(1, -1);
  if (n.type === 'template_string' && !n.namedChildren.some((c) => c?.type === 'template_substitution')) return n.text.slice(1, -1);
  return undefined;
}

/** Node types of a scalar literal: no read of anything (a template string may hold substitutions, so it is not one). */
export const SCALAR_LITERALS: ReadonlySet<string> = new Set(['string', 'number', 'true', 'false', 'null', 'undefined']);

/**
 * A literal as an expression fact (a number, a boolean, null or undefined), for any tree's nodes
 * (the liteTree copy the facts read, or web-tree-sitter's): undefined for anything else.
 */
export function literalExpr(n: { readonly type: string; readonly text: string }): Expr | undefined {
  switch (n.type) {
    case 'number':
      return ['n', Number(n.text)];
    case 'true':
      return ['b', true];
    case 'false':
      return ['b', false];
    case 'null':
    case 'undefined':
      return ['null'];
    default:
      return undefined;
  }
}

/** How deep a literal may nest and still count as one (isLiteralValue). */
const MAX_LITERAL_DEPTH = 6;

/** A string, number, boolean, null, or an object or array of those: no read of anything. */
export function isLiteralValue(n: Node, depth = 0): boolean {
  if (depth > MAX_LITERAL_DEPTH) return false;
  if (SCALAR_LITERALS.has(n.type)) return true;
  switch (n.type) {
    case 'template_string':
      return !n.namedChildren.some((c) => c?.type === 'template_substitution');
    case 'parenthesized_expression':
    case 'array':
      return named(n).every((c) => isLiteralValue(c, depth + 1));
    case 'unary_expression':
      return n.childForFieldName('operator')?.text === '-' && named(n).every((c) => c.type === 'number');
    case 'object':
      return named(n).every((p) => p.type === 'pair' && p.childForFieldName('key')?.type !== 'computed_property_name' && !!p.childForFieldName('value') && isLiteralValue(p.childForFieldName('value')!, depth + 1));
    default:
      return false;
  }
}
