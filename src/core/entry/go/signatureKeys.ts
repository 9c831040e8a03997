// Whom a signature check identifies depends on where its key comes from. `payload, err :=
// jws.Verify(key); if err != nil { …; return }` proves who sends the request only when `key` was
// looked up in the service's storage by an id the request names (an account's key): a caller
// without that account's private key is refused, whatever status the refusal carries. When the
// key travels in the request itself (a JWK embedded in the JWS header) anyone can sign with a key
// of their own: the check is input validation, not authentication.
//
// Middleware hands the key on through the request context (`context.WithValue(ctx, keyK, acc.Key)`
// in one middleware, `jwkFromContext(ctx)` → `ctx.Value(keyK)` in the next), so this file records,
// per function, where each value it puts in or reads from a context and each verified key comes
// from; verdict.ts ties them together along a middleware chain at link time.
import type { GoNode as Node } from './goNode';
import { enclosingFn } from './goStatements';
import type { Callee, GoFunc, KeyOrigin } from './types';
import { all, callArgs, kids, line } from '../treeUtil';

const FN = ['function_declaration', 'method_declaration', 'func_literal'];
const ENDS = /Error\(|Abort|WriteHeader|\bfail\(/;
/** A method that reads a record from somewhere (`h.db.GetAccount(ctx, id)`), not a computation. */
const LOOKUP = /^(Get|Find|Load|Lookup|Fetch|Read|Query|Select)[A-Z]?/;
const MAX_DEPTH = 6;

export interface KeyContext {
  callee: (n: Node) => Callee | undefined;
  /** A context key as written (`jwkContextKey`, `pkg.Key`) → a name comparable across files. */
  keyName: (n: Node) => string | undefined;
}

/** Fills `ctxGet`, `ctxSets` and `verifies` of a function's facts. */
export function signatureKeyFacts(fn: Node, f: GoFunc, ctx: KeyContext): void {
  const body = fn.childForFieldName('body');
  if (!body) return;
  for (const call of all(body, 'call_expression')) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'selector_expression') continue;
    const name = callee.childForFieldName('field')?.text ?? '';
    const args = callArgs(call);
    // `ctx.Value(jwkContextKey)`: a getter when it is all the function reads from a context.
    if (name === 'Value' && args.length === 1 && fn.type !== 'func_literal') {
      const k = ctx.keyName(args[0]);
      if (k) f.ctxGet = f.ctxGet === undefined || f.ctxGet === k ? k : '';
    }
    // `context.WithValue(ctx, jwkContextKey, acc.Key)`.
    if (name === 'WithValue' && callee.childForFieldName('operand')?.text === 'context' && args.length === 3) {
      const k = ctx.keyName(args[1]);
      if (k) (f.ctxSets ??= []).push({ key: k, origin: originOf(args[2], ctx, 0), line: line(call) });
    }
    // `payload, err := jws.Verify(key)` whose error ends the request.
    if (/^Verify/.test(name) && args.length >= 1 && errorEndsRequest(call)) {
      (f.verifies ??= []).push({ line: line(call), text: call.text.replace(/\s+/g, ' ').slice(0, 120), key: originOf(args[0], ctx, 0) });
    }
  }
  if (f.ctxGet === '') delete f.ctxGet;
}

/** Where a value comes from: the request, a stored record, a call resolved at link time, or not known. */
export function originOf(n: Node, ctx: KeyContext, depth: number): KeyOrigin {
  if (depth > MAX_DEPTH) return { unknown: true };
  const root = rootOf(n);
  if (root.type === 'call_expression') return callOrigin(root, ctx, depth);
  if (root.type !== 'identifier') return { unknown: true };
  const fn = enclosingFn(root);
  if (fn && requestParam(fn) === root.text) return { request: true };
  const bound = fn ? bindingOf(fn, root) : undefined;
  if (!bound) return { unknown: true };
  return bound.value.type === 'call_expression' ? callOrigin(bound.value, ctx, depth, bound.statement) : originOf(bound.value, ctx, depth + 1);
}

function callOrigin(call: Node, ctx: KeyContext, depth: number, statement?: Node): KeyOrigin {
  const f = call.childForFieldName('function');
  if (!f) return { unknown: true };
  // `h.db.GetAccount(ctx, id)`: a record looked up by a method on one of the service's own values
  // (not a package function like io.ReadAll, not on something the request carries); stored only
  // if a failed lookup ends the request.
  const c = ctx.callee(f);
  const packageFn = !c || /^ext:|^fn:[^#]*#\w+$/.test(c);
  if (f.type === 'selector_expression' && !packageFn && LOOKUP.test(f.childForFieldName('field')?.text ?? '')) {
    const recv = originOf(f.childForFieldName('operand')!, ctx, depth + 1);
    if (!('request' in recv)) return statement && lookupFailureEnds(statement) ? { stored: true, line: line(call) } : { unknown: true };
  }
  const fromRequest = callArgs(call).some((a) => derivesFromRequest(a, ctx, depth + 1)) || (f.type === 'selector_expression' && derivesFromRequest(f.childForFieldName('operand')!, ctx, depth + 1));
  return c ? { call: c, fromRequest } : fromRequest ? { request: true } : { unknown: true };
}

function derivesFromRequest(n: Node, ctx: KeyContext, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  const ids = n.type === 'identifier' ? [n] : all(n, 'identifier');
  return ids.some((id) => {
    const o = originOf(id, ctx, depth);
    return 'request' in o || ('call' in o && o.fromRequest);
  });
}

/** `a.b[0].c` → `a`; `f(x).y` → the call. */
function rootOf(n: Node): Node {
  let r = n;
  for (;;) {
    if (r.type === 'selector_expression') r = r.childForFieldName('operand')!;
    else if (r.type === 'index_expression') r = r.childForFieldName('operand')!;
    else if (r.type === 'parenthesized_expression' || r.type === 'unary_expression') r = r.namedChildren[0]!;
    else if (r.type === 'type_assertion_expression') r = r.childForFieldName('operand')!;
    else return r;
  }
}

/** The name of the `*http.Request` parameter. */
function requestParam(fn: Node): string | undefined {
  for (const decl of kids(fn.childForFieldName('parameters'))) {
    if (/^\*(\w+\.)?Request$/.test(decl.childForFieldName('type')?.text ?? '')) return decl.childForFieldName('name')?.text;
  }
  return undefined;
}

/** The last `name := value` / `name = value` before the use, in the same function. */
function bindingOf(fn: Node, use: Node): { value: Node; statement: Node } | undefined {
  let found: { value: Node; statement: Node } | undefined;
  for (const s of all(fn, ['short_var_declaration', 'assignment_statement'])) {
    if (s.startIndex >= use.startIndex || enclosingFn(s)?.startIndex !== fn.startIndex) continue;
    const names = kids(s.childForFieldName('left')).map((k) => k.text);
    const i = names.indexOf(use.text);
    if (i < 0) continue;
    const values = kids(s.childForFieldName('right'));
    const value = values.length === names.length ? values[i] : values[0];
    if (value) found = { value, statement: s };
  }
  return found;
}

/** The `if`/`switch` right after `acc, err := lookup(…)` ends the request in every branch that tests err. */
function lookupFailureEnds(statement: Node): boolean {
  const next = statement.nextNamedSibling;
  if (!next) return false;
  if (next.type === 'if_statement') {
    return /\berr\b/.test(next.childForFieldName('condition')?.text ?? '') && ends(next.childForFieldName('consequence'));
  }
  if (next.type !== 'expression_switch_statement') return false;
  const cases = kids(next).filter((k) => k.type === 'expression_case' && /\berr\b/.test(k.childForFieldName('value')?.text ?? ''));
  return cases.length > 0 && cases.every(ends);
}

function ends(n: Node | null | undefined): boolean {
  return !!n && all(n, 'return_statement').length > 0 && ENDS.test(n.text);
}

/** `x, err := call; if err != nil { …end the request…; return }`, or `if _, err := call; err != nil {…}`. */
function errorEndsRequest(call: Node): boolean {
  let st: Node | null = call.parent;
  while (st && st.type !== 'short_var_declaration' && st.type !== 'assignment_statement') {
    if (st.type === 'block' || FN.includes(st.type)) return false;
    st = st.parent;
  }
  if (!st) return false;
  const ifs = st.parent?.type === 'if_statement' && st.parent.childForFieldName('initializer')?.startIndex === st.startIndex ? st.parent : st.nextNamedSibling;
  return ifs?.type === 'if_statement' && /\berr\b/.test(ifs.childForFieldName('condition')?.text ?? '') && ends(ifs.childForFieldName('consequence'));
}
