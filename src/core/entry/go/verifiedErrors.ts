// `err := links.Verify(path, c.Query("sign")); if err != nil { common.ErrorResp(c, err, 401); return }`:
// the error of a call named as a verification (a signed link, a signature, a token), answered with
// the service's own 401. The words of the call alone are only a signature's (softChecks.ts keeps
// such checks a doubt when they end the request some other way), but a 401 is the service saying
// the caller was not recognised: the verification is the credential check (alist's signed download
// links). Only the `err` bound by the statement just before the test, and only an explicit 401.
import type { GoNode as Node } from './goNode';
import { kids } from '../treeUtil';

/** A function or method named as a verification: `Verify`, `sign.Verify`, `VerifySignature`, `verifyLink`. */
const VERIFY = /^(?:[Vv]erify|[Vv]alidate(?:Sign|Token))\w*$/;

/** Whether `n` (a 401 answer) sits in the arm of `if err != nil` whose `err` the statement before bound from a verification. */
export function underVerifiedError(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'func_literal' || p.type === 'function_declaration' || p.type === 'method_declaration') return false;
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition')?.text ?? '';
    if (!/^\s*err\s*!=\s*nil\s*$/.test(cond)) return false;
    const init = p.childForFieldName('initializer');
    let prev = p.previousNamedSibling;
    while (prev?.type === 'comment') prev = prev.previousNamedSibling;
    return verifies(init) || verifies(prev);
  }
  return false;
}

/** `err := x.Verify(…)` / `err = Verify(…)` / `_, err := …Verify(…)`: binds `err` from a verification call. */
function verifies(s: Node | null | undefined): boolean {
  if (!s || (s.type !== 'short_var_declaration' && s.type !== 'assignment_statement')) return false;
  if (!/\berr\b/.test(s.childForFieldName('left')?.text ?? '')) return false;
  const value = kids(s.childForFieldName('right'))[0];
  if (value?.type !== 'call_expression') return false;
  const fn = value.childForFieldName('function');
  const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
  return !!name && VERIFY.test(name);
}
