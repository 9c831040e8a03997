// Two shapes of a decorator's wrapper that flaskGuards.ts reads beyond `return f(*a, **kw)`:
// - the view handed on: to Flask's async adapter (`current_app.ensure_sync(f)(*a)`: the view
//   itself), or to another decorator (`return login_required(f)(*a, **kw)`: the view is reached
//   only the way that decorator lets callers through — flaskGuardJudge.ts judges it);
// - an `if`/`elif` chain passed on the way (`if exempt: pass` / `elif not authed: return
//   unauthorized()`): the wrapper goes on by an arm that does not stop, each arm one way;
//   whether a block stops the request (`alwaysStops`) is read here for flaskGuards.ts too.
import type { Node } from 'web-tree-sitter';
import { kids } from '../treeUtil';

/** Flask's adapter: the view it returns is the view. */
const ADAPTER = /(^|\.)ensure_sync$/;

/** What the call does with the wrapped function `param`: calls it, or hands it to `via`. */
export function viewCall(c: Node, param: string): { via?: Node } | undefined {
  const callee = c.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text === param ? {} : undefined;
  if (callee?.type !== 'call') return undefined;
  const inner = callee.childForFieldName('function');
  const first = callee.childForFieldName('arguments')?.namedChildren[0];
  if (!inner || first?.type !== 'identifier' || first.text !== param) return undefined;
  return ADAPTER.test(inner.text) ? {} : { via: inner };
}

/** A wrapper is found by handing the view on too, but not by the adapter alone (kept as before: judged by name). */
export function handsOn(c: Node, params: string[]): boolean {
  const callee = c.childForFieldName('function');
  if (callee?.type !== 'call') return false;
  const first = callee.childForFieldName('arguments')?.namedChildren[0];
  return first?.type === 'identifier' && params.includes(first.text) && !ADAPTER.test(callee.childForFieldName('function')?.text ?? '');
}

/**
 * The ways past an `if`/`elif`/`else` chain some arm of which stops the request: for each arm that
 * goes on, the earlier tests false and its own true (the `else`, or no arm taken: all false).
 * Undefined when no arm stops (nothing learned) or the chain is no `if` with alternatives.
 */
export function chainWays(st: Node): { cond: Node; truth: boolean }[][] | undefined {
  const alts = st.childrenForFieldName('alternative').filter((x): x is Node => !!x);
  if (st.type !== 'if_statement' || !alts.length) return undefined;
  const arms: { cond?: Node; body: Node | null }[] = [{ cond: st.childForFieldName('condition') ?? undefined, body: st.childForFieldName('consequence') }];
  for (const a of alts) arms.push(a.type === 'elif_clause' ? { cond: a.childForFieldName('condition') ?? undefined, body: a.childForFieldName('consequence') } : { body: a.childForFieldName('body') });
  if (arms.some((a) => a.cond === undefined && a !== arms[arms.length - 1])) return undefined;
  const stopping = arms.map((a) => alwaysStops(a.body));
  if (!stopping.some(Boolean)) return undefined;
  const ways: { cond: Node; truth: boolean }[][] = [];
  const before: { cond: Node; truth: boolean }[] = [];
  for (const [i, a] of arms.entries()) {
    if (!stopping[i]) ways.push(a.cond ? [...before, { cond: a.cond, truth: true }] : [...before]);
    if (a.cond) before.push({ cond: a.cond, truth: false });
  }
  // No `else`: taking no arm goes on too.
  if (arms[arms.length - 1].cond) ways.push(before);
  return ways;
}

/** The block ends the request on every way through it (a return, a raise, Flask's `abort()`). */
export function alwaysStops(block: Node | null | undefined): boolean {
  const last = kids(block).filter((s) => s.type !== 'comment').pop();
  if (!last) return false;
  if (last.type === 'return_statement' || last.type === 'raise_statement') return true;
  const call = last.type === 'expression_statement' ? last.namedChildren[0] : undefined;
  if (call?.type === 'call' && /^(flask\.)?abort$/.test(call.childForFieldName('function')?.text ?? '')) return true;
  if (last.type === 'if_statement') {
    const alts = last.childrenForFieldName('alternative').filter((x): x is Node => !!x);
    const elseArm = alts.find((a) => a.type === 'else_clause');
    return !!elseArm && alwaysStops(last.childForFieldName('consequence')) && alts.every((a) => alwaysStops(a.childForFieldName('body') ?? a.childForFieldName('consequence')));
  }
  return false;
}

/**
 * `try: verify(token) … except BadSignature: raise Unauthorized()`: the calls the try block makes
 * are tests passed by whoever gets past it, when every `except` arm stops the request and one
 * refuses (`refuses` reads the arm's last statement). Empty for any other try.
 */
export function triedChecks(st: Node, refuses: (n: Node) => boolean): Node[] {
  if (st.type !== 'try_statement') return [];
  const arms = kids(st).filter((k) => k.type === 'except_clause');
  const bodyOf = (arm: Node): Node | undefined => kids(arm).filter((k) => k.type === 'block').pop();
  if (!arms.length || !arms.every((a) => alwaysStops(bodyOf(a))) || !arms.some((a) => kids(bodyOf(a)).some(refuses))) return [];
  const out: Node[] = [];
  for (const s of kids(st.childForFieldName('body'))) {
    const e = s.type === 'expression_statement' ? s.namedChildren[0] : undefined;
    const value = e?.type === 'assignment' ? e.childForFieldName('right') : e;
    const call = value?.type === 'await' ? value.namedChildren[0] : value;
    if (call?.type === 'call') out.push(call);
  }
  return out;
}
