// A request-scoped store of ours kept in the context (`p := r.Context().Value(config.KeySharedData)
// .(*config.SharedData); p.Set(config.MiddlewareKeyPrincipal, user)`, read back with
// `p.MustGet(config.MiddlewareKeyPrincipal)`): its `Set`/`Get` by a key constant are the writes and
// reads of identityUse.ts's context keys, matched by the constant itself. And the middleware that
// fills it through helpers (`SetPrincipal(r, user)` after `if user == nil { …; return }`, in a
// `ServeHTTP` its `Handler` calls): the calls of ours handed the request, followed when the route's
// middleware is read for what it sets.
import type { GoNode as Node } from './goNode';
import { all, callArgs } from '../treeUtil';
import type { GoIndex } from './resolve';
import type { Callee, GoFunc } from './types';
import { fnsOf, madeTypeMethods } from './identitySetters';

/** A key constant by its name (`MiddlewareKeyPrincipal`, `userKey`, `KeyUser`): what it is, not what it means. */
export const STORE_KEY = /key$|Key(?=[A-Z_])|^KEY_|_KEY/i;
const FN = ['function_declaration', 'method_declaration', 'func_literal'];
const MAX_DEPTH = 4;

/** `x.Set(K, v)` → set K; `x.Get(K)` / `x.MustGet(K)` → read K; K a key constant (`keyName` gives its identity). */
export function storeOp(call: Node, name: string | undefined, args: Node[], keyName: (n: Node) => string | undefined): { op: 'set' | 'get'; key: string } | undefined {
  const op = name === 'Set' && args.length === 2 ? 'set' : (name === 'Get' || name === 'MustGet') && args.length === 1 ? 'get' : undefined;
  const k = args[0];
  if (!op || call.childForFieldName('function')?.type !== 'selector_expression' || (k?.type !== 'selector_expression' && k?.type !== 'identifier')) return undefined;
  const last = k.type === 'selector_expression' ? k.childForFieldName('field')?.text : k.text;
  const key = last && STORE_KEY.test(last) ? keyName(k) : undefined;
  return key ? { op, key } : undefined;
}

/** Calls of ours handed the request (`m.ServeHTTP(w, r, next)`, `SetPrincipal(r, user)`); `branch` when made in an arm for some callers only. */
export function requestHandOffs(body: Node, callee: (n: Node) => Callee | undefined, inBranch: (n: Node) => boolean): { callee: Callee; branch?: true }[] {
  const out: { callee: Callee; branch?: true }[] = [];
  for (const call of all(body, 'call_expression')) {
    if (!callArgs(call).some((a) => a.type === 'identifier' && isRequest(a))) continue;
    const c = callee(call.childForFieldName('function')!);
    if (!c?.startsWith('fn:') || out.some((x) => x.callee === c)) continue;
    out.push({ callee: c, ...(inBranch(call) ? { branch: true as const } : {}) });
  }
  return out;
}

/** An identifier that is a `*http.Request` parameter of a function around it. */
function isRequest(id: Node): boolean {
  for (let p = id.parent; p; p = p.parent) {
    if (!FN.includes(p.type)) continue;
    for (const d of p.childForFieldName('parameters')?.namedChildren ?? []) {
      if (d && /^\*http\.Request$/.test(d.childForFieldName('type')?.text ?? '') && d.childrenForFieldName('name').some((n) => n?.text === id.text)) return true;
    }
  }
  return false;
}

/** The keys a middleware puts in the request only for the callers it identifies, through the helpers it hands the request to. */
export function keysSetWhenFound(ix: GoIndex, fn: GoFunc | undefined, branched = false, seen = new Set<string>(), depth = 0): string[] {
  if (!fn || seen.has(fn.key) || depth > MAX_DEPTH) return [];
  seen.add(fn.key);
  // Reached through a call in a branch (identitySetters.ts): what it sets for every caller, it sets for the ones found.
  const out = [...(fn.ctxSetsWhenFound ?? []), ...(branched ? [...(fn.storeSets ?? []), ...(fn.ctxSets ?? []).map((s) => s.key)] : [])];
  for (const h of fn.handOffs ?? []) for (const f of fnsOf(ix, h.callee)) out.push(...keysSetWhenFound(ix, f, branched || !!h.branch, seen, depth + 1));
  // A factory's made type: what its methods set (identitySetters.ts).
  for (const m of depth === 0 ? madeTypeMethods(ix, fn) : []) out.push(...keysSetWhenFound(ix, m, branched, seen, depth + 1));
  return [...new Set(out)];
}
