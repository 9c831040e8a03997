// The test each arm of a `switch` runs under. Arms are flattened like an `if`'s (each runs once), but
// without their test a function that answers per case (`switch (level) { case true: return 'create';
// case 'readOnly': case 'create': return level; } return false`) reads as answering its first case
// whatever it was given. Each arm's operations carry `['sw', test]`: the discriminant equal to one of
// its labels (labels with no statements of their own joined to the next), `default` the else of them
// all. Kept only where that is the whole story: a plain discriminant, literal labels, every arm but
// the last ending in `return`/`throw`/`break` (no fall-through), `default` last. Decided only by
// interp/anonymousGrant.ts; to every other reader the arms still run as before.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { Cond, Expr } from './types';
import { leaves } from './conditions';
import { named, SCALAR_LITERALS } from './jsNodes';

export interface SwitchArm {
  /** Where the arm begins: its test's offset. */
  offset: number;
  statements: Node[];
  cond: Cond;
}

/** The arms of `s` with their tests, or undefined when they cannot be told apart as written. */
export function switchArms(s: Node, expr: (n: Node) => Expr): SwitchArm[] | undefined {
  let value = s.childForFieldName('value');
  while (value?.type === 'parenthesized_expression') value = named(value).find((c) => c.type !== 'comment') ?? null;
  const body = s.childForFieldName('body');
  if (!value || !body || !(value.type === 'identifier' || value.type === 'member_expression')) return undefined;
  const disc: Expr = expr(value);
  const cases = named(body).filter((c) => c.type === 'switch_case' || c.type === 'switch_default');
  const arms: SwitchArm[] = [];
  const seen: Cond[] = [];
  let pending: Cond[] = [];
  for (const [i, c] of cases.entries()) {
    const label = c.type === 'switch_case' ? c.childForFieldName('value') : null;
    if (c.type === 'switch_case' && (!label || !SCALAR_LITERALS.has(label.type))) return undefined;
    if (c.type === 'switch_default' && i !== cases.length - 1) return undefined;
    // By place, not by identity: web-tree-sitter hands out a new object for each lookup of a node.
    const statements = named(c).filter((n) => !(label && n.startIndex === label.startIndex && n.type === label.type) && n.type !== 'comment');
    const test: Cond | undefined = label ? ['eq', '===', ['v', disc], ['v', expr(label)]] : undefined;
    if (test) seen.push(test);
    if (test && !statements.length) {
      pending.push(test);
      continue;
    }
    const last = statements.at(-1);
    if (i !== cases.length - 1 && !(last && (last.type === 'break_statement' || leaves(last)))) return undefined;
    const any = (cs: Cond[]): Cond => cs.reduce((a, b) => ['or', a, b]);
    const cond: Cond = test ? any([...pending, test]) : ['not', any(seen.length ? seen : [['?']])];
    if (!test && !seen.length) return undefined;
    arms.push({ offset: c.startIndex, statements, cond: ['sw', cond] });
    pending = [];
  }
  return arms;
}
