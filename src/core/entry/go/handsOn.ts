// A handler that only hands its request on: `func ConsentGET(ctx *Ctx) { if q := …; q != nil {
// consentByFlow(ctx, q) } else if … { consentByCode(ctx, c) } else { ctx.SetJSONError(msg) } }`.
// What it does is done by those functions of ours, so the doubts in them (a credential check that
// ends the request without 401/403, softChecks.ts) are the handler's own (verdict.ts handlerDoubt).
// Only a body made of such calls, and of if/else chains whose branches are such calls or a
// single answer (a switch's cases alike), counts: a handler that does work of its own keeps only its own checks.
import type { GoNode as Node } from './goNode';
import { callArgs, kids } from '../treeUtil';
import type { Callee } from './types';

/** The calls of ours a dispatch-only handler hands its first parameter (the request) to; empty otherwise. */
export function handsOn(body: Node, params: string[], callee: (n: Node) => Callee | undefined): Callee[] {
  const req = params[0];
  if (!req || req === '_') return [];
  // `func(deps Dependencies, c WebContext) { h.legacy.ApiGetTags(c.ResponseWriter(), c.Request(), …) }`: the request may be
  // a later parameter, handed as itself or as what a method of it without arguments gives (`c.Request()`).
  const reqs = params.filter((p) => p !== '_');
  const handsReq = (a: Node): boolean => reqs.some((p) => a.text === p || a.text === `${p}.Request()` || a.text === `${p}.ResponseWriter()`);
  const out: Callee[] = [];
  const stmt = (s: Node): boolean => {
    if (s.type === 'comment') return true;
    if (s.type === 'block' || s.type === 'statement_list') return kids(s).every(stmt);
    if (s.type === 'var_declaration') return true;
    if (s.type === 'if_statement') {
      const alt = s.childForFieldName('alternative');
      return stmt(s.childForFieldName('consequence')!) && (!alt || stmt(alt));
    }
    if (s.type === 'return_statement') return kids(s).length === 0;
    if (s.type === 'expression_switch_statement') {
      const cases = kids(s).filter((k) => k.type === 'expression_case' || k.type === 'default_case');
      return cases.every((c) => kids(c).filter((k) => k.startIndex !== c.childForFieldName('value')?.startIndex).every(stmt));
    }
    if (s.type !== 'expression_statement') return false;
    const call = s.namedChildren[0];
    if (call?.type !== 'call_expression') return false;
    const c = callee(call.childForFieldName('function')!);
    // `h.legacyHandler.ApiGetTags(…)`: a method through a field of the receiver (`sel:`) is resolved at link time.
    if ((c?.startsWith('sel:') || (c?.startsWith('fn:') && !c.startsWith('fn:ext:'))) && callArgs(call).some(handsReq)) out.push(c!);
    // A call on the request itself (`ctx.SetJSONError(msg)`, `ctx.Logger().Error(…)`) answers or logs.
    else if (!call.childForFieldName('function')?.text.startsWith(`${req}.`)) return false;
    return true;
  };
  return kids(body).every(stmt) && out.length ? out : [];
}
