// A handler (or a function of ours it calls) that verifies the request's credential for its effect:
// `container.check_challenge_response(params)`, `verify_signature(payload, sig)` as a statement of
// their own — the value is not used, so the call refuses by raising when the check fails. A webhook
// checked by its signature, a device by its signed challenge: no session, but no anonymous caller
// gets through. The callee is often a method of an object whose class is not read (the service's
// own model), so its name is the evidence, said as such; a call whose value is tested is a
// condition (flaskGuards.ts reads those), not this.
import type { Node } from 'web-tree-sitter';
import { line } from '../treeUtil';
import { oneLine } from '../guards';

/** `check_…challenge…`, `verify_signature`, `validate_hmac`, `verify_webhook_token`: verifies a credential by its name. */
const VERIFIER = /^(check|verify|validate)_?\w*?(challenge|signature|hmac|token|credential|webhook)\w*$/i;

/** The first statement of `fn`'s own body (not a nested function's) that calls a credential verifier for its effect. */
export function verifierCallOf(fn: Node): { line: number; text: string } | undefined {
  for (const st of fn.descendantsOfType('expression_statement')) {
    if (!st || enclosingDef(st)?.id !== fn.id || caughtAndGoneOn(st, fn)) continue;
    let call = st.namedChildren[0];
    if (call?.type === 'await') call = call.namedChildren[0];
    if (call?.type !== 'call') continue;
    const callee = call.childForFieldName('function');
    const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.type === 'identifier' ? callee.text : undefined;
    if (name && VERIFIER.test(name) && (call.childForFieldName('arguments')?.namedChildren.length ?? 0) > 0) return { line: line(call), text: oneLine(call.text, 100) };
  }
  return undefined;
}

/**
 * The call sits in a `try` with an `except` arm that carries on (`except AuthError: authenticated =
 * False`): a failed check is caught and the request served, so the call refuses nobody. Arms that
 * end in `raise` or `return` (an error answer) still stop the request.
 */
function caughtAndGoneOn(st: Node, fn: Node): boolean {
  for (let p = st.parent, child: Node = st; p && p.id !== fn.id; child = p, p = p.parent) {
    if (p.type !== 'try_statement' || child.type !== 'block' || p.childForFieldName('body')?.id !== child.id) continue;
    for (const arm of p.namedChildren) {
      if (arm?.type !== 'except_clause') continue;
      const body = arm.namedChildren.filter((x): x is Node => !!x && x.type === 'block').pop();
      const last = body?.namedChildren[body.namedChildren.length - 1];
      if (last?.type !== 'raise_statement' && last?.type !== 'return_statement') return true;
    }
  }
  return false;
}

function enclosingDef(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}
