// Tornado handlers' own checks (tornadoFacts.ts): how a handler refuses a caller, and the
// setting reads that decide whether a refusal is met under the defaults the code writes.
import type { Node } from 'web-tree-sitter';
import { all, callArgs, kids, line } from '../treeUtil';

/**
 * A refusal written in a handler: `raise HTTPError(401|403)`, `self.send_error(403)`, `self.set_status(401)`,
 * or a redirect to sign-in (`self.redirect(self.get_login_url())`, a URL naming login).
 */
export function isRefusal(st: Node): boolean {
  if (st.type === 'raise_statement') return statusOf(st) === 401 || statusOf(st) === 403;
  const e = st.type === 'expression_statement' || st.type === 'return_statement' ? st.namedChildren[0] : undefined;
  const call = e?.type === 'await' ? e.namedChildren[0] : e;
  if (call?.type !== 'call') return false;
  const fn = call.childForFieldName('function')?.text ?? '';
  const first = callArgs(call)[0];
  if (/^self\.(send_error|set_status)$/.test(fn)) return first?.type === 'integer' && (first.text === '401' || first.text === '403');
  return fn === 'self.redirect' && /login/i.test(first?.text ?? '');
}

/** The status of `raise web.HTTPError(403, …)`. */
export function statusOf(raise: Node): number | undefined {
  const call = raise.namedChildren[0];
  if (call?.type !== 'call' || !/(^|\.)HTTPError$/.test(call.childForFieldName('function')?.text ?? '')) return undefined;
  const first = callArgs(call)[0];
  return first?.type === 'integer' ? Number(first.text) : undefined;
}

/** Where a function (or a function nested in it: a decorator's wrapper) raises 401/403. */
export function refusalIn(body: Node | null): { line: number; text: string } | undefined {
  if (!body) return undefined;
  for (const r of all(body, 'raise_statement')) {
    const s = statusOf(r);
    if (s === 401 || s === 403) return { line: line(r), text: r.text.replace(/\s+/g, ' ').slice(0, 120) };
  }
  return undefined;
}

/**
 * `if self.default_url: url = …  elif user: url = self.get_next_url(user)  else: url = <a login URL>`, then
 * `self.redirect(url)`: an anonymous caller falls to the last arm and is sent to sign-in, unless an
 * arm before the caller's test is taken (its `self.x` names, the gates, decide that).
 */
export function loginRedirectChain(body: Node, isCaller: (n: Node) => boolean): { line: number; text: string; gates: string[] } | undefined {
  const stmts = kids(body);
  for (const [i, s] of stmts.entries()) {
    if (s.type !== 'if_statement') continue;
    const clauses = kids(s).filter((k) => k.type === 'elif_clause' || k.type === 'else_clause');
    const last = clauses[clauses.length - 1];
    if (last?.type !== 'else_clause') continue;
    const conds = [s.childForFieldName('condition'), ...clauses.filter((k) => k.type === 'elif_clause').map((k) => k.childForFieldName('condition'))];
    const callerAt = conds.length - 1;
    if (!conds[callerAt] || !isCaller(conds[callerAt]!)) continue;
    const gates = conds.slice(0, callerAt).map((c) => /^self\.(\w+)$/.exec(c?.text ?? '')?.[1]);
    if (gates.some((g) => g === undefined)) continue;
    const arm = kids(last.childForFieldName('body'));
    const a = arm.length === 1 && arm[0].type === 'expression_statement' ? arm[0].namedChildren[0] : undefined;
    const v = a?.type === 'assignment' ? a.childForFieldName('left')?.text : undefined;
    if (!v || !/login/i.test(a!.childForFieldName('right')?.text ?? '')) continue;
    const sent = stmts.slice(i + 1).some((t) => /^(return\s+)?self\.redirect\(\s*(\w+)/.exec(t.text)?.[2] === v);
    if (sent) return { line: line(a!), text: `else: ${a!.text.replace(/\s+/g, ' ')}; self.redirect(${v})`, gates: gates as string[] };
  }
  return undefined;
}

/** `return self.settings.get("default_url", "")` (the whole body): the line, when the written default is falsy. */
export function falsySettingDefault(body: Node): number | undefined {
  const stmts = kids(body).filter((k) => !(k.type === 'expression_statement' && k.namedChildren[0]?.type === 'string'));
  const ret = stmts.length === 1 && stmts[0].type === 'return_statement' ? stmts[0].namedChildren[0] : undefined;
  if (ret?.type !== 'call' || !/^self\.settings\.get$/.test(ret.childForFieldName('function')?.text ?? '')) return undefined;
  const args = callArgs(ret);
  const def = args[1]?.text ?? 'None';
  return /^(''|""|None|False|0|\[\]|\{\})$/.test(def) ? line(ret) : undefined;
}
