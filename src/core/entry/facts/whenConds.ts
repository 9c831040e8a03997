// The condition of an `if`, kept in a form the interpreter may decide. Branches are flattened
// (both arms run), which is right while the tested value is unknown (a setting, the request);
// but code that picks between known values (`if (!config) return config; … return normalized`,
// `if (key === 'tag') taxonomies.tag = value`, `if (yamlContent !== null) return parse(yamlContent)`)
// gets the first arm's answer whatever the test says. So each operation of an arm carries the
// tests it sits under, and the interpreter skips it when a test is known to be false.
// Operands are plain reads and literals only: a call in a condition already runs as an operation
// of its own, and evaluating it again here could only differ.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { Cond, CondArg, Expr, Op, When } from './types';
import { SCALAR_LITERALS } from './jsNodes';
import { urlTest } from './urlConds';

const MAX_NODES = 24;

/** The condition as a `Cond`, or undefined when no part of it could ever be decided. */
export function condOf(n: Node | null | undefined, expr: (n: Node) => Expr): Cond | undefined {
  if (!n) return undefined;
  const budget = { left: MAX_NODES };
  const c = cond(n, expr, budget);
  return undecidable(c) ? undefined : c;
}

function undecidable(c: Cond): boolean {
  switch (c[0]) {
    case '?':
      return true;
    case 'call':
      return false;
    case 'not':
      return undecidable(c[1]);
    case 'and':
    case 'or':
      return undecidable(c[1]) && undecidable(c[2]);
    default:
      return false;
  }
}

function cond(n: Node, expr: (n: Node) => Expr, budget: { left: number }): Cond {
  if (--budget.left < 0) return ['?'];
  switch (n.type) {
    case 'parenthesized_expression': {
      const inner = n.namedChildren.find((c) => c && c.type !== 'comment');
      return inner ? cond(inner, expr, budget) : ['?'];
    }
    case 'unary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const arg = n.childForFieldName('argument');
      return op === '!' && arg ? ['not', cond(arg, expr, budget)] : ['?'];
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (!l || !r) return ['?'];
      if (op === '&&' || op === '||') return [op === '&&' ? 'and' : 'or', cond(l, expr, budget), cond(r, expr, budget)];
      if (op === '===' || op === '!==' || op === '==' || op === '!=') {
        const a = operand(l, expr, budget);
        const b = operand(r, expr, budget);
        return a && b ? ['eq', op, a, b] : ['?'];
      }
      // `a ?? b` (`req.user?.settings?.push ?? true`): true when `a` is known truthy, else undecided
      // (a known `false` is kept, a nullish one gives `b`: neither can be told apart here). Kept so
      // that what the test reads (the caller) is seen; it never decides an arm wrongly.
      if (op === '??') return plain(l, budget) ? ['or', ['t', expr(l)], ['?']] : ['?'];
      return ['?'];
    }
    case 'await_expression': {
      // `if (await authorize()) return next()`: the call awaited, kept as `['own', call]` below.
      const inner = n.namedChildren.find((c) => c && c.type !== 'comment');
      return inner?.type === 'call_expression' ? cond(inner, expr, budget) : ['?'];
    }
    case 'call_expression': {
      // `authorize()`: a function called by its bare name with no argument, a closure of ours that
      // answers for the request it closes over (`const authorize = async () => { … }` in an access
      // check). Undecided to every reader but interp/anonymousGrant.ts, which reads that closure.
      const callee = n.childForFieldName('function');
      const argList = n.childForFieldName('arguments');
      if (callee?.type === 'identifier' && argList?.type === 'arguments' && !argList.namedChildren.some((c) => c && c.type !== 'comment')) return ['own', expr(n)];
      // `Array.isArray(x)`: a test of the kind of a value, which the language decides for a known one
      // (the `Array.isArray(p) ? p : [p]` that turns one permission or a list of them into a list).
      const args = n.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
      const arg = args[0];
      if (n.childForFieldName('function')?.text.replace(/\s+/g, '') === 'Array.isArray' && args.length === 1 && arg && plain(arg, budget)) return ['arr', expr(arg)];
      // A pure test of the request's URL (urlConds.ts): decided per route by interp/pathAllowList.ts and hookUrlTests.ts.
      if (urlTest(n)) return ['url', expr(n)];
      return testCall(n, args, budget) ? ['call', expr(n)] : ['?'];
    }
    default: {
      const v = plain(n, budget) ? expr(n) : undefined;
      return v ? ['t', v] : ['?'];
    }
  }
}

/** Methods whose answer is a string's or a list's test: `list.some((r) => url.startsWith(r))`, `url.includes(p)`. */
const TEST_METHODS = new Set(['some', 'every', 'includes', 'startsWith', 'endsWith']);

/**
 * A call of one of them on a plain read, with one plain argument or a one-expression arrow function
 * of plain reads and such calls: nothing else runs (the arrow is the one the call's own operation
 * reads: the extractor reads a function node once).
 */
function testCall(n: Node, args: (Node | null)[], budget: { left: number }): boolean {
  const fn = n.childForFieldName('function');
  const recv = fn?.type === 'member_expression' ? fn.childForFieldName('object') : null;
  const name = fn?.childForFieldName('property')?.text;
  const arg = args[0];
  if (!recv || !name || !TEST_METHODS.has(name) || args.length !== 1 || !arg || !plain(recv, budget)) return false;
  if (arg.type !== 'arrow_function') return plain(arg, budget);
  const body = arg.childForFieldName('body');
  if (!body || body.type === 'statement_block') return false;
  const inner = body.type === 'call_expression' ? (body.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? []) : undefined;
  return inner ? testCall(body, inner, budget) : plain(body, budget);
}

function operand(n: Node, expr: (n: Node) => Expr, budget: { left: number }): CondArg | undefined {
  if (n.type === 'parenthesized_expression') {
    const inner = n.namedChildren.find((c) => c && c.type !== 'comment');
    return inner ? operand(inner, expr, budget) : undefined;
  }
  if (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === 'typeof') {
    const arg = n.childForFieldName('argument');
    return arg && plain(arg, budget) ? ['typeof', expr(arg)] : undefined;
  }
  return plain(n, budget) ? ['v', expr(n)] : undefined;
}

/** A literal, a name, or a property read of one: nothing that runs code. */
function plain(n: Node, budget: { left: number }): boolean {
  if (--budget.left < 0) return false;
  if (SCALAR_LITERALS.has(n.type)) return true;
  switch (n.type) {
    case 'identifier':
    case 'this':
      return true;
    case 'member_expression': {
      const obj = n.childForFieldName('object');
      return !!obj && plain(obj, budget);
    }
    case 'subscript_expression': {
      const obj = n.childForFieldName('object');
      const idx = n.childForFieldName('index');
      return !!obj && !!idx && plain(obj, budget) && plain(idx, budget);
    }
    case 'parenthesized_expression': {
      const inner = n.namedChildren.find((c) => c && c.type !== 'comment');
      return !!inner && plain(inner, budget);
    }
    default:
      return false;
  }
}

/** Marks every operation of `ops` (one level: nested bodies go with their operation) as running only when `cond` is `holds`. */
export function underCond(ops: Op[], id: number, holds: boolean, c: Cond): void {
  const grant = grantOnly(c);
  for (const op of ops) {
    const t = { offset: id, holds, cond: c };
    const w = whenOf(op);
    if (w && grant) (w.g ??= []).push(t);
    else if (w) w.w.push(t);
    else (op as unknown[]).push((grant ? { w: [], g: [t] } : { w: [t] }) satisfies When);
  }
}

/** A test only interp/anonymousGrant.ts decides (`['own', call]`, `['sw', test]`, or the negation of one): kept in When.g. */
export function grantOnly(c: Cond): boolean {
  return c[0] === 'own' || c[0] === 'sw' || (c[0] === 'not' && grantOnly(c[1]));
}

/** The tests an operation runs under, if any (kept as its last element). */
export function whenOf(op: Op): When | undefined {
  const last = (op as unknown[])[op.length - 1];
  return last && typeof last === 'object' && !Array.isArray(last) && 'w' in last ? (last as When) : undefined;
}
