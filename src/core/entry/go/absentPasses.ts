// Middleware that hands the request on when the caller offers no credential and refuses only a
// credential it was offered and found wanting: `raw := c.GetHeader("Authorization"); if raw == ""
// { return }` (a gin middleware that returns without aborting hands on), or `tok :=
// tokenFrom(c); if tok == nil { c.Next(); return }; if !tok.HasScope(s) { c.AbortWithStatus(403) }`.
// A caller without credentials passes it, so its later refusals guard nobody by themselves: what
// keeps an anonymous caller out must be elsewhere on the route. Only a test of a value bound from a
// credential in the same block before it counts (the binding's text names one, credentialWords.ts),
// and only refusals after it, in the same function.
import type { GoNode as Node } from './goNode';
import { all, kids } from '../treeUtil';
import { statements, enclosingFn } from './goStatements';
import { absentOperand, HANDS_ON, orLeaves } from './missingCredential';
import { isCredential } from './credentialWords';
import type { GoFunc } from './types';

/** The first such pass in a function: its last line, the function's last line, and whether it hands on explicitly. */
export function absentPass(body: Node): GoFunc['absentPass'] {
  for (const st of all(body, 'if_statement')) {
    const cond = st.childForFieldName('condition');
    const then = st.childForFieldName('consequence');
    if (!cond || !then || st.childForFieldName('alternative')) continue;
    const sts = statements(then);
    const last = sts[sts.length - 1];
    // echo's `return next(c)`: the return hands on itself.
    const returnsNext = sts.length === 1 && last?.type === 'return_statement' && /^return\s+next\(\w+\)$/.test(last.text);
    if (last?.type !== 'return_statement' || (last.namedChildren.length && !returnsNext)) continue;
    // Only `next(…); return` (or a bare `return`, which hands on in gin middleware, `c *gin.Context`, as it does not abort):
    // a branch that decides more (`if public(r) { next… } else { redirect }`) is no plain pass.
    const handsOn = returnsNext || (sts.length === 2 && sts[0].type === 'expression_statement' && HANDS_ON.test(sts[0].text));
    const fn = enclosingFn(st);
    if (!fn || (!handsOn && (sts.length !== 1 || !/\*gin\.Context\b/.test(fn.childForFieldName('parameters')?.text ?? '')))) continue;
    const leaves = orLeaves(cond);
    if (leaves.length !== 1) continue;
    const x = absentOperand(leaves[0]);
    if (x?.type !== 'identifier' || !boundFromCredential(x.text, st)) continue;
    return { line: st.endPosition.row + 1, end: fn.endPosition.row + 1, handsOn };
  }
  return undefined;
}

/** `name := …` (or `=`) earlier in the same block, its text naming a credential. */
function boundFromCredential(name: string, at: Node): boolean {
  for (let s = at.previousNamedSibling; s; s = s.previousNamedSibling) {
    if (s.type !== 'short_var_declaration' && s.type !== 'assignment_statement') continue;
    const names = kids(s.childForFieldName('left')).map((k) => k.text);
    if (!names.includes(name)) continue;
    return isCredential(s.text);
  }
  return false;
}

/** The refusal comes after a pass for callers without credentials: it refuses none of them. */
export function afterAbsentPass(fn: GoFunc, line: number, strict: boolean): boolean {
  const p = fn.absentPass;
  return !!p && (p.handsOn || !strict) && line > p.line && line <= p.end;
}
