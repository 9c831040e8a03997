// Flask `before_request` hooks as guards. A hook runs before every route of the blueprint (or app)
// it is attached to; it is a guard only when its own code refuses a request — raises an
// Unauthorized/Forbidden-like error, aborts with 401/403, answers 401/403, or redirects to a login
// page. A name alone is not enough. Endpoints the hook lets through (`request.endpoint !=
// "frontend.login"`, `request.endpoint in (...)` followed by an early return) are exempt.
import type { Node } from 'web-tree-sitter';
import type { Guard } from '../types';
import { kids, line, stringValue } from '../treeUtil';
import { classifyGuardText, oneLine } from '../guards';

/** Exceptions whose raising refuses a request for want of identity or permission. */
const REFUSING_ERROR = /(Unauthori[sz]ed|Forbidden|PermissionDenied|NotAuthenticated|AuthenticationFailed|Unauthenticated|LoginRequired|AccessDenied|NotAuthorized)\w*$/;
const LOGIN_TARGET = /(login|log_in|signin|sign_in|auth)/i;

export interface Refusal {
  how: string;
  text: string;
  line: number;
  /** Endpoints this refusal does not apply to. */
  exempt: string[];
}

/** How the function refuses requests (first refusal found), or undefined when it lets every request through. */
export function refusalOf(fn: Node): Refusal | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  const early = earlyExemptions(body);
  for (const n of body.descendantsOfType(['raise_statement', 'return_statement', 'call'])) {
    if (!n || insideNestedFunction(n, fn)) continue;
    const how = refusalKind(n);
    if (!how) continue;
    return { how, text: oneLine(n.text, 100), line: line(n), exempt: [...early, ...conditionExemptions(n, fn)] };
  }
  return undefined;
}

export function refusalKind(n: Node): string | undefined {
  if (n.type === 'raise_statement') {
    const x = n.namedChildren[0];
    const name = (x?.type === 'call' ? x.childForFieldName('function')?.text : x?.text) ?? '';
    if (REFUSING_ERROR.test(name)) return `raises ${name}`;
    if (/HTTPException/.test(name) && /\b40[13]\b|HTTP_40[13]/.test(x?.text ?? '')) return `raises ${name} with 401/403`;
    return undefined;
  }
  if (n.type === 'call') {
    const callee = n.childForFieldName('function')?.text ?? '';
    const first = n.childForFieldName('arguments')?.namedChildren[0]?.text ?? '';
    if (/^(flask\.)?abort$/.test(callee) && /^(401|403)$|HTTP_40[13]/.test(first)) return `abort(${first})`;
    return undefined;
  }
  // return_statement
  const value = n.namedChildren[0];
  if (!value) return undefined;
  const first = value.type === 'expression_list' ? value.namedChildren[0] : value;
  if (value.type === 'expression_list' && /^(401|403)$/.test(value.namedChildren[1]?.text ?? '')) return `answers ${value.namedChildren[1]!.text}`;
  if (first?.type === 'call') {
    const callee = first.childForFieldName('function')?.text ?? '';
    if (/^(flask\.)?abort$/.test(callee)) return refusalKind(first);
    if (/(^|\.)redirect$/.test(callee) && LOGIN_TARGET.test(first.childForFieldName('arguments')?.text ?? '')) return 'redirects to login';
    if (/status(_code)?\s*=\s*(401|403)\b/.test(first.text)) return 'answers 401/403';
  }
  return undefined;
}

function insideNestedFunction(n: Node, fn: Node): boolean {
  for (let p = n.parent; p && p.id !== fn.id; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return true;
  return false;
}

/** Endpoint names compared with `request.endpoint` in a condition, split by the comparison. */
function endpointTest(cond: Node): { op: 'eq' | 'ne'; names: string[] }[] {
  const out: { op: 'eq' | 'ne'; names: string[] }[] = [];
  for (const c of [cond, ...cond.descendantsOfType('comparison_operator').filter((x): x is Node => !!x)]) {
    if (c.type !== 'comparison_operator') continue;
    const parts = kids(c);
    if (parts.length !== 2 || !/^(flask\.)?request\.endpoint$/.test(parts[0].text)) continue;
    const o = c.text.slice(parts[0].endIndex - c.startIndex, parts[1].startIndex - c.startIndex).trim().replace(/\s+/g, ' ');
    const names = parts[1].type === 'tuple' || parts[1].type === 'list' || parts[1].type === 'set' ? kids(parts[1]).map((x) => stringValue(x)).filter((x): x is string => !!x) : [stringValue(parts[1])].filter((x): x is string => !!x);
    if (!names.length) continue;
    if (o === '!=' || o === 'not in') out.push({ op: 'ne', names });
    else if (o === '==' || o === 'in') out.push({ op: 'eq', names });
  }
  return out;
}

/** `if request.endpoint != "x": <refuse>`: x is exempt (the refusal only runs for other endpoints). */
function conditionExemptions(n: Node, fn: Node): string[] {
  const out: string[] = [];
  for (let p = n.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    const inThen = !!p.childForFieldName('consequence') && within(n, p.childForFieldName('consequence')!);
    if (!cond) continue;
    for (const t of endpointTest(cond)) if ((t.op === 'ne') === inThen) out.push(...t.names);
  }
  return out;
}

/** `if request.endpoint in ("login", "static"): return` at the top of the hook: those are exempt. */
function earlyExemptions(body: Node): string[] {
  const out: string[] = [];
  for (const st of kids(body)) {
    if (st.type !== 'if_statement') continue;
    const then = st.childForFieldName('consequence');
    const stmts = kids(then);
    if (stmts.length !== 1 || stmts[0].type !== 'return_statement' || stmts[0].namedChildren.length) continue;
    for (const t of endpointTest(st.childForFieldName('condition')!)) if (t.op === 'eq') out.push(...t.names);
  }
  return out;
}

function within(n: Node, outer: Node): boolean {
  return n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
}

/** The guard a refusing hook stands for. */
export function hookGuard(name: string, routerText: string, r: Refusal, file: string, hookLine: number): Guard | undefined {
  const cls = classifyGuardText(name);
  if (cls?.kind === 'other') return undefined;
  return {
    name,
    kind: cls?.kind ?? 'authentication',
    reason: `before_request hook on ${routerText}: ${r.how} (${file}:${r.line})${r.exempt.length ? `; exempt: ${r.exempt.join(', ')}` : ''}`,
    file,
    line: hookLine,
    evidence: { how: r.how, text: r.text, file, line: r.line },
  };
}
