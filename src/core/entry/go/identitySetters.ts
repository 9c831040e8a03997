// The identity a middleware stores through setters of ours that are handed no `*http.Request`:
// shiori's `AuthMiddleware.OnRequest(deps, c)` ends early for a caller without a token
// (`if token == "" { return nil }`) and then calls `c.SetAccount(account)`, whose
// `WithAccount(c.request.Context(), account)` does the `context.WithValue(ctx, accountKey, …)`.
// The calls of ours made on (or given) a parameter of the function, as a statement or a binding,
// are followed like the request hand-offs of keyedStore.ts: a key such a call sets for every
// caller it reaches is set only for the callers the middleware identified when the call is in a
// branch. And the reading side: the handler tests what a helper of ours gives
// (`bookmark, err := getBookmark(deps, c); if err != nil || bookmark == nil`), and that helper
// branches on the identity (`if bookmark.Public != 1 && !c.UserIsLogged()`): its tests are
// followed to the key's read.
import type { GoNode as Node } from './goNode';
import { all, callArgs, kids } from '../treeUtil';
import { enclosingFn } from './goStatements';
import type { Callee, GoFunc } from './types';
import type { GoIndex } from './resolve';
import { implementationsOf } from './interfaceImpls';

/** The parameter and receiver names of a function: what it is handed. */
function handed(fn: Node): Set<string> {
  const out = new Set<string>();
  for (const list of [fn.childForFieldName('receiver'), fn.childForFieldName('parameters')]) {
    for (const decl of kids(list)) for (const n of decl.childrenForFieldName('name')) if (n && n.text !== '_') out.add(n.text);
  }
  return out;
}

/**
 * `c.SetAccount(account)`, `ctx := WithAccount(c.request.Context(), account)`: calls of ours, as a
 * statement or the whole of a binding, whose receiver or an argument is a parameter of the function
 * (`branch` when made for some callers only). Not the calls `known` already lists.
 */
export function setterHandOffs(fn: Node, body: Node, callee: (n: Node) => Callee | undefined, inBranch: (n: Node) => boolean, known: { callee: Callee }[]): { callee: Callee; branch?: true }[] {
  const names = handed(fn);
  const out: { callee: Callee; branch?: true }[] = [];
  if (!names.size) return out;
  for (const call of all(body, 'call_expression')) {
    const at = call.parent?.type === 'expression_list' ? call.parent.parent : call.parent;
    if (at?.type !== 'expression_statement' && at?.type !== 'short_var_declaration' && at?.type !== 'assignment_statement') continue;
    if (at.type !== 'expression_statement' && kids(at.childForFieldName('right')).length !== 1) continue;
    if (enclosingFn(call)?.startIndex !== fn.startIndex) continue;
    const f = call.childForFieldName('function')!;
    const recv = f.type === 'selector_expression' ? f.childForFieldName('operand') : null;
    const given = [...(recv ? [recv] : []), ...callArgs(call)].some((a) => a.type === 'identifier' && names.has(a.text));
    if (!given) continue;
    const c = callee(f);
    if (!c?.startsWith('fn:') || out.some((x) => x.callee === c) || known.some((x) => x.callee === c)) continue;
    out.push({ callee: c, ...(inBranch(call) ? { branch: true as const } : {}) });
  }
  return out;
}

const methodsByType = new WeakMap<GoIndex, Map<string, GoFunc[]>>();

/**
 * `NewAuthMiddleware(deps)` returning `&AuthMiddleware{…}`, listed for an adapter that calls each
 * member's `OnRequest(deps, c)`: the methods of the type a middleware factory of ours makes, where
 * what it sets is set. By the type, not by a method's name: the adapter's interface names them.
 */
export function madeTypeMethods(ix: GoIndex, fn: GoFunc): GoFunc[] {
  if (!fn.returnsType) return [];
  let byType = methodsByType.get(ix);
  if (!byType) {
    byType = new Map();
    for (const [key, f] of ix.funcs) {
      const dot = key.lastIndexOf('.');
      if (dot > key.lastIndexOf('#')) byType.set(key.slice(0, dot), [...(byType.get(key.slice(0, dot)) ?? []), f]);
    }
    methodsByType.set(ix, byType);
  }
  return byType.get(fn.returnsType) ?? [];
}

/** A call's function of ours, or, through an interface of ours (`c.SetAccount` on a `model.WebContext`), each type's that implements it. */
export function fnsOf(ix: GoIndex, c: Callee): GoFunc[] {
  const own = ix.fnOf(c);
  if (own) return [own];
  return (implementationsOf(ix, c) ?? []).map((i) => ix.fnOf(i)).filter((f): f is GoFunc => !!f);
}
