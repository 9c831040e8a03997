// What a request hook's answer sits under, read from its code: the `if` tests around it (and the
// `if (C) return …` before it, which it sits in the else of), split into conjuncts, each either a
// test of the request path (read into a PathTest, following the file's own constants and one-line
// functions: `isApiRoute(pathname)` → `pathname.startsWith(API_PATH_PREFIX)` → `'/api/'`) or some
// other test (of the caller's credentials, the method, …), kept as written.
import type { Node } from 'web-tree-sitter';
import { callArgs, kids, stringValue } from '../treeUtil';
import type { PathTest } from './pathTests';

/** A value the reader follows: the hook's event and its URL, the request path, literals. */
export type Val = { k: 'event' } | { k: 'input' } | { k: 'url' } | { k: 'path' } | { k: 's'; v: string } | { k: 'arr'; v: string[] } | { k: 're'; src: string; flags: string };

export interface Scope {
  values: Map<string, Val>;
  /** Functions of the file by name (one-line predicates the tests call, the hooks `sequence` runs). */
  fns: Map<string, Node>;
  /** Local names bound from a read of the caller's credentials. */
  credentials: Set<string>;
}

export interface Conjunct {
  node: Node;
  /** The conjunct holds where the answer is given (false: it sits in the else of the test). */
  holds: boolean;
  path?: PathTest;
}

const FUNCTION = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function']);
const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'await_expression']);

/** The file's top-level constants and functions. */
export function moduleScope(root: Node): Scope {
  const scope: Scope = { values: new Map(), fns: new Map(), credentials: new Set() };
  for (let st of kids(root)) {
    if (st.type === 'export_statement') st = st.childForFieldName('declaration') ?? st;
    if (st.type === 'function_declaration') {
      const name = st.childForFieldName('name')?.text;
      if (name) scope.fns.set(name, st);
    }
    if (st.type !== 'lexical_declaration' && st.type !== 'variable_declaration') continue;
    for (const d of kids(st).filter((k) => k.type === 'variable_declarator')) {
      const name = d.childForFieldName('name')?.text;
      const value = unwrap(d.childForFieldName('value'));
      if (!name || !value) continue;
      if (FUNCTION.has(value.type)) scope.fns.set(name, value);
      else {
        const v = valueOf(value, scope);
        if (v) scope.values.set(name, v);
      }
    }
  }
  return scope;
}

function unwrap(n: Node | null | undefined): Node | undefined {
  while (n && WRAPPERS.has(n.type)) n = n.namedChildren[0];
  return n ?? undefined;
}

function valueOf(n0: Node | null | undefined, scope: Scope): Val | undefined {
  const n = unwrap(n0);
  if (!n) return undefined;
  switch (n.type) {
    case 'identifier':
      return scope.values.get(n.text);
    case 'string':
    case 'template_string': {
      const s = stringValue(n);
      return s === undefined || (n.type === 'template_string' && n.namedChildren.some((c) => c?.type === 'template_substitution')) ? undefined : { k: 's', v: s };
    }
    case 'binary_expression': {
      if (n.childForFieldName('operator')?.text !== '+') return undefined;
      const a = valueOf(n.childForFieldName('left'), scope);
      const b = valueOf(n.childForFieldName('right'), scope);
      return a?.k === 's' && b?.k === 's' ? { k: 's', v: a.v + b.v } : undefined;
    }
    case 'member_expression': {
      const obj = valueOf(n.childForFieldName('object'), scope);
      const prop = n.childForFieldName('property')?.text;
      return obj && prop ? memberOf(obj, prop) : undefined;
    }
    case 'regex':
      return { k: 're', src: n.childForFieldName('pattern')?.text ?? '', flags: n.childForFieldName('flags')?.text ?? '' };
    case 'call_expression': {
      // h3 (Nitro's server middleware): `getRequestURL(event)` is the request's URL.
      const fn = n.childForFieldName('function');
      return fn?.type === 'identifier' && fn.text === 'getRequestURL' && valueOf(callArgs(n)[0], scope)?.k === 'event' ? { k: 'url' } : undefined;
    }
    case 'array': {
      const items = kids(n).filter((k) => k.type !== 'comment').map((k) => valueOf(k, scope));
      return items.every((i) => i?.k === 's') ? { k: 'arr', v: items.map((i) => (i as { v: string }).v) } : undefined;
    }
    default:
      return undefined;
  }
}

function memberOf(v: Val, key: string): Val | undefined {
  if (v.k === 'input' && key === 'event') return { k: 'event' };
  if (v.k === 'event' && key === 'url') return { k: 'url' };
  if (v.k === 'url' && key === 'pathname') return { k: 'path' };
  // h3's `event.path` (its query string only ever follows what a prefix test reads).
  if (v.k === 'event' && key === 'path') return { k: 'path' };
  return undefined;
}

function mentionsPath(n: Node, scope: Scope): boolean {
  if (/\.pathname\b/.test(n.text)) return true;
  if ([n, ...n.descendantsOfType('member_expression')].some((m) => m?.type === 'member_expression' && valueOf(m, scope)?.k === 'path')) return true;
  const ids = n.type === 'identifier' ? [n] : n.descendantsOfType('identifier').filter((i): i is Node => !!i);
  return ids.some((i) => ['path', 'url'].includes(scope.values.get(i.text)?.k ?? ''));
}

function testOf(n0: Node | null | undefined, scope: Scope, depth = 0): PathTest | undefined {
  const n = unwrap(n0);
  if (!n || depth > 6) return undefined;
  const unknown = (): PathTest | undefined => (mentionsPath(n, scope) ? ['?', n.text.replace(/\s+/g, ' ').slice(0, 80)] : undefined);
  if (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '!') {
    const t = testOf(n.childForFieldName('argument'), scope, depth);
    return t && ['not', t];
  }
  if (n.type === 'binary_expression') {
    const op = n.childForFieldName('operator')?.text ?? '';
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (op === '&&' || op === '||') {
      const a = testOf(left, scope, depth);
      const b = testOf(right, scope, depth);
      if (!a && !b) return undefined;
      return a && b ? [op === '&&' ? 'and' : 'or', [a, b]] : ['?', n.text.replace(/\s+/g, ' ').slice(0, 80)];
    }
    if (['===', '==', '!==', '!='].includes(op)) {
      const l = valueOf(left, scope);
      const r = valueOf(right, scope);
      const s = l?.k === 'path' && r?.k === 's' ? r.v : r?.k === 'path' && l?.k === 's' ? l.v : undefined;
      if (s === undefined) return unknown();
      return op.startsWith('!') ? ['not', ['eq', s]] : ['eq', s];
    }
    return unknown();
  }
  if (n.type === 'call_expression') return callTest(n, scope, depth) ?? unknown();
  return unknown();
}

function callTest(n: Node, scope: Scope, depth: number): PathTest | undefined {
  const callee = unwrap(n.childForFieldName('function'));
  const args = callArgs(n);
  if (callee?.type === 'member_expression') {
    const obj = valueOf(callee.childForFieldName('object'), scope);
    const method = callee.childForFieldName('property')?.text ?? '';
    const arg = valueOf(args[0], scope);
    if (obj?.k === 'path' && arg?.k === 's') {
      if (method === 'startsWith') return ['prefix', arg.v];
      if (method === 'endsWith') return ['suffix', arg.v];
      if (method === 'includes') return ['has', arg.v];
    }
    if (obj?.k === 'path' && method === 'match' && arg?.k === 're') return ['re', arg.src, arg.flags];
    if (obj?.k === 're' && method === 'test' && arg?.k === 'path') return ['re', obj.src, obj.flags];
    if (obj?.k === 'arr' && method === 'includes' && arg?.k === 'path') return ['or', obj.v.map((s): PathTest => ['eq', s])];
    const cb = unwrap(args[0]);
    if (obj?.k === 'arr' && (method === 'some' || method === 'every') && cb && FUNCTION.has(cb.type)) {
      const each = obj.v.map((s) => applied(cb, [{ k: 's', v: s }], scope, depth));
      if (each.some((t) => !t)) return undefined;
      return [method === 'some' ? 'or' : 'and', each as PathTest[]];
    }
    return undefined;
  }
  const fn = callee?.type === 'identifier' ? scope.fns.get(callee.text) : undefined;
  return fn ? applied(fn, args.map((a) => valueOf(a, scope)), scope, depth) : undefined;
}

/** The test a one-expression function (`(p) => pathname === p || pathname === p + "/"`, `function isApi(p) { return p.startsWith(X) }`) makes of its arguments. */
function applied(fn: Node, args: (Val | undefined)[], scope: Scope, depth: number): PathTest | undefined {
  const inner: Scope = { ...scope, values: new Map(scope.values) };
  kids(fn.childForFieldName('parameters')).forEach((p, i) => {
    const name = (p.childForFieldName('pattern') ?? p).text;
    const v = args[i];
    if (v) inner.values.set(name, v);
    else inner.values.delete(name);
  });
  const single = fn.childForFieldName('parameter');
  if (single && args[0]) inner.values.set(single.text, args[0]);
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  if (body.type !== 'statement_block') return testOf(body, inner, depth + 1);
  const stmts = kids(body).filter((s) => s.type !== 'comment');
  return stmts.length === 1 && stmts[0].type === 'return_statement' ? testOf(stmts[0].namedChildren[0], inner, depth + 1) : undefined;
}

/** The conjuncts of every test `n` sits under inside `body`. */
export function conditionsOf(n: Node, body: Node, scope: Scope): Conjunct[] {
  const out: Conjunct[] = [];
  const split = (c: Node | null | undefined, holds: boolean): void => {
    const u = unwrap(c);
    if (!u) return;
    const op = u.type === 'binary_expression' ? u.childForFieldName('operator')?.text : undefined;
    if (u.type === 'unary_expression' && u.childForFieldName('operator')?.text === '!') return split(u.childForFieldName('argument'), !holds);
    if ((op === '&&' && holds) || (op === '||' && !holds)) {
      split(u.childForFieldName('left'), holds);
      split(u.childForFieldName('right'), holds);
      return;
    }
    const t = testOf(u, scope);
    out.push({ node: u, holds, ...(t ? { path: holds ? t : (['not', t] as PathTest) } : {}) });
  };
  let cur: Node = n;
  while (cur.id !== body.id && cur.parent) {
    const parent: Node = cur.parent;
    if (parent.type === 'if_statement') {
      const cond = parent.childForFieldName('condition');
      if (parent.childForFieldName('consequence')?.id === cur.id) split(cond, true);
      else if (parent.childForFieldName('alternative')?.id === cur.id) split(cond, false);
    }
    if (parent.type === 'statement_block') {
      for (const sib of kids(parent)) {
        if (sib.id === cur.id) break;
        if (sib.type === 'if_statement' && !sib.childForFieldName('alternative') && exits(sib.childForFieldName('consequence'))) split(sib.childForFieldName('condition'), false);
      }
    }
    cur = parent;
  }
  return out;
}

function exits(n: Node | null | undefined): boolean {
  if (!n) return false;
  if (n.type === 'return_statement' || n.type === 'throw_statement') return true;
  if (n.type !== 'statement_block') return false;
  const last = kids(n).filter((s) => s.type !== 'comment').pop();
  return !!last && (last.type === 'return_statement' || last.type === 'throw_statement');
}

/** The reader of values and tests, for the hook's own bindings. */
export const pathTestOf = { value: valueOf, member: memberOf, test: testOf };
