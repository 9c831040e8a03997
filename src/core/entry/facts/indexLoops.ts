// `for (let i = 0, l = list.length; i < l; i++) { … list[i] … }`: a loop over an array by its
// indices, the way older code walks a listener list (`listeners[i].apply(self, args)`). Read as
// `for (const i of list.keys())`, so the body runs once per element with `i` its index, as a
// `for…of` loop does; any other `for (;;)` loop stays flattened (its body once, as written).
import type { SyntaxNode as Node } from '../../parse/liteTree';
import { named } from './jsNodes';

/** The index name and the array expression, when `s` has that shape. */
export function indexLoop(s: Node): { index: string; array: Node } | undefined {
  const init = s.childForFieldName('initializer');
  const cond = s.childForFieldName('condition');
  const incr = s.childForFieldName('increment');
  if (!init || !cond || !incr || (init.type !== 'lexical_declaration' && init.type !== 'variable_declaration')) return undefined;
  const decls = named(init).filter((d) => d.type === 'variable_declarator');
  const first = decls[0];
  const index = first?.childForFieldName('name');
  if (index?.type !== 'identifier' || first!.childForFieldName('value')?.text !== '0') return undefined;
  const i = index.text;
  if (!new RegExp(`^(${i}\\+\\+|\\+\\+${i}|${i}\\s*\\+=\\s*1)$`).test(incr.text.trim())) return undefined;
  // `i < list.length`, or `i < l` with `l = list.length` declared beside `i`.
  let c: Node | null | undefined = cond.type === 'expression_statement' ? named(cond)[0] : cond;
  while (c?.type === 'parenthesized_expression') c = named(c)[0];
  if (c?.type !== 'binary_expression' || c.childForFieldName('operator')?.text !== '<' || c.childForFieldName('left')?.text !== i) return undefined;
  let bound = c.childForFieldName('right');
  if (bound?.type === 'identifier') bound = decls.find((d) => d.childForFieldName('name')?.text === bound!.text)?.childForFieldName('value') ?? null;
  if (bound?.type !== 'member_expression' || bound.childForFieldName('property')?.text !== 'length') return undefined;
  const array = bound.childForFieldName('object');
  return array ? { index: i, array } : undefined;
}
