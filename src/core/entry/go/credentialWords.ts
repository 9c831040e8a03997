// Which words and tests say a check is about the caller's credential, shared by the refusals
// (bodies.ts) and the doubts (softChecks.ts): a refusal or a doubt only a caller who offers a
// credential reaches turns away a bad one but lets anonymous requests through, so it is no
// required check (the JavaScript detector calls such middleware optional).
import type { GoNode as Node } from './goNode';
import { absentOperand, HANDS_ON, orLeaves } from './missingCredential';

/** What a check that guards reads: a credential, an identity or a permission. */
export const CREDENTIAL = /token|auth(?!orit)|api_?key|apikey|session|cookie|credential|password|passwd|user|role|perm|admin|jwt|cert|claims|principal|identity|login|logged|anonymous|csrf|secret|\bacl\b|scope|ott\b|\bkey\b/i;

/**
 * A cookie that holds a login flow's own state (`c.Cookie("nonce")`, `r.Cookie("oauth_state")`):
 * set for the anonymous caller who starts the flow and compared with what the provider sends back,
 * it proves nobody's identity, so reading it is no credential check.
 */
const FLOW_COOKIE = /\bCookie\(\s*"(?:[\w-]*nonce[\w-]*|(?:oauth|oidc|openid|sso)?[_-]?state)"\s*\)/gi;
export const isCredential = (text: string): boolean => CREDENTIAL.test(text.replace(FLOW_COOKIE, ''));

/**
 * Reached only by a caller who offers a credential: inside the branch of an `if` that runs only
 * then, or after an `if` that hands the request on without one (`if username == "" {
 * next.ServeHTTP(w, r); return }`), in the same function. Such a refusal turns away a bad
 * credential but lets anonymous requests through: no required check.
 */
export function offeredOnly(n: Node): boolean {
  let inside: Node = n;
  for (let p = n.parent; p; inside = p, p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return false;
    const cond = p.type === 'if_statement' ? p.childForFieldName('condition') : null;
    if (cond && inside.startIndex === p.childForFieldName('consequence')?.startIndex && presenceTest(cond)) return true;
    for (let s = inside.previousNamedSibling; s; s = s.previousNamedSibling) if (s.type === 'if_statement' && passesWithout(s)) return true;
  }
  return false;
}

/** `if x == "" || … { next.ServeHTTP(w, r); return }` with x a credential (not an error). */
function passesWithout(st: Node): boolean {
  const cond = st.childForFieldName('condition');
  const then = st.childForFieldName('consequence')?.text ?? '';
  if (!cond || !HANDS_ON.test(then) || !/\breturn\b/.test(then)) return false;
  return orLeaves(cond).map(absentOperand).some((x) => !!x && !/err/i.test(x.text) && isCredential(x.text));
}

/** `x != ""`, `x != nil`, `len(x) > 0`, joined by `&&`, of something other than an error: the branch runs only for a caller who offers x. */
export function presenceTest(n: Node): boolean {
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return presenceTest(n.namedChildren[0]);
  if (n.type === 'call_expression') return presenceCall(n);
  if (n.type !== 'binary_expression') return false;
  const op = n.childForFieldName('operator')?.text;
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  if (!left || !right) return false;
  // The branch runs only when every operand holds: one that needs the caller's credential is enough.
  if (op === '&&') return presenceTest(left) || presenceTest(right);
  if (/err/i.test(left.text) || !isCredential(left.text)) return false;
  if (op === '!=' && (right.text === 'nil' || right.text === '""')) return true;
  return (op === '>' || op === '!=') && right.text === '0' && left.type === 'call_expression' && left.childForFieldName('function')?.text === 'len';
}

/**
 * `e.HasSuperuserAuth()`, `s.IsAuthenticated()`: a predicate, not negated, that the caller has an
 * identity; a branch it opens runs only for a signed-in caller (pocketbase refuses a superuser
 * outside the IP allow-list there), never for an anonymous one.
 */
function presenceCall(n: Node): boolean {
  if (n.type !== 'call_expression' || (n.childForFieldName('arguments')?.namedChildren.length ?? 0) > 0) return false;
  const fn = n.childForFieldName('function');
  const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text ?? '' : fn?.text ?? '';
  return /^(Has|Is)[A-Z]\w*$/.test(name) && /auth(?!ori)|logged|signed|user/i.test(name);
}
