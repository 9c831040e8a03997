// Errors known by their message, read from a function's own syntax: a throw of an error built with
// a literal message (`throw new Error('[[error:no-privileges]]')`), the statuses a function maps
// such messages to (`switch (message) { case '[[error:no-privileges]]': statusCode = 403; }`, an
// API helper formatting whatever error it is handed), and a predicate that answers false for a
// caller's id at or below zero before anything else (`if (!(parseInt(uid, 10) > 0)) return false`,
// the guest's uid 0). None of these refuses anyone by itself: interp/keyedRefusal.ts puts them
// together — a keyed throw counts only where a mapping of ours sends its message as 401/403.
import type { SyntaxNode as Node } from '../../parse/liteTree';
import type { Cond, Expr, When } from './types';
import { FUNCTION_TYPES, line, named, stringText } from './jsNodes';
import { leaves } from './conditions';

/**
 * `new Error('[[error:x]]')`, `new ApiError("not-logged-in")`, `Error('x')`: the literal message, if any;
 * and for `new Refused(…)`, `new errors.Refused(…)` the class, as `class:Refused` (what a formatter's
 * `err instanceof Refused` maps).
 */
export function thrownKeys(thrown: Node): { message?: string; cls?: string } {
  let n: Node | null = thrown;
  while (n?.type === 'parenthesized_expression') n = named(n)[0] ?? null;
  if (n?.type !== 'new_expression' && n?.type !== 'call_expression') return {};
  const ctor = n.childForFieldName('constructor') ?? n.childForFieldName('function');
  if (!ctor || !/^[\w$.]+$/.test(ctor.text)) return {};
  const cls = n.type === 'new_expression' ? `class:${ctor.text.slice(ctor.text.lastIndexOf('.') + 1)}` : undefined;
  const first = /Error$/.test(ctor.text) ? named(n.childForFieldName('arguments'))[0] : undefined;
  const message = first ? stringText(first) : undefined;
  return { ...(message && message.length <= 200 ? { message } : {}), ...(cls ? { cls } : {}) };
}

/** A status a function sends for an error it was handed: only 401 and 403 matter here. */
const AUTH_STATUS = /^(401|403)$/;

/**
 * `switch (message) { case 'a': case 'b': statusCode = 403; break; }` and `if (err.message ===
 * 'a') return res.status(401)`, where the tested value is an error's message (`.message` read
 * there or in what the name was bound to) and the status set is sent (`res.status(statusCode)` in
 * the same body): message → status. Cases that fall through share the status below them.
 */
export function statusByMessage(body: Node): [string, string, number][] | undefined {
  const text = body.text;
  if (!/message|instanceof/.test(text) || !/\b40[13]\b/.test(text)) return undefined;
  const out: [string, string, number][] = [];
  const isMessage = (n: Node | null): boolean => {
    let e: Node | null = n;
    while (e?.type === 'parenthesized_expression') e = named(e)[0] ?? null;
    if (!e) return false;
    if (/\.message$/.test(e.text)) return true;
    return e.type === 'identifier' && /\.message\b/.test(declaredValue(e, e.text) ?? '');
  };
  for (const sw of body.descendantsOfType('switch_statement')) {
    if (!sw || !isMessage(sw.childForFieldName('value'))) continue;
    let pending: string[] = [];
    for (const c of named(sw.childForFieldName('body'))) {
      if (c.type !== 'switch_case' && c.type !== 'switch_default') continue;
      const v = c.childForFieldName('value');
      const key = v ? stringText(v) : undefined;
      if (key !== undefined) pending.push(key);
      const stmts = named(c).filter((s) => s !== v);
      const status = sentStatus(stmts, text);
      if (status) for (const k of pending) out.push([k, status, line(c)]);
      if (stmts.some((s) => s.type === 'break_statement' || s.type === 'return_statement' || s.type === 'throw_statement')) pending = [];
    }
  }
  for (const ifs of body.descendantsOfType('if_statement')) {
    const cond = ifs?.childForFieldName('condition');
    let e: Node | null | undefined = cond;
    while (e?.type === 'parenthesized_expression') e = named(e)[0] ?? null;
    const op = e?.type === 'binary_expression' ? e.childForFieldName('operator')?.text ?? '' : '';
    if (!ifs || !e || !/^(={2,3}|instanceof)$/.test(op)) continue;
    const [l, r] = [e.childForFieldName('left'), e.childForFieldName('right')];
    // `err instanceof errors.Refused`: the class, by its own name.
    const key = op === 'instanceof' ? (r && /^[\w$.]+$/.test(r.text) ? `class:${r.text.slice(r.text.lastIndexOf('.') + 1)}` : undefined) : r && isMessage(l) ? stringText(r) : l && isMessage(r) ? stringText(l) : undefined;
    const cons = ifs.childForFieldName('consequence');
    const status = key !== undefined && cons ? sentStatus(cons.type === 'statement_block' ? named(cons) : [cons], text) : undefined;
    if (key !== undefined && status) out.push([key, status, line(ifs)]);
  }
  return out.length ? out : undefined;
}

/**
 * What `name` was declared with where `at` reads it: the nearest `const name = …` among the
 * statements before it, block by block outwards (a name declared again in another branch is another).
 */
function declaredValue(at: Node, name: string): string | undefined {
  let child: Node = at;
  for (let p = at.parent; p && !FUNCTION_TYPES.has(p.type); child = p, p = p.parent) {
    if (p.type !== 'statement_block' && p.type !== 'program') continue;
    const stmts = named(p);
    const upTo = stmts.findIndex((s) => s.startIndex <= child.startIndex && child.endIndex <= s.endIndex);
    for (let i = upTo - 1; i >= 0; i--) {
      const s = stmts[i]!;
      if (s.type !== 'lexical_declaration' && s.type !== 'variable_declaration') continue;
      for (const d of named(s)) if (d.type === 'variable_declarator' && d.childForFieldName('name')?.text === name) return d.childForFieldName('value')?.text;
    }
  }
  return undefined;
}

/** `statusCode = 403` whose name the body sends (`.status(statusCode)`), or `res.status(401)` itself. */
function sentStatus(stmts: Node[], body: string): string | undefined {
  for (const s of stmts) {
    for (const a of [s, ...s.descendantsOfType('assignment_expression')]) {
      if (a?.type !== 'assignment_expression') continue;
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (left?.type === 'identifier' && right && AUTH_STATUS.test(right.text) && new RegExp(`\\b(status|sendStatus)\\(\\s*${left.text}\\b`).test(body)) return right.text;
    }
    for (const c of [s, ...s.descendantsOfType('call_expression')]) {
      if (c?.type !== 'call_expression') continue;
      const fn = c.childForFieldName('function')?.text ?? '';
      const first = named(c.childForFieldName('arguments'))[0]?.text ?? '';
      if (/\.(status|sendStatus)$/.test(fn) && AUTH_STATUS.test(first)) return first;
    }
  }
  return undefined;
}

/** Ids a guest or a crawler may be given: the tests below are read for these. */
export const GUEST_IDS = [0, -1] as const;

/**
 * The body's first statement answers a falsy literal under a test of one parameter that holds for
 * an id at or below zero (`if (!utils.isNumber(uid) || !(parseInt(uid, 10) > 0)) return false;`):
 * that parameter, and the ids of GUEST_IDS it holds for.
 */
export function guestFalse(params: readonly string[], stmts: Node[]): { param: number; ids: number[]; line: number } | undefined {
  const s = stmts[0];
  if (s?.type !== 'if_statement' || s.childForFieldName('alternative')) return undefined;
  const cons = s.childForFieldName('consequence');
  const ret = cons?.type === 'statement_block' ? named(cons) : cons ? [cons] : [];
  const value = ret.length === 1 && ret[0]!.type === 'return_statement' ? named(ret[0]!)[0] : undefined;
  if (!value || !/^(false|null|undefined|0|''|"")$/.test(value.text)) return undefined;
  const cond = s.childForFieldName('condition');
  if (!cond) return undefined;
  for (const [i, p] of params.entries()) {
    if (!/^[\w$]+$/.test(p) || !new RegExp(`\\b${p.replace(/\$/g, '\\$')}\\b`).test(cond.text)) continue;
    const ids = GUEST_IDS.filter((v) => truth(cond, p, v) === true);
    if (ids.length) return { param: i, ids, line: line(s) };
  }
  return undefined;
}

/** `p`, `parseInt(p, 10)`, `Number(p)`, `+p`: the number the test reads of the parameter. */
function numberOf(n: Node, p: string, v: number): number | undefined {
  let e: Node | null = n;
  while (e?.type === 'parenthesized_expression') e = named(e)[0] ?? null;
  if (!e) return undefined;
  if (e.type === 'number') return Number(e.text);
  if (e.type === 'identifier') return e.text === p ? v : undefined;
  if (e.type === 'unary_expression') {
    const op = e.childForFieldName('operator')?.text;
    const arg = e.childForFieldName('argument');
    const inner = arg ? numberOf(arg, p, v) : undefined;
    return inner === undefined ? undefined : op === '+' ? inner : op === '-' ? -inner : undefined;
  }
  if (e.type === 'call_expression' && /^(parseInt|Number|Number\.parseInt|parseFloat)$/.test(e.childForFieldName('function')?.text ?? '')) {
    const first = named(e.childForFieldName('arguments'))[0];
    return first?.type === 'identifier' && first.text === p ? v : undefined;
  }
  return undefined;
}

/** Whether the test holds when the parameter `p` is `v`: true, false, or undefined where it cannot be told. */
function truth(n: Node, p: string, v: number, depth = 0): boolean | undefined {
  if (depth > 12) return undefined;
  let e: Node | null = n;
  while (e?.type === 'parenthesized_expression') e = named(e)[0] ?? null;
  if (!e) return undefined;
  if (e.type === 'identifier') return e.text === p ? v !== 0 : undefined;
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '!') {
    const arg = e.childForFieldName('argument');
    const t = arg ? truth(arg, p, v, depth + 1) : undefined;
    return t === undefined ? undefined : !t;
  }
  if (e.type !== 'binary_expression') return undefined;
  const op = e.childForFieldName('operator')?.text;
  const l = e.childForFieldName('left');
  const r = e.childForFieldName('right');
  if (!l || !r) return undefined;
  if (op === '||' || op === '&&') {
    const a = truth(l, p, v, depth + 1);
    const b = truth(r, p, v, depth + 1);
    if (op === '||') return a === true || b === true ? true : a === false && b === false ? false : undefined;
    return a === false || b === false ? false : a === true && b === true ? true : undefined;
  }
  const a = numberOf(l, p, v);
  const b = numberOf(r, p, v);
  if (a === undefined || b === undefined) return undefined;
  switch (op) {
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '===': case '==': return a === b;
    case '!==': case '!=': return a !== b;
    default: return undefined;
  }
}

/**
 * Names, reads, literals and calls of them as an expression fact, read here without the extractor
 * (whose reading of a call records what the call refuses or hands on: read twice, twice recorded).
 */
function plainExpr(n: Node, depth: number): Expr {
  if (depth > 10) return ['?', n.text.slice(0, 80)];
  switch (n.type) {
    case 'parenthesized_expression':
    case 'await_expression': {
      const inner = named(n)[0];
      return inner ? plainExpr(inner, depth + 1) : ['?', n.text.slice(0, 80)];
    }
    case 'identifier':
      return n.text === 'undefined' ? ['null'] : ['id', n.text];
    case 'this':
      return ['this'];
    case 'string':
      return ['s', stringText(n) ?? ''];
    case 'number':
      return ['n', Number(n.text)];
    case 'member_expression': {
      const obj = n.childForFieldName('object');
      const prop = n.childForFieldName('property');
      return obj && prop ? ['m', plainExpr(obj, depth + 1), prop.text] : ['?', n.text.slice(0, 80)];
    }
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      if (!fn) return ['?', n.text.slice(0, 80)];
      return ['c', plainExpr(fn, depth + 1), named(n.childForFieldName('arguments')).map((a) => plainExpr(a, depth + 1)), [line(n), n.startIndex]];
    }
    case 'object': {
      const pairs: [string, Expr][] = [];
      for (const p of named(n)) {
        if (p.type === 'shorthand_property_identifier') pairs.push([p.text, ['id', p.text]]);
        const key = p.type === 'pair' ? p.childForFieldName('key') : null;
        const value = p.type === 'pair' ? p.childForFieldName('value') : null;
        if (key && value && /^[\w$]+$/.test(key.text)) pairs.push([key.text, plainExpr(value, depth + 1)]);
      }
      return ['o', pairs];
    }
    default:
      return ['?', n.text.slice(0, 80)];
  }
}

/**
 * The tests a throw sits under, outermost first, as `When` has them (same offsets), but with a call
 * in a test kept as the value tested (`!await can(uid)` → not(t(can(uid)))): the interpreter asks
 * what that call answers for a guest. Undefined where the throw sits somewhere that decides more
 * than a test (a `try` that catches it, a `catch`, a loop, a `switch` case).
 */
export function testsAbove(thrown: Node): When['w'] | undefined {
  const out: When['w'] = [];
  let child: Node = thrown;
  for (let p = thrown.parent; p && !FUNCTION_TYPES.has(p.type); child = p, p = p.parent) {
    switch (p.type) {
      case 'if_statement': {
        const cond = p.childForFieldName('condition');
        const cons = p.childForFieldName('consequence');
        if (!cond || child.startIndex === cond.startIndex) return undefined;
        const holds = !!cons && cons.startIndex <= child.startIndex && child.endIndex <= cons.endIndex;
        out.push({ offset: cond.startIndex, holds, cond: testCond(cond, 0) });
        break;
      }
      case 'statement_block':
      case 'program':
        // `if (!item) throw …;` before: what follows runs when it fails.
        for (const s of named(p)) {
          if (s.startIndex >= child.startIndex) break;
          const cond = s.type === 'if_statement' && !s.childForFieldName('alternative') && leaves(s.childForFieldName('consequence')) ? s.childForFieldName('condition') : null;
          if (cond) out.push({ offset: cond.startIndex, holds: false, cond: testCond(cond, 0) });
        }
        break;
      case 'else_clause':
      case 'expression_statement':
        break;
      default:
        return undefined;
    }
  }
  return out.reverse();
}

function testCond(n: Node, depth: number): Cond {
  if (depth > 12) return ['?'];
  switch (n.type) {
    case 'parenthesized_expression':
    case 'await_expression': {
      const inner = named(n)[0];
      return inner ? testCond(inner, depth + 1) : ['?'];
    }
    case 'unary_expression': {
      const arg = n.childForFieldName('argument');
      return n.childForFieldName('operator')?.text === '!' && arg ? ['not', testCond(arg, depth + 1)] : ['?'];
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      return l && r && (op === '&&' || op === '||') ? [op === '&&' ? 'and' : 'or', testCond(l, depth + 1), testCond(r, depth + 1)] : ['?'];
    }
    case 'identifier':
    case 'member_expression':
    case 'call_expression':
      return ['t', plainExpr(n, 0)];
    default:
      return ['?'];
  }
}
