// A refusal that depends on a setting, not on who calls. A handler that answers 403 under
// `if (!await validateRegistrationPolicy(userData))`, where that function of ours answers false
// only under a test of a setting against a literal (`if (registrationType === 'disabled') return
// false`, the type read from the site's configuration) and true otherwise, refuses everyone alike
// while the site is so configured: a closed sign-up, not a check of the caller.
import type { Cond, Expr, FnFact, Refusal } from '../facts/types';
import type { Interp } from './interpreter';
import type { FnValue } from './values';
import { calleesOf } from './identityCalls';
import { opExprs, subExprs, walkOps, whenOf } from './opWalk';

const MAX_DEPTH = 20;

/** Does one of the tests `r` sits under negate a call of a function of ours that answers false only by a setting? */
export function refusesBySetting(x: Interp, f: FnValue, r: Refusal): boolean {
  for (const part of condTests(r.cond ?? '')) {
    const m = /^\(?\s*!\s*(?:await\s+)?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\(|…$)/.exec(part.trim());
    if (!m) continue;
    // A test cut short (`!await validateRegistrationPol…`): the call of the function it names, found among its calls.
    const callee = m[2] === '(' ? dotted(m[1]!) : calledByPrefix(x.fnFact(f), m[1]!);
    if (!callee) continue;
    const fns = calleesOf(x, f, callee);
    if (fns?.length && fns.every((g) => falseOnlyBySetting(x.fnFact(g)))) return true;
  }
  return false;
}

function dotted(text: string): Expr {
  const names = text.split('.');
  let e: Expr = ['id', names[0]!];
  for (const n of names.slice(1)) e = ['m', e, n];
  return e;
}

/** The one callee of `fact`'s calls written as a name beginning with `prefix`. */
function calledByPrefix(fact: FnFact | undefined, prefix: string): Expr | undefined {
  const found = new Map<string, Expr>();
  const visit = (e: Expr, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (e[0] === 'c') {
      const t = dottedText(e[1]);
      if (t?.startsWith(prefix)) found.set(t, e[1]);
    }
    for (const sub of subExprs(e)) visit(sub, depth + 1);
  };
  walkOps(fact?.ops ?? [], (op) => opExprs(op).forEach((e) => visit(e, 0)));
  return found.size === 1 ? [...found.values()][0] : undefined;
}

function dottedText(e: Expr): string | undefined {
  if (e[0] === 'id') return e[1];
  if (e[0] === 'm') {
    const o = dottedText(e[1]);
    return o === undefined ? undefined : `${o}.${e[2]}`;
  }
  return undefined;
}

/**
 * Its falsy answers (`return false`) all sit under tests of settings, its last answer is a truthy
 * literal, and it refuses nothing itself.
 */
function falseOnlyBySetting(fact: FnFact | undefined): boolean {
  if (!fact || fact.refusals?.length) return false;
  const params = new Set(fact.params);
  const locals = new Map<string, Expr>();
  let falsy = 0;
  // Tests with a `return` in their arm: what follows `if (C) return …` sits under "else of C".
  const returnedUnder = new Set<number>();
  const last = fact.ops.at(-1);
  for (const op of fact.ops) {
    const w = whenOf(op);
    if (op[0] === 'let' && !w) locals.set(op[1], op[2]);
    if (op[0] !== 'ret') continue;
    const v = literalTruth(op[1]);
    if (v === undefined) return false;
    if (v === false) {
      if (!w || !w.w.every((t) => settingTest(t.cond, params, locals))) return false;
      falsy++;
    }
    if (op === last) {
      // The last answer, truthy, reached whenever no earlier `return` was: it never ends without one.
      return v === true && falsy > 0 && (w?.w ?? []).every((t) => !t.holds && returnedUnder.has(t.offset));
    }
    for (const t of w?.w ?? []) if (t.holds) returnedUnder.add(t.offset);
  }
  // No last answer: it may end without one (undefined, falsy) for any caller.
  return false;
}

function literalTruth(e: Expr): boolean | undefined {
  switch (e[0]) {
    case 'b':
      return e[1];
    case 'null':
      return false;
    case 'n':
      return e[1] !== 0;
    case 's':
      return e[1] !== '';
    default:
      return undefined;
  }
}

/** A comparison of a value read from outside the call (not a parameter, nor made from one) with a literal. */
function settingTest(c: Cond, params: Set<string>, locals: Map<string, Expr>): boolean {
  if (c[0] !== 'eq') return false;
  const [a, b] = [c[2], c[3]];
  const lit = (s: typeof a): boolean => s[0] === 'v' && (s[1][0] === 's' || s[1][0] === 'n' || s[1][0] === 'b');
  const read = lit(a) ? b : lit(b) ? a : undefined;
  if (!read || read[0] !== 'v') return false;
  return outside(read[1], params, locals, 0);
}

function outside(e: Expr, params: Set<string>, locals: Map<string, Expr>, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (e[0] === 'id') {
    if (params.has(e[1]) || e[1] === 'this') return false;
    const bound = locals.get(e[1]);
    return bound ? outside(bound, params, new Map([...locals].filter(([k]) => k !== e[1])), depth + 1) : true;
  }
  if (e[0] === 'this' || e[0] === 'c' || e[0] === 'new' || e[0] === 'f' || e[0] === '?') return false;
  return subExprs(e).every((s) => outside(s, params, locals, depth + 1));
}

/**
 * The tests of a condition chain (`a && else of (!x && y) && (b && c)`), split at the ` && ` that join
 * them and inside a parenthesized test that must hold (`b`, `c`), never inside an "else of" (`!x && y`
 * failing is no single test failing). What a tested name was bound to (`[req.body]`) is dropped.
 */
export function condTests(cond: string): string[] {
  return split(cond).flatMap((p) => {
    const t = p.trim().replace(/\s\[[^\]]*\]$/, '');
    if (!t.startsWith('(')) return [t];
    // Cut short (`( a && !await f…`), its closing parenthesis may be gone.
    const inner = t.slice(1, t.endsWith(')') ? -1 : undefined);
    return split(inner).length > 1 ? condTests(inner) : [t];
  });
}

function split(cond: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < cond.length; i++) {
    const ch = cond[i];
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (depth === 0 && cond.startsWith(' && ', i)) {
      out.push(cond.slice(from, i));
      from = i + 4;
      i += 3;
    }
  }
  out.push(cond.slice(from));
  return out;
}
