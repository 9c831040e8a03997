// A closure the handler hands to a call whose error ends the request runs as part of the handler:
// Portainer's `if err := handler.DataStore.UpdateTx(func(tx dataservices.DataStoreTx) error {
// stack, err = handler.updateEdgeStackStatus(tx, r, id, payload); return err }); err != nil {
// … errors.As(err, &httpErr) … return httpErr }`, where updateEdgeStackStatus answers
// `httperror.Forbidden(…)` when the Edge agent's identifier does not match. The transaction call is
// a library's (or an interface's) we do not follow, so the closure's checks — its own, and those of
// the functions of ours whose error it returns — are judged as the handler's own (verdict.ts).
import type { GoNode as Node } from './goNode';
import { callArgs, kids, line } from '../treeUtil';
import { statements } from './goStatements';
import type { Guard } from '../types';
import type { GoIndex } from './resolve';
import type { Callee, GoFunc } from './types';

/** The func literals a check call is handed (`UpdateTx(func(tx) error {…})`): it runs them. */
export function closuresRun(call: Node, callee: (n: Node) => Callee | undefined): Callee[] {
  const out: Callee[] = [];
  for (const a of callArgs(call)) {
    const c = a.type === 'func_literal' ? callee(a) : undefined;
    if (c) out.push(c);
  }
  return out;
}

/**
 * Calls of ours whose error a literal returns as its own: `x, err = f(…); return err` (or
 * `return x, err`, the error last), the assignment right before the return, and `return f(…)`.
 */
export function errorsReturned(fn: Node, callee: (n: Node) => Callee | undefined): { callee: Callee; line: number }[] {
  const out: { callee: Callee; line: number }[] = [];
  const sts = statements(fn.childForFieldName('body'));
  sts.forEach((s, i) => {
    if (s.type !== 'return_statement') return;
    const values = kids(s)[0]?.namedChildren ?? [];
    const last = values[values.length - 1];
    let call: Node | undefined;
    if (last?.type === 'call_expression' && values.length === 1) call = last;
    else if (last?.type === 'identifier') {
      const prev = sts[i - 1];
      const assigned = prev && (prev.type === 'assignment_statement' || prev.type === 'short_var_declaration') ? prev : undefined;
      const right = assigned?.childForFieldName('right')?.namedChildren ?? [];
      if (right.length === 1 && right[0]?.type === 'call_expression' && kids(assigned!.childForFieldName('left')).some((k) => k.text === last.text)) call = right[0];
    }
    const c = call ? callee(call.childForFieldName('function')!) : undefined;
    if (c && !c.startsWith('ext:')) out.push({ callee: c, line: line(call!) });
  });
  return out;
}

/**
 * The guard of a closure run by one of the handler's checks: the closure judged as a handler
 * (`judge`, verdict.ts judgeHandler), or a function of ours whose error it returns judged so.
 */
export function closureGuard(ix: GoIndex, fn: GoFunc, seen: Set<string>, judge: (f: GoFunc) => Guard | undefined): Guard | undefined {
  for (const ch of [...fn.checks, ...(fn.errCalls ?? [])]) {
    for (const run of ch.runs ?? []) {
      const lit = ix.fnOf(run);
      if (!lit || seen.has(lit.key)) continue;
      const by = ch.callee.replace(/^.*[#.|]/, '');
      const own = judge(lit);
      if (own) return { ...own, reason: `the closure handed to ${by}() at ${fn.file}:${ch.line}, whose error ends the request, runs its ${own.reason}` };
      for (const r of lit.errFrom ?? []) {
        const f = ix.fnOf(r.callee);
        const g = f && !seen.has(f.key) ? judge(f) : undefined;
        if (g) return { ...g, reason: `the closure handed to ${by}() at ${fn.file}:${ch.line}, whose error ends the request, returns the error of ${r.callee.replace(/^.*[#.|]/, '')}() (${lit.file}:${r.line}): ${g.reason}` };
      }
    }
  }
  return undefined;
}
