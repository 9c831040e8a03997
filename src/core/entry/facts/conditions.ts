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
  if (cond.length <= 200) return cond;
  // A test of the request method is kept whatever the length: it says which of the routes sharing
  // the handler the refusal is for (`if (req.method === 'POST') { … 400 }` refuses no GET).
  const methods = cond.split(' && ').filter((c) => METHOD_TEST.test(c.trim()) && c.length < 60);
  const head = methods.length ? methods.join(' && ') + ' && ' : '';
  return head + '…' + cond.slice(cond.length - (199 - head.length));
}

/** `req.method === 'POST'`, `(request.method !== "GET")`, `else of` either. */
const METHOD_TEST = /^(else of\s+)?\(?\s*[\w$]+\.method\s*(===|==|!==|!=)\s*['"`]\w+['"`]\s*\)?$/;

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
