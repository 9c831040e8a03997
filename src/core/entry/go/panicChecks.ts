// A check whose failure unwinds the handler instead of answering it: `err := h.validateSession(r);
// checkError(err)`, where checkError panics on any error (shiori's legacy API). No status is
// written: the panic ends the request (net/http drops it; a recovering middleware answers 500), so
// nothing after the check runs for a caller the check fails. It is a guard when the checked call
// reads the caller's credential from the request (credentialReads.ts readerOf): the error is then
// about who calls. Read from the code: the error handed on and a panic on it, never names.
import type { GoNode as Node } from './goNode';
import type { Guard } from '../types';
import type { GoIndex } from './resolve';
import type { Callee, GoFunc } from './types';
import { all, callArgs, kids, line } from '../treeUtil';
import { readerOf } from './credentialReads';

/** How many statements from the top of a body such a check may sit. */
const TOP = 10;

/** `err := f(…)` (or `x, err = f(…)`) then `g(err)` as the next statement: f checked, g handed its error. */
export function errHandOffs(statements: Node[], callee: (n: Node) => Callee | undefined): { callee: Callee; via: Callee; line: number }[] {
  const out: { callee: Callee; via: Callee; line: number }[] = [];
  const sts = statements.slice(0, TOP);
  sts.forEach((s, i) => {
    if (s.type !== 'short_var_declaration' && s.type !== 'assignment_statement') return;
    const left = kids(s.childForFieldName('left')).map((k) => k.text);
    const err = left[left.length - 1];
    const call = s.childForFieldName('right')?.namedChildren[0];
    if (!err || err === '_' || call?.type !== 'call_expression') return;
    const next = sts[i + 1];
    const handed = next?.type === 'expression_statement' ? next.namedChildren[0] : undefined;
    if (handed?.type !== 'call_expression' || callArgs(handed).length !== 1 || callArgs(handed)[0].text !== err) return;
    const c = callee(call.childForFieldName('function')!);
    const via = callee(handed.childForFieldName('function')!);
    if (c && via?.startsWith('fn:')) out.push({ callee: c, via, line: line(call) });
  });
  return out;
}

/** `func checkError(err error) { if err == nil { return }; …; panic(err) }`: it panics on the error it is handed. */
export function panicsOnError(fn: Node): boolean {
  const params = kids(fn.childForFieldName('parameters')).filter((p) => p.type === 'parameter_declaration');
  if (params.length !== 1 || params[0].childForFieldName('type')?.text !== 'error') return false;
  const name = params[0].childForFieldName('name')?.text;
  const body = fn.childForFieldName('body');
  if (!name || !body) return false;
  return all(body, 'call_expression').some((c) => c.childForFieldName('function')?.text === 'panic' && callArgs(c).some((a) => new RegExp(`\\b${name}\\b`).test(a.text)));
}

/** The first such check in a handler whose callee reads the caller's credential and whose error is handed to a function that panics on it. */
export function panicCheckGuard(ix: GoIndex, fn: GoFunc): Guard | undefined {
  for (const h of fn.errPanics ?? []) {
    if (!ix.fnOf(h.via)?.panicsOnError) continue;
    const reader = readerOf(ix, ix.fnOf(h.callee), new Set(), 0);
    if (!reader) continue;
    const name = h.callee.replace(/^.*[#.|]/, '');
    const how = `the error of ${name}(), which reads the caller's credential (${reader.file}:${reader.readsProof!.line}), is handed to ${h.via.replace(/^.*[#.|]/, '')}(), which panics on it`;
    return { name: `${name}()`, kind: 'authentication', reason: `${name}() at ${fn.file}:${h.line} ends the request when it fails; refuses requests (${how})`, file: fn.file, line: fn.line, evidence: { how, text: name, file: fn.file, line: h.line } };
  }
  return undefined;
}
