// A handler that checks the caller in two steps: a call of ours makes a value from the request
// (`s := Auth(c, acl.ResourcePhotos, acl.ActionView)`), and a method of that value ends the request
// itself when the value fails it (`if s.Abort(c) { return }`, Abort writing 401 or 403). Neither
// step alone is a guard: the maker refuses nothing, and the method's own test (`m.Valid()`) names
// no credential. Together they are one when the maker reads the caller's credential from the
// request (credentialReads.ts) and the method refuses with 401/403; a value made from anything
// else (a query switch) refused the same way is no authentication.
import type { GoNode as Node } from './goNode';
import type { Guard } from '../types';
import { callArgs, line } from '../treeUtil';
import type { GoIndex } from './resolve';
import { readerOf } from './credentialReads';
import type { Callee, GoFunc } from './types';

const FN_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** How many statements from the top of a handler such a check may sit. */
const TOP = 10;

export interface ResultCheck {
  /** The method tested (`s.Abort`), as a callee on the maker's result. */
  callee: Callee;
  /** The call that made the value (`Auth`). */
  made: Callee;
  line: number;
}

/** `x := F(…); if x.M(…) { return }` (or `if !x.M(…)`) among the first statements of a body. */
export function resultChecksIn(body: Node, statements: (block: Node | null) => Node[], callee: (n: Node) => Callee | undefined): ResultCheck[] {
  const out: ResultCheck[] = [];
  const sts = statements(body);
  const made = new Map<string, Callee>();
  for (const s of sts.slice(0, TOP)) {
    if (s.type === 'short_var_declaration' || s.type === 'assignment_statement') {
      const left = s.childForFieldName('left')?.namedChildren ?? [];
      const right = s.childForFieldName('right')?.namedChildren ?? [];
      const c = right.length === 1 && right[0]?.type === 'call_expression' ? callee(right[0].childForFieldName('function')!) : undefined;
      if (c && left[0]?.type === 'identifier') made.set(left[0].text, c);
      continue;
    }
    const then = statements(s.childForFieldName('consequence'));
    // Only a return: what ends the request was written by the call tested.
    if (s.type !== 'if_statement' || then.length !== 1 || then[0].type !== 'return_statement') continue;
    let cond = s.childForFieldName('condition');
    while (cond && (cond.type === 'unary_expression' || cond.type === 'parenthesized_expression')) cond = cond.namedChildren[0] ?? null;
    const fnNode = cond?.type === 'call_expression' ? cond.childForFieldName('function') : null;
    const recv = fnNode?.type === 'selector_expression' ? fnNode.childForFieldName('operand') : null;
    const by = recv?.type === 'identifier' ? made.get(recv.text) : undefined;
    // The method of what the maker returns, as scope.ts names it once the local is bound (bodies are read before their locals are).
    const method = fnNode?.childForFieldName('field')?.text;
    if (by && method && callArgs(cond!).length <= 2) out.push({ callee: `ret:${by}|${method}`, made: by, line: line(s) });
  }
  return out;
}

/** The guard such a check makes of a handler, when both steps hold. */
export function resultCheckGuard(ix: GoIndex, fn: GoFunc): Guard | undefined {
  for (const t of fn.resultChecks ?? []) {
        const method = ix.fnOf(t.callee);
    const refusal = method?.refusals.find((r) => r.how === '401' || r.how === '403');
    const reader = refusal ? readerOf(ix, ix.fnOf(t.made), new Set(), 0) : undefined;
    if (!method || !refusal || !reader) continue;
    const name = t.callee.replace(/^.*[#.|]/, '');
    const maker = t.made.replace(/^.*[#.|]/, '');
    return {
      name,
      kind: 'authentication',
      reason: `${name}() at ${fn.file}:${t.line} ends the request when what ${maker}() made from the caller's credential (read at ${reader.file}:${reader.readsProof!.line}) fails it; refuses requests (${refusal.how})`,
      file: fn.file,
      line: t.line,
      evidence: { how: refusal.how, text: refusal.text, file: method.file, line: refusal.line },
    };
  }
  return undefined;
}

/**
 * The call that made a local the `if` around a refusal tests (`s := Auth(c, …); if s.Invalid() {
 * AbortForbidden(c); return }`): the refusal refuses a caller whose credential fails when that
 * call reads one from the request (decided when linked, credentialMakers below).
 */
export function testedMaker(n: Node, callee: (n: Node) => Callee | undefined): Callee | undefined {
  let ifs: Node | null = n.parent;
  while (ifs && ifs.type !== 'if_statement' && !FN_TYPES.has(ifs.type)) ifs = ifs.parent;
  const cond = ifs?.type === 'if_statement' ? ifs.childForFieldName('condition') : null;
  let fn: Node | null = ifs;
  while (fn && !FN_TYPES.has(fn.type)) fn = fn.parent;
  if (!cond || !fn) return undefined;
  const names = new Set([cond, ...cond.descendantsOfType('identifier')].filter((x): x is Node => !!x && x.type === 'identifier').map((x) => x.text));
  let made: Callee | undefined;
  for (const d of fn.descendantsOfType('short_var_declaration')) {
    if (!d || d.startIndex > ifs!.startIndex) continue;
    const left = d.childForFieldName('left')?.namedChildren ?? [];
    const right = d.childForFieldName('right')?.namedChildren ?? [];
    if (right.length !== 1 || right[0]?.type !== 'call_expression' || !left.some((l) => l?.type === 'identifier' && names.has(l.text))) continue;
    made = callee(right[0].childForFieldName('function')!) ?? made;
  }
  return made;
}

/** Refusals under a test of what a credential reader made are credential checks, a 403 included (testedMaker). */
export function credentialMakers(ix: GoIndex, funcs: Iterable<GoFunc>): void {
  for (const fn of funcs) for (const r of fn.refusals) if (r.madeBy && readerOf(ix, ix.fnOf(r.madeBy), new Set(), 0)) r.credential = r.fromReader = true;
}
