// The calls at the top of a Go handler whose failure ends the request (`cert, err := h.peerCert(r);
// if err != nil { render.Error(w, err); return }`, `if authTokenCheck(req, res) { chain.ProcessFilter(…) }`):
// each callee is judged later by its own code (verdict.ts), as a check the handler runs first.
import type { GoNode as Node } from './goNode';
import type { CheckCall } from './types';
import { closuresRun } from './closureChecks';
import type { BodyContext } from './bodies';
import { all, kids, line } from '../treeUtil';
import { enclosingFn, statements } from './goStatements';
import { handsOnIf, stopsUnless } from './passOnCheck';

/** `{ return }` or `{ return T{}, false }`: a branch that stops, answering only zero values. */
function stopsEmpty(sts: Node[]): boolean {
  if (sts.length !== 1 || sts[0].type !== 'return_statement') return false;
  const values = kids(sts[0])[0]?.namedChildren ?? [];
  return values.every((v) => !!v && (CONSTANT_VALUE.test(v.type) || (v.type === 'composite_literal' && !v.childForFieldName('body')?.namedChildren.length)));
}
const CONSTANT_VALUE = /^(true|false|nil|int_literal|interpreted_string_literal|raw_string_literal)$/;

/**
 * A handler factory's body, `return func(ctx *context.Context) { … }` alone (Iris services'
 * `handler.List()`): the body of the handler it makes, whose first checks are the factory's.
 */
export function madeHandlerBody(body: Node): Node | undefined {
  const sts = statements(body);
  const lit = sts.length === 1 && sts[0].type === 'return_statement' ? kids(sts[0])[0]?.namedChildren[0] : undefined;
  return lit?.type === 'func_literal' ? (lit.childForFieldName('body') ?? undefined) : undefined;
}

/** `cert, err := h.getPeerCertificate(r); if err != nil { render.Error(w, err); return }` at the top of a handler. */
export function checksIn(body: Node, ctx: BodyContext): CheckCall[] {
  const out: CheckCall[] = [];
  const sts = statements(body).slice(0, 10);
  sts.forEach((s, i) => {
    const next = sts[i + 1];
    let call: Node | undefined;
    if (s.type === 'short_var_declaration' || s.type === 'assignment_statement') call = s.childForFieldName('right')?.namedChildren[0] ?? undefined;
    if (s.type === 'if_statement') call = s.childForFieldName('initializer')?.childForFieldName('right')?.namedChildren[0] ?? undefined;
    // A filter that hands on only when a check of ours says yes (`if authTokenCheck(req, res) { chain.ProcessFilter(req, res) }`):
    // the check answers every other request itself.
    const passedOn = s.type === 'if_statement' && !call ? (handsOnIf(s) ?? stopsUnless(s)) : undefined;
    if (passedOn) {
      const c = ctx.callee(passedOn.childForFieldName('function')!);
      if (c) out.push({ callee: c, line: line(passedOn) });
      return;
    }
    if (call?.type !== 'call_expression') return;
    const ifs = s.type === 'if_statement' ? s : next?.type === 'if_statement' ? next : undefined;
    const cond = ifs?.childForFieldName('condition')?.text ?? '';
    // `profile, ok := ensureActiveSessionProfile(ctx); if !ok { return }` (or `return UserProfile{}, false` in a helper):
    // the call's own yes/no, as its error, where what follows stops with nothing of its own to answer (the check
    // answered). Not `if !ok { return resp }` (artalk's isAllowComment, whose refusals are for a bad token only).
    const bare = stopsEmpty(statements(ifs?.childForFieldName('consequence')));
    const said = bare ? /^!\s*(\w+)$/.exec(cond)?.[1] : undefined;
    const fails = /\berr\b/.test(cond) || (!!said && said !== '_' && kids((ifs === s ? s.childForFieldName('initializer') : s)?.childForFieldName('left')).some((k) => k.text === said));
    if (!ifs || !fails || !/\breturn\b/.test(ifs.childForFieldName('consequence')?.text ?? '')) return;
    const c = ctx.callee(call.childForFieldName('function')!);
    const runs = closuresRun(call, ctx.callee);
    if (c) out.push({ callee: c, line: line(call), ...(runs.length ? { runs } : {}) });
  });
  return out;
}

/**
 * `res, err = h.PKIOperation(ctx, req)` inside a switch or if, with `if err != nil { …; return }`
 * right after that statement: the call's failure ends the request, like a check at the top.
 */
export function errCallsIn(body: Node, ctx: BodyContext): CheckCall[] {
  const out: CheckCall[] = [];
  const top = statements(body);
  for (const s of all(body, ['short_var_declaration', 'assignment_statement'])) {
    if (enclosingFn(s)?.startIndex !== body.parent?.startIndex || !kids(s.childForFieldName('left')).some((k) => k.text === 'err')) continue;
    const call = s.childForFieldName('right')?.namedChildren[0];
    if (call?.type !== 'call_expression') continue;
    let stmt: Node | null = s;
    while (stmt && !top.some((t) => t.startIndex === stmt!.startIndex && t.endIndex === stmt!.endIndex)) stmt = stmt.parent;
    if (!stmt || stmt.startIndex === s.startIndex) continue;
    const next = stmt.nextNamedSibling;
    if (next?.type !== 'if_statement' || !/\berr\b/.test(next.childForFieldName('condition')?.text ?? '') || !/\breturn\b/.test(next.childForFieldName('consequence')?.text ?? '')) continue;
    const c = ctx.callee(call.childForFieldName('function')!);
    const runs = closuresRun(call, ctx.callee);
    if (c) out.push({ callee: c, line: line(call), ...(runs.length ? { runs } : {}) });
  }
  return out;
}
