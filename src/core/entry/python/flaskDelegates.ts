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
export function chainWays(st: Node, refuses?: (n: Node) => boolean): { cond: Node; truth: boolean }[][] | undefined {
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
    // `if key: try: check(key) except …: abort(401)` / `else: abort(401)`: the arm's own tried checks were passed too.
    const tried = !stopping[i] && refuses ? kids(a.body).flatMap((s) => triedChecks(s, refuses)).map((cond) => ({ cond, truth: true })) : [];
    if (!stopping[i]) ways.push(a.cond ? [...before, { cond: a.cond, truth: true }, ...tried] : [...before, ...tried]);
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
  if (call?.type === 'call' && /^((flask|quart)\.)?abort$/.test(call.childForFieldName('function')?.text ?? '')) return true;
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

/**
 * `g.user = await load_user(request.args.get("usr")) or abort(404)`, a statement of the wrapper's
 * body: whoever gets past it has the slot set (`slot` says which names hold the caller), and the
 * abort is how the wrapper refuses a caller it finds no one for, whatever the status.
 */
export function boundOrAbort(block: Node | null | undefined, slot: (left: Node) => boolean): { left: Node; abort: Node }[] {
  const out: { left: Node; abort: Node }[] = [];
  for (const s of kids(block)) {
    const e = s.type === 'expression_statement' ? s.namedChildren[0] : undefined;
    const left = e?.type === 'assignment' ? e.childForFieldName('left') : undefined;
    const right = e?.type === 'assignment' ? e.childForFieldName('right') : undefined;
    if (!left || !slot(left) || right?.type !== 'boolean_operator' || right.childForFieldName('operator')?.text !== 'or') continue;
    const other = right.childForFieldName('right');
    if (other?.type === 'call' && /^((flask|quart)\.)?abort$/.test(other.childForFieldName('function')?.text ?? '')) out.push({ left, abort: other });
  }
  return out;
}

/**
 * Every way out of the view returns what a function of ours answers (`if bulk: return await
 * import_items()` / `return await add_item()`): those calls, for flaskGuardJudge.ts to judge the
 * decorators they carry. Undefined when some way ends otherwise.
 */
/** The call before `or abort(…)` in `g.user = await find(…) or abort(…)` (`left` is the assignment's left side). */
export function lookupCall(left: Node): Node | undefined {
  const first = left.parent?.childForFieldName('right')?.childForFieldName('left');
  const call = first?.type === 'await' ? first.namedChildren[0] : first;
  return call?.type === 'call' ? call : undefined;
}

export function onlyReturnsCalls(fn: Node, refOf: (n: Node | null | undefined) => string | undefined): { ref: string; line: number }[] | undefined {
  const body = fn.childForFieldName('body');
  if (!body || !alwaysStops(body)) return undefined;
  const out: { ref: string; line: number }[] = [];
  for (const r of body.descendantsOfType(['return_statement', 'raise_statement'])) {
    if (!r || ownerDef(r)?.id !== fn.id) continue;
    if (r.type === 'raise_statement') return undefined;
    const v = r.namedChildren[0];
    const call = v?.type === 'await' ? v.namedChildren[0] : v;
    const ref = call?.type === 'call' ? refOf(call.childForFieldName('function')) : undefined;
    if (!ref) return undefined;
    out.push({ ref, line: r.startPosition.row + 1 });
  }
  return out.length ? out : undefined;
}

function ownerDef(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p;
  return undefined;
}

/**
 * `if enabled:` holding only `if key != stored: return refuse()`: the request goes on with the
 * outer test false, or with it true and the inner one false (`if A and B: stop`, written nested).
 */
export function nestedStop(st: Node): { outer: Node; inner: Node } | undefined {
  if (st.type !== 'if_statement' || st.childrenForFieldName('alternative').some(Boolean)) return undefined;
  const stmts = kids(st.childForFieldName('consequence')).filter((s) => s.type !== 'comment');
  const inner = stmts.length === 1 && stmts[0].type === 'if_statement' ? stmts[0] : undefined;
  const outer = st.childForFieldName('condition');
  const test = inner?.childForFieldName('condition');
  if (!inner || !outer || !test || inner.childrenForFieldName('alternative').some(Boolean) || !alwaysStops(inner.childForFieldName('consequence'))) return undefined;
  return { outer, inner: test };
}
