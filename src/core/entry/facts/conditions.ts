// The conditions a JavaScript statement runs under, as the extractor records them with each
// refusal: which statements always leave the function (so what follows an `if (C) return` runs
// under "else of C"), and how a long chain of them is shortened.
import type { SyntaxNode as Node } from '../../parse/liteTree';

function named(n: Node | null | undefined): Node[] {
  return n ? (n.namedChildren.filter((c) => c && c.type !== 'comment') as Node[]) : [];
}

/**
 * A refusal's conditions, shortened from the outside in: the innermost test (`!safeEqual(token,
 * expected)`) is what says why it refuses; the early returns before it only add context.
 */
export function clip(cond: string): string {
  return cond.length > 200 ? '…' + cond.slice(cond.length - 199) : cond;
}

/** A statement (or block) that always leaves the function: ends in `return` or `throw`, on every arm. */
export function leaves(n: Node | null | undefined, depth = 0): boolean {
  if (!n || depth > 8) return false;
  switch (n.type) {
    case 'return_statement':
    case 'throw_statement':
      return true;
    case 'statement_block':
      return leaves(named(n).at(-1), depth + 1);
    case 'if_statement': {
      const alt = n.childForFieldName('alternative');
      return !!alt && leaves(n.childForFieldName('consequence'), depth + 1) && leaves(named(alt).at(-1), depth + 1);
    }
    case 'try_statement': {
      const handler = n.childForFieldName('handler');
      return leaves(n.childForFieldName('body'), depth + 1) && (!handler || leaves(handler.childForFieldName('body'), depth + 1));
    }
    default:
      return false;
  }
}
