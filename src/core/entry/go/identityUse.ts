// A route that reads the caller's identity without requiring it (`optional`): middleware on its
// way puts the identity in the request context only when the caller has one
// (`if session == nil { …pass or refuse by route… } else { ctx = context.WithValue(ctx,
// UserIDContextKey, …) }`) and lets this route through without one, and the handler branches on
// that value (`if request.IsAuthenticated(r) { …redirect home… }`, where IsAuthenticated reads
// `IsAuthenticatedContextKey`). Both halves are read from the code, matched by the context key
// itself, never by a function's name: a value every request gets (an anonymous app session, a
// CSRF token) is no identity, and a handler that never reads what the middleware set stays
// unguarded, as in the JavaScript detector (interp/identityUse.ts).
import type { GoNode as Node } from './goNode';
import { enclosingFn } from './goStatements';
import type { Guard } from '../types';
import type { GoIndex } from './resolve';
import type { Callee, GoCandidate, GoFunc } from './types';
import { all, callArgs, line } from '../treeUtil';
import { absentOperand, orLeaves } from './missingCredential';
import { keysSetWhenFound, requestHandOffs, storeOp } from './keyedStore';
import { membersOf } from './givenMiddleware';
import { fnsOf, setterHandOffs } from './identitySetters';

const FN = ['function_declaration', 'method_declaration', 'func_literal'];
/** A context key as written (`request.UserIDContextKey`, `userKey`): by what it is, not what it means. */
const KEY_NAME = /key$/i;
const MAX_DEPTH = 3;
/** `err != nil` / `err == nil`: whether the call failed, not what it found. */
const ERR_NIL = /^\s*\w*err\w*\s*[!=]=\s*nil\s*$/i;

export interface IdentityContext {
  callee: (n: Node) => Callee | undefined;
  keyName: (n: Node) => string | undefined;
}

/** Fills `ctxSetsWhenFound`, `ctxReads` and `tests` of a function's facts. */
export function identityFacts(fn: Node, f: GoFunc, ctx: IdentityContext): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  const sets = new Set<string>();
  const reads = new Set<string>();
  const unbranched = new Set<string>();
  for (const call of all(body, 'call_expression')) {
    const callee = call.childForFieldName('function');
    const name = callee?.type === 'selector_expression' ? callee.childForFieldName('field')?.text : callee?.text;
    const args = callArgs(call);
    if (name === 'WithValue' && callee?.type === 'selector_expression' && callee.childForFieldName('operand')?.text === 'context' && args.length === 3) {
      const k = ctx.keyName(args[1]);
      if (k && inBranch(call)) sets.add(k);
      continue;
    }
    // gin's own request store: `c.Set("user", u)` in a branch sets, `c.Get("user")` reads.
    const gin = name && callee?.type === 'selector_expression' ? ginKey(call, name, args) : undefined;
    if (gin?.op === 'set') {
      if (inBranch(call)) sets.add(gin.key);
      continue;
    }
    if (gin?.op === 'get') reads.add(gin.key);
    // A request store of ours keyed by a constant (keyedStore.ts).
    const store = gin ? undefined : storeOp(call, name, args, ctx.keyName);
    if (store?.op === 'set') {
      if (inBranch(call)) sets.add(store.key);
      else unbranched.add(store.key);
      continue;
    }
    if (store?.op === 'get') reads.add(store.key);
    // `ctx.Value(key)`, `getContextBoolValue(r, IsAuthenticatedContextKey)`: a key handed to a reader.
    for (const a of args) {
      const last = a.type === 'selector_expression' ? a.childForFieldName('field')?.text : a.type === 'identifier' ? a.text : undefined;
      const k = last && KEY_NAME.test(last) ? ctx.keyName(a) : undefined;
      if (k) reads.add(k);
    }
  }
  if (sets.size) f.ctxSetsWhenFound = [...sets];
  if (unbranched.size) f.storeSets = [...unbranched];
  const requestOnes = requestHandOffs(body, ctx.callee, inBranch);
  const handOffs = [...requestOnes, ...setterHandOffs(fn, body, ctx.callee, inBranch, requestOnes)];
  if (handOffs.length) f.handOffs = handOffs;
  if (reads.size) f.ctxReads = [...reads];
  const tests: { callee: Callee; line: number; errNil?: boolean }[] = [];
  // What a call gave a local (`user := session.User(c)`, `user, err := auth.UserOf(c)`): testing
  // the local tests the call, the one that last gave it before the test.
  const madeBy = new Map<string, { at: number; call: Node }[]>();
  for (const d of all(body, 'short_var_declaration')) {
    const left = d.childForFieldName('left')?.namedChildren ?? [];
    const right = d.childForFieldName('right')?.namedChildren ?? [];
    if (right.length !== 1 || right[0]?.type !== 'call_expression' || enclosingFn(d)?.startIndex !== fn.startIndex) continue;
    for (const l of left) if (l?.type === 'identifier' && l.text !== '_') madeBy.set(l.text, [...(madeBy.get(l.text) ?? []), { at: d.startIndex, call: right[0] }]);
  }
  const lastMade = (name: string, before: number): Node[] => {
    const m = (madeBy.get(name) ?? []).filter((x) => x.at < before).pop();
    return m ? [m.call] : [];
  };
  for (const st of all(body, 'if_statement')) {
    if (enclosingFn(st)?.startIndex !== fn.startIndex) continue;
    const cond = st.childForFieldName('condition');
    const viaLocal = cond ? [cond, ...all(cond, 'identifier')].flatMap((id) => (id.type === 'identifier' ? lastMade(id.text, cond.startIndex) : [])) : [];
    for (const call of cond ? [cond, ...all(cond, 'call_expression'), ...viaLocal] : []) {
      if (call.type !== 'call_expression') continue;
      const c = ctx.callee(call.childForFieldName('function')!);
      if (c && !tests.some((t) => t.callee === c)) tests.push({ callee: c, line: line(st), ...(ERR_NIL.test(cond!.text) ? { errNil: true } : {}) });
    }
  }
  if (tests.length) f.tests = tests;
}

/**
 * `c.Set("user", u)` / `c.Get("user")` (`MustGet`) on the function's `*gin.Context`: gin's request
 * store, keyed by the string as written. Not any `Set` (`url.Values`, headers): the receiver must
 * be a parameter declared `*gin.Context`.
 */
function ginKey(call: Node, name: string, args: Node[]): { op: 'set' | 'get'; key: string } | undefined {
  const op = name === 'Set' && args.length === 2 ? 'set' : (name === 'Get' || name === 'MustGet') && args.length === 1 ? 'get' : undefined;
  const lit = args[0]?.type === 'interpreted_string_literal' ? args[0].text.slice(1, -1) : undefined;
  const recv = call.childForFieldName('function')?.childForFieldName('operand');
  if (!op || !lit || recv?.type !== 'identifier') return undefined;
  const params = enclosingFn(call)?.childForFieldName('parameters')?.text ?? '';
  return new RegExp(`\\b${recv.text}\\s+\\*gin\\.Context\\b`).test(params) ? { op, key: `gin:${lit}` } : undefined;
}

/**
 * In an arm of an `if` (or a `switch` case) of its own function, or after an `if` that ends the
 * function when something is absent (`if session == nil { …; return }`): set for some callers only.
 */
export function inBranch(n: Node): boolean {
  let inside: Node = n;
  for (let p = n.parent; p; inside = p, p = p.parent) {
    if (FN.includes(p.type)) return false;
    if (p.type === 'if_statement' || p.type === 'expression_case' || p.type === 'type_case') return true;
    for (let s = inside.previousNamedSibling; s; s = s.previousNamedSibling) {
      const cond = s.type === 'if_statement' ? s.childForFieldName('condition') : null;
      if (cond && all(s.childForFieldName('consequence')!, 'return_statement').length && orLeaves(cond).some((x) => !!absentOperand(x))) return true;
    }
  }
  return false;
}

/**
 * The optional-identity guard of an otherwise unguarded route: a middleware on its way that puts
 * a key in the context only for a caller it found, and a test in the handler that reads that key
 * (itself or through the helpers it calls).
 */
export function identityRead(ix: GoIndex, cands: GoCandidate[], handler: GoFunc | undefined): Guard | undefined {
  if (!handler?.tests && !handler?.ctxReads && !handler?.handsRequest) return undefined;
  const setters = new Map<string, GoCandidate>();
  for (const c of cands) {
    // Itself, or the helpers it hands the request to (keyedStore.ts), or the middleware a factory of ours runs (givenMiddleware.ts).
    for (const m of [c, ...membersOf(ix, c)]) for (const k of keysSetWhenFound(ix, ix.fnOf(m.callee))) if (!setters.has(k)) setters.set(k, c);
  }
  if (!setters.size) return undefined;
  const found = (key: string, how: string, text: string, line: number): Guard => {
    const c = setters.get(key)!;
    const name = c.text.replace(/\(.*$/s, '');
    return {
      name,
      kind: 'authentication',
      optional: true,
      reason: `${name} (${c.file}:${c.line}) puts ${key.replace(/^.*#/, '')} in the request context only for a caller it identifies and lets this route through without one; ${how} at ${handler.file}:${line}`,
      file: c.file,
      line: c.line,
      evidence: { how: 'the handler reads the identity when there is one', text, file: handler.file, line },
    };
  };
  for (const t of handler.tests ?? []) {
    const key = fnsOf(ix, t.callee).map((f) => readKey(ix, f, setters, new Set(), 0)).find(Boolean);
    if (key) return found(key, 'the handler branches on it', t.callee.replace(/^.*[#.|]/, ''), t.line);
  }
  // Used without a test of the handler's own: read from the request store (`c.MustGet("user")`, which
  // holds a stand-in such as a guest for the anonymous caller, or the middleware would have refused), or
  // through a helper of ours the request is handed to (`middleware.GetLoginUserIDFromContext(ctx)`).
  const own = (handler.ctxReads ?? []).find((k) => setters.has(k));
  if (own) return found(own, 'the handler reads it', own.replace(/^.*[#:]/, ''), handler.line);
  // The helper must branch on what a function of ours reads (`if userInfo := GetUserInfoFromContext(ctx); userInfo == nil`): a
  // value it only hands back (`SessionID(r)`, an app session every request gets) is no use of who calls.
  for (const h of handler.handsRequest ?? []) {
    const key = fnsOf(ix, h)
      .flatMap((f) => (f.tests ?? []).flatMap((t) => fnsOf(ix, t.callee)).map((g) => readKey(ix, g, setters, new Set([handler.key, f.key]), 2)))
      .find(Boolean);
    if (key) return found(key, `the handler hands the request to ${h.replace(/^.*[#|]/, '')}, which reads it,`, h.replace(/^.*[#.|]/, ''), handler.line);
  }
  return undefined;
}

function readKey(ix: GoIndex, fn: GoFunc | undefined, keys: Map<string, unknown>, seen: Set<string>, depth: number): string | undefined {
  if (!fn || seen.has(fn.key) || depth > MAX_DEPTH) return undefined;
  seen.add(fn.key);
  const direct = [...(fn.ctxReads ?? []), ...(fn.ctxGet ? [fn.ctxGet] : [])].find((k) => keys.has(k));
  if (direct) return direct;
  // What a helper of the handler branches on (identitySetters.ts): `if b.Public != 1 && !c.UserIsLogged()`.
  for (const c of [...fn.returns, ...(fn.tests ?? []).map((t) => t.callee)]) {
    for (const f of fnsOf(ix, c)) {
      const found = readKey(ix, f, keys, seen, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}
