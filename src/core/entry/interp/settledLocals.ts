// The locals a refusal's test may read, with the values they surely hold there. A guard factory's
// middleware often works out what to check from its closure before testing it:
//   const list = (Array.isArray(needed) ? needed : [needed]).filter((n) => n !== OPEN);
//   if (!list.length) return next();
// so whether its refusal is reached depends on a local made from the factory's argument. A local
// counts only when nothing could have changed it before the test: bound once, at the top of the
// body (under no `if`), never assigned to or through, never handed to a call or a mutating method,
// nor touched by a closure, before the test's position. Anything else stays unknown, as before.
import type { Expr, FnFact, Op } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, FnValue } from './values';
import { UNKNOWN } from './values';
import { INEXACT } from './builtins';
import { opExprs, subExprs, walkOps, whenOf } from './opWalk';

/** Array and string methods that read their receiver and leave it as it was. */
const READS_ONLY = new Set(['length', 'includes', 'indexOf', 'lastIndexOf', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'join', 'slice', 'concat', 'forEach', 'reduce', 'at', 'has', 'get', 'toString', 'keys', 'values', 'entries', 'startsWith', 'endsWith', 'trim', 'toLowerCase', 'toUpperCase', 'split', 'flat', 'flatMap']);
const MAX_DEPTH = 30;

interface Settled {
  expr: Expr;
  /** The first position at which something may change it (`-Infinity`: somewhere we cannot place). */
  risk: number;
}

export interface Locals {
  /** Every name the function binds (parameters included). */
  names: Set<string>;
  settled: Map<string, Settled>;
}

/** The locals of `fn` bound once, unconditionally, at the top of its body, with where each may first change. */
export function settledLocals(x: Interp, fn: FnValue): Locals {
  const fact = x.fnFact(fn);
  const out = new Map<string, Settled>();
  if (!fact) return { names: new Set(), settled: out };
  const bound = new Map<string, number>();
  const bind = (name: string): void => void bound.set(name, (bound.get(name) ?? 0) + 1);
  walkOps(fact.ops, (op) => {
    if (op[0] === 'let' || op[0] === 'for') bind(op[1]);
    if (op[0] === 'pat') for (const [local] of op[1]) bind(local);
  });
  for (const p of fact.params) bind(p);
  for (const op of fact.ops) {
    if (op[0] === 'let' && !whenOf(op) && bound.get(op[1]) === 1 && computed(op[2], 0)) out.set(op[1], { expr: op[2], risk: Infinity });
  }
  const all = { names: new Set(bound.keys()), settled: out };
  if (!out.size) return all;
  const touch = (name: string, at: number): void => {
    const s = out.get(name);
    if (s && at < s.risk) s.risk = at;
  };
  const visit = (e: Expr, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (e[0] === 'c' || e[0] === 'new') {
      const at = e[3][1];
      // Handed to a call (which may push onto it), or a method that changes it called on it.
      for (const a of e[2]) for (const n of rootNames(a)) touch(n, at);
      const callee = e[1];
      if (callee[0] === 'm' && callee[1][0] === 'id' && !READS_ONLY.has(callee[2])) touch(callee[1][1], at);
    }
    // `n++`, `list[i] = …` inside a larger expression, kept as text.
    if (e[0] === '?') for (const name of out.keys()) if (assignedInText(e[1], name)) touch(name, -Infinity);
    for (const sub of subExprs(e)) visit(sub, depth + 1);
  };
  walkOps(fact.ops, (op) => {
    // Written to through a member (`list.x = …`, `list[0] = …`): where, the facts do not say.
    if (op[0] === 'set') for (const n of rootNames(op[1])) touch(n, -Infinity);
    for (const e of opExprs(op)) visit(e, 0);
  });
  // Closures written inside it may run at any time: one that names a local leaves it unknown.
  const facts = x.factsOf(fn.file);
  facts?.fns.forEach((g, i) => {
    if (i <= fn.fn || !descends(facts.fns, i, fn.fn)) return;
    for (const name of out.keys()) if (mentions(g, name)) touch(name, -Infinity);
  });
  return all;
}

/**
 * `env` with each settled local of `fn` bound to its value, for a test at `offset`; every other
 * local (and one changed before the test) is unknown, never a name of the closure it shadows.
 */
export function bindSettled(x: Interp, locals: Locals, env: Env, offset: number): Env {
  const out: Env = { vars: new Map(env.vars), parent: env.parent, file: env.file, ...(env.self ? { self: env.self } : {}) };
  for (const name of locals.names) if (!out.vars.has(name)) out.vars.set(name, UNKNOWN(name));
  for (const [name, s] of locals.settled) {
    if (s.risk <= offset) continue;
    // Only what follows surely from what it reads: nothing read is a guess, a setting at its default,
    // unknown (the request), and no filter kept an item it could not decide.
    if (!readsKnown(x, s.expr, out, 0)) continue;
    const v = x.evalQuietly(s.expr, out);
    if (!INEXACT.has(v) && !x.guessed.has(v) && !x.configured.has(v)) out.vars.set(name, v);
  }
  return out;
}

/** Every plain read of `e` (outside the functions written in it) is a known value, none a guess. */
function readsKnown(x: Interp, e: Expr, env: Env, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (e[0] === 'id' || ((e[0] === 'm' || e[0] === 'ix') && plainRead(e, 0))) {
    const v = x.evalExpr(e, env);
    return v.k !== 'unknown' && !x.guessed.has(v) && !x.configured.has(v);
  }
  if (e[0] === 'f') return true;
  return subExprs(e).every((sub) => readsKnown(x, sub, env, depth + 1));
}

function plainRead(e: Expr, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (e[0] === 'id' || e[0] === 'this') return true;
  if (e[0] === 'm') return plainRead(e[1], depth + 1);
  if (e[0] === 'ix') return plainRead(e[1], depth + 1) && (e[2][0] === 's' || e[2][0] === 'n');
  return false;
}

/** Methods of arrays and strings whose answer the language fixes (given an inline callback where they take one). */
const PURE_METHODS = new Set(['includes', 'indexOf', 'lastIndexOf', 'join', 'slice', 'concat', 'flat', 'split', 'trim', 'toLowerCase', 'toUpperCase', 'startsWith', 'endsWith']);
const CALLBACK_METHODS = new Set(['filter', 'map', 'some', 'every', 'find', 'findIndex', 'flatMap']);
const PURE_STATICS = new Set(['Array.isArray', 'Array.from', 'Object.keys', 'Object.values', 'Object.entries']);

/**
 * Worked out from values by the language alone: literals, reads, ternaries, and the methods of
 * arrays and strings — never a call of a function of the service (`await this.run(query)`, whose
 * answer here is whatever its code returns when nothing real is behind it).
 */
function computed(e: Expr, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (e[0] === 'new' || e[0] === 'imp' || e[0] === 'k') return false;
  if (e[0] === 'c') {
    const callee = e[1];
    if (callee[0] !== 'm') return false;
    const [, obj, prop] = callee;
    const statik = obj[0] === 'id' && PURE_STATICS.has(`${obj[1]}.${prop}`);
    const callback = CALLBACK_METHODS.has(prop) && e[2].length === 1 && e[2][0]![0] === 'f';
    if (!statik && !callback && !PURE_METHODS.has(prop)) return false;
    return computed(obj, depth + 1) && e[2].every((a) => a[0] === 'f' || computed(a, depth + 1));
  }
  return subExprs(e).every((sub) => computed(sub, depth + 1));
}

/** The names at the root of what an expression reads (`list`, `list.items`, `list[0]`). */
function rootNames(e: Expr): string[] {
  let r = e;
  for (let i = 0; (r[0] === 'm' || r[0] === 'ix') && i < MAX_DEPTH; i++) r = r[1];
  return r[0] === 'id' ? [r[1]] : [];
}

function assignedInText(text: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(`(\\+\\+|--)\\s*${n}\\b|\\b${n}\\s*(\\+\\+|--|(\\[[^\\]]*\\]|\\.[\\w$]+)*\\s*([-+*/%|&^]|\\*\\*|<<|>>>?|\\?\\?|\\|\\||&&)?=(?!=))`).test(text);
}

function descends(fns: readonly FnFact[], i: number, ancestor: number): boolean {
  for (let p = fns[i]?.parent, d = 0; p !== undefined && d < MAX_DEPTH; p = fns[p]?.parent, d++) if (p === ancestor) return true;
  return false;
}

/** Does any expression of `g` read `name` (by name, or in text kept as written)? */
function mentions(g: FnFact, name: string): boolean {
  const word = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
  let found = false;
  const visit = (e: Expr, depth: number): void => {
    if (found || depth > MAX_DEPTH) return;
    if ((e[0] === 'id' && e[1] === name) || (e[0] === '?' && word.test(e[1]))) {
      found = true;
      return;
    }
    for (const sub of subExprs(e)) visit(sub, depth + 1);
  };
  walkOps(g.ops as Op[], (op) => {
    if (op[0] === 'set') for (const n of rootNames(op[1])) if (n === name) found = true;
    for (const e of opExprs(op)) visit(e, 0);
  });
  return found;
}
