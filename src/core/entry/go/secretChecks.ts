// A secret the caller must know, compared, and the request ended when it does not match:
// `challengeMatches, err := h.auth.MatchChallengePassword(ctx, pw); …; if !challengeMatches {
// return h.createFailureResponse(…, BadRequest, …) }`, `if err := bcrypt.CompareHashAndPassword(h,
// pw); err != nil { …; return }`. Whatever the status (a protocol's failure answer, a 400), only a
// caller who knows the secret gets through, so it refuses as surely as a 401: a guard, where other
// checks that end the request without 401/403 are doubts (softChecks.ts). A sign-in handler's
// own password check stays the sign-in (link.ts drops the handler's checks there).
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids, line } from '../treeUtil';

/** A call that compares a secret: `MatchChallengePassword`, `CompareHashAndPassword`, `checkSecret`, `passwordMatches`. */
// `checkCredsToken(user.Password, token, salt)`: the caller's credentials, checked.
const SECRET_CALL = /(match|compare|check|verif|valid)\w*(password|passwd|passphrase|secret|creds|credential)|(password|passwd|passphrase|secret)\w*(match|equal|valid|ok\b)/i;
const ENDS = /\breturn\b/;
const SIGNATURE_HEADER = /\.Header\.Get\(\s*"[^"]*signature/i;
/** What every local read from a signature header has in its function's text (case as the pattern below ignores it). */
const HEADER_GET = /\.Header\.Get\(/i;

export interface SecretCheck {
  line: number;
  text: string;
}

export function secretChecks(body: Node): SecretCheck[] {
  const out: SecretCheck[] = [];
  for (const st of all(body, 'if_statement')) {
    const then = st.childForFieldName('consequence');
    const cond = st.childForFieldName('condition');
    if (!then || !cond || !ENDS.test(then.text) || /ServeHTTP\(|\bnext\(|\.Next\(\)/.test(then.text)) continue;
    const call = mismatchCall(st, cond);
    if (call) out.push({ line: line(st), text: call.text.replace(/\s+/g, ' ').slice(0, 120) });
  }
  return out;
}

/** The secret-comparing call whose failure the `if` tests, if it tests one. */
function mismatchCall(st: Node, cond: Node): Node | undefined {
  let c: Node = cond;
  while (c.type === 'parenthesized_expression' && c.namedChildren[0]) c = c.namedChildren[0];
  // `!h.auth.MatchChallengePassword(…)`, `!ok` with `ok := checkSecret(…)` just before.
  if (c.type === 'unary_expression' && c.text.startsWith('!') && c.namedChildren[0]) {
    const x = c.namedChildren[0];
    if (x.type === 'call_expression') return isSecretCall(x) ? x : undefined;
    if (x.type === 'identifier') return boundBefore(st, x.text, false);
    return undefined;
  }
  // `if err := bcrypt.CompareHashAndPassword(…); err != nil`, or the `err` bound just before: a call whose only result is the error.
  if (c.type === 'binary_expression' && c.childForFieldName('operator')?.text === '!=' && c.childForFieldName('left')?.text === 'err' && c.childForFieldName('right')?.text === 'nil') {
    const init = st.childForFieldName('initializer');
    if (init) return onlyErrCall(init);
    return boundBefore(st, 'err', true);
  }
  return undefined;
}

/** The call that binds `name` in one of the three statements before the `if` (when `errOnly`, binding nothing else). */
function boundBefore(st: Node, name: string, errOnly: boolean): Node | undefined {
  let s = st.previousNamedSibling;
  for (let i = 0; s && i < 3; i++, s = s.previousNamedSibling) {
    // `if tokenAuth { ok = checkToken(…) } else { ok = checkSecret(…) }`: bound in every arm, by secret checks.
    if (s.type === 'if_statement' && !errOnly) {
      const arms = armsOf(s);
      const calls = arms.map((a) => boundIn(a, name));
      if (arms.length >= 2 && calls.every((c) => c && isSecretCall(c))) return calls[0];
      continue;
    }
    if (s.type !== 'short_var_declaration' && s.type !== 'assignment_statement') continue;
    const left = kids(s.childForFieldName('left')).map((k) => k.text);
    if (!left.includes(name)) continue;
    if (errOnly) return onlyErrCall(s) ?? signatureCall(s);
    const call = kids(s.childForFieldName('right'))[0];
    return call?.type === 'call_expression' && isSecretCall(call) ? call : undefined;
  }
  return undefined;
}

function onlyErrCall(s: Node): Node | undefined {
  const left = kids(s.childForFieldName('left')).map((k) => k.text);
  const call = kids(s.childForFieldName('right'))[0];
  return left.length === 1 && left[0] === 'err' && call?.type === 'call_expression' && isSecretCall(call) ? call : undefined;
}

/**
 * `event, err := stripe.ConstructWebhookEvent(body, sig, key)` with `sig := r.Header.Get("Stripe-Signature")`:
 * a call handed the signature the caller sends, its error ending the request, verifies it.
 */
function signatureCall(s: Node): Node | undefined {
  const call = kids(s.childForFieldName('right'))[0];
  if (call?.type !== 'call_expression') return undefined;
  let fn: Node | null = s.parent;
  while (fn && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal') fn = fn.parent;
  const text = fn?.text ?? '';
  // The function reads no header at all (most of them): no local can hold the signature, and no
  // pattern need be made per argument for a search of the whole function.
  const readsHeader = HEADER_GET.test(text);
  const signed = (a: Node): boolean =>
    SIGNATURE_HEADER.test(a.text) || (readsHeader && a.type === 'identifier' && new RegExp(`\\b${a.text}\\s*:?=\\s*[\\w.]+\\.Header\\.Get\\(\\s*"[^"]*signature`, 'i').test(text));
  return callArgs(call).some(signed) ? call : undefined;
}

function isSecretCall(call: Node): boolean {
  const fn = call.childForFieldName('function');
  const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
  return !!name && SECRET_CALL.test(name);
}

/** The blocks of an if/else-if/else chain; fewer than all when the last has no `else`. */
function armsOf(st: Node): Node[] {
  const out: Node[] = [];
  let cur: Node | null = st;
  while (cur?.type === 'if_statement') {
    const c = cur.childForFieldName('consequence');
    if (c) out.push(c);
    const alt: Node | null = cur.childForFieldName('alternative');
    if (alt?.type === 'block') return [...out, alt];
    if (!alt) return [];
    cur = alt;
  }
  return out;
}

/** The call a block's own statement assigns to `name` (`ok = check(…)`). */
function boundIn(block: Node, name: string): Node | undefined {
  // Newer Go grammars hold a block's statements in a statement_list.
  const stmts = kids(block).flatMap((k) => (k.type === 'statement_list' ? kids(k) : [k]));
  for (const s of stmts) {
    if (s.type !== 'assignment_statement' && s.type !== 'short_var_declaration') continue;
    const left = kids(s.childForFieldName('left')).map((k) => k.text);
    const call = kids(s.childForFieldName('right'))[0];
    if (left.length === 1 && left[0] === name && call?.type === 'call_expression') return call;
  }
  return undefined;
}
