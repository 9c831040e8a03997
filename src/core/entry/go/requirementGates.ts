// A refusal that only a stored requirement lets run: apache/answer's EjectUserBySiteInfo reads
// `mustLogin := false; siteInfo, _ := am.siteInfoCommonService.GetSiteSecurity(ctx); if siteInfo != nil
// { mustLogin = siteInfo.LoginRequired }; if !mustLogin { ctx.Next(); return }` before its 401 for
// a caller without a user. Every caller goes on while the site does not require sign-in — a setting
// kept in the database, whose value on a fresh install is not in the code we read. The 401 is a
// credential check, but whether it runs is the deployment's choice: the route depends on
// configuration (`unknown`), neither guarded nor open.
import type { GoNode as Node } from './goNode';
import { all, kids } from '../treeUtil';
import { HANDS_ON } from './missingCredential';
import { statements } from './goStatements';

/** A requirement's name: `mustLogin`, `LoginRequired`, `requireAuth`, `forceSignIn`. */
const REQUIREMENT = /^(?:must|require|force|enforce)(?:[A-Z_]|$)|Required$|Mandatory$/;
const FUNC = new Set(['func_literal', 'function_declaration', 'method_declaration']);

/**
 * The condition (text and node) of an earlier `if !x { <pass the request on>; return }` in the refusal's function, x a local
 * named as a requirement and set only from literals and fields of values calls gave (a setting read at run time).
 */
export function requirementGate(n: Node): { text: string; test: Node } | undefined {
  let fn: Node | undefined;
  for (let p = n.parent; p && !fn; p = p.parent) if (FUNC.has(p.type)) fn = p;
  if (!fn) return undefined;
  const allowance = allowanceGate(n, fn);
  if (allowance) return allowance;
  for (let inside: Node = n, p = n.parent; p && p !== fn; inside = p, p = p.parent) {
    if (p.type !== 'block' && p.type !== 'statement_list') continue;
    for (let s = inside.previousNamedSibling; s; s = s.previousNamedSibling) {
      if (s.type !== 'if_statement' || s.childForFieldName('alternative')) continue;
      const then = s.childForFieldName('consequence');
      const sts = statements(then);
      if (!then || !HANDS_ON.test(then.text) || sts[sts.length - 1]?.type !== 'return_statement') continue;
      const cond = s.childForFieldName('condition');
      const x = cond?.type === 'unary_expression' && cond.text.startsWith('!') ? cond.namedChildren[0] : undefined;
      if (x?.type === 'identifier' && REQUIREMENT.test(x.text) && storedSetting(x.text, s, fn)) return { text: cond!.text, test: cond! };
    }
  }
  return undefined;
}

/** Every binding of the local before `at` is a literal or a field read off a local that a call gave (`siteInfo.LoginRequired`). */
function storedSetting(name: string, at: Node, fn: Node): boolean {
  let fromCall = false;
  for (const s of all(fn, ['short_var_declaration', 'assignment_statement', 'var_spec'])) {
    if (s.startIndex >= at.startIndex) continue;
    const lhs = s.type === 'var_spec' ? kids(s).filter((k) => k.type === 'identifier') : kids(s.childForFieldName('left'));
    const i = lhs.findIndex((k) => k.text === name);
    if (i < 0) continue;
    const right = kids(s.type === 'var_spec' ? s.childForFieldName('value') : s.childForFieldName('right'));
    const v = right.length === lhs.length ? right[i] : undefined;
    if (!v) return false;
    if (/^(true|false)$/.test(v.type) || /^(true|false)$/.test(v.text)) continue;
    // `siteInfo.LoginRequired`: a field, named as a requirement too, of a local a call bound.
    const base = v.type === 'selector_expression' ? v.childForFieldName('operand') : undefined;
    const field = v.type === 'selector_expression' ? v.childForFieldName('field')?.text ?? '' : '';
    if (base?.type !== 'identifier' || !REQUIREMENT.test(field) || !boundByCall(base.text, s, fn)) return false;
    fromCall = true;
  }
  return fromCall;
}

function boundByCall(name: string, at: Node, fn: Node): boolean {
  return all(fn, 'short_var_declaration').some((s) => s.startIndex < at.startIndex && kids(s.childForFieldName('left')).some((k) => k.text === name) && kids(s.childForFieldName('right')).length === 1 && kids(s.childForFieldName('right'))[0].type === 'call_expression');
}

/** A local naming an allowance (`allow`, `allowed`, `permitAnonymous`). */
const ALLOWANCE = /^(?:allow|permit)/i;
/** What the call deciding it is about: letting callers in without signing in, or requiring it. */
const ANONYMOUS_POLICY = /unauth|anonym|public|guest|without|login|sign_?in/i;

/**
 * `allow, err := auth.ShouldAllowUnauthenticatedGistAccess(info, single); if !allow { 401 }` (opengist's
 * makeApiCheckRequireLogin): the refusal runs only when a policy call of ours, deciding from the instance's settings
 * whether anonymous callers may go on, says no — like a stored requirement, whose value on a fresh install is not in
 * the code: the route depends on configuration. The allowance's name and node, or undefined.
 */
function allowanceGate(n: Node, fn: Node): { text: string; test: Node } | undefined {
  for (let inside: Node = n, p = n.parent; p && p !== fn; inside = p, p = p.parent) {
    if (p.type !== 'if_statement' || inside.startIndex !== p.childForFieldName('consequence')?.startIndex) continue;
    const cond = p.childForFieldName('condition');
    const x = cond?.type === 'unary_expression' && cond.text.startsWith('!') ? cond.namedChildren[0] : undefined;
    if (x?.type !== 'identifier' || !ALLOWANCE.test(x.text)) return undefined;
    const bound = all(fn, 'short_var_declaration').filter((s) => s.startIndex < p.startIndex && kids(s.childForFieldName('left')).some((k) => k.text === x.text));
    const value = kids(bound[bound.length - 1]?.childForFieldName('right'))[0];
    const callee = value?.type === 'call_expression' ? (value.childForFieldName('function')?.text ?? '') : '';
    // Every caller goes on when the allowance holds.
    return callee && ANONYMOUS_POLICY.test(callee) ? { text: x.text, test: x } : undefined;
  }
  return undefined;
}
