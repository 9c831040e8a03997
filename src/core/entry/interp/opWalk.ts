// Walking a function's facts: its operations in order (through loops, overloads and quiet
// tries), the expressions each holds, the tests each sits under, and its closures with the names
// the request goes by in them. Shared by the readers of what a route does with its request
// (identityUse.ts, sessionRead.ts, handlerCheck.ts).
import type { Cond, Expr, FnFact, Op, When } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, FnValue } from './values';
import { UNKNOWN } from './values';
import { contextAsParam } from './thisContext';

/** Deepest nesting of closures and of expressions followed. */
const MAX_DEPTH = 40;

export function subExprs(e: Expr): Expr[] {
  switch (e[0]) {
    case 'm':
      return [e[1]];
    case 'ix':
    case 'or':
    case 'alt':
      return [e[1], e[2]];
    case 'c':
    case 'new':
      return [e[1], ...e[2]];
    case 'cat':
    case 'a':
      return e[1];
    case 'o':
      return e[1].flatMap(([k, v]) => (typeof k === 'string' ? [v] : [k, v]));
    case 'kw':
      return [e[2]];
    default:
      return [];
  }
}

/** The `if` tests an operation sits under (its last element, when any). */
/** The values a test reads. */
export function condExprs(c: Cond): Expr[] {
  switch (c[0]) {
    case 't':
    case 'arr':
    case 'url':
      return [c[1]];
    case 'eq':
      return [c[2][1], c[3][1]];
    case 'not':
      return condExprs(c[1]);
    case 'and':
    case 'or':
      return [...condExprs(c[1]), ...condExprs(c[2])];
    default:
      return [];
  }
}

/** The `if` tests an operation sits under; none when it sits only under tests anonymousGrant.ts alone reads (When.g). */
export function whenOf(op: Op): When | undefined {
  const last = op[op.length - 1];
  const w = last && typeof last === 'object' && !Array.isArray(last) && 'w' in last ? (last as When) : undefined;
  return w && (w.w.length || !w.g) ? w : undefined;
}

/** All of them, When.g included (anonymousGrant.ts). */
export function allTestsOf(op: Op): When['w'] {
  const last = op[op.length - 1];
  const w = last && typeof last === 'object' && !Array.isArray(last) && 'w' in last ? (last as When) : undefined;
  return w ? [...w.w, ...(w.g ?? [])] : [];
}

/** Does every test `outer` sits under also hold for `inner` (so what ran under `outer` ran before `inner`)? */
export function within(outer: When | undefined, inner: When | undefined): boolean {
  return (outer?.w ?? []).every((t) => (inner?.w ?? []).some((u) => u.offset === t.offset && u.holds === t.holds));
}

/** `f` and the functions written inside it, each with the names the request and response (parameters `at`) go by there. */
export function withClosures(x: Interp, f: FnValue, at: number[] = [0, 1]): { fact: FnFact; roots: Set<string> }[] {
  const facts = x.factsOf(f.file);
  const fact = x.fnFact(f);
  if (!facts || !fact) return [];
  const top = contextAsParam(fact);
  const rootsOf = new Map<number, Set<string>>([[f.fn, new Set(at.map((i) => top.params[i]).filter((p): p is string => !!p && /^[\w$]+$/.test(p)))]]);
  const out = [{ fact: top, roots: rootsOf.get(f.fn)! }];
  // Closures come after their parent in the file's list.
  facts.fns.forEach((g, i) => {
    if (i <= f.fn || g.parent === undefined) return;
    const parentRoots = rootsOf.get(g.parent);
    if (!parentRoots) return;
    // A closure's own parameters shadow the names it inherits.
    const roots = new Set([...parentRoots].filter((r) => !g.params.includes(r)));
    rootsOf.set(i, roots);
    out.push({ fact: g, roots });
  });
  return out.slice(0, 200);
}

export function walkOps(ops: Op[], visit: (op: Op) => void, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  for (const op of ops) {
    visit(op);
    if (op[0] === 'for') walkOps(op[3], visit, depth + 1);
    if (op[0] === 'argc') for (const arm of [op[3], op[4]]) walkOps(arm, visit, depth + 1);
    // A try whose catch swallows errors still runs its body on the request.
    if (op[0] === 'quiet') walkOps(op[1], visit, depth + 1);
  }
}

export function opExprs(op: Op): Expr[] {
  switch (op[0]) {
    case 'call':
    case 'ret':
      return [op[1]];
    case 'let':
    case 'pat':
      return [op[2]];
    case 'set':
      // Writing `req.url = …` is no read; what is written may be.
      return op[1][0] === 'm' ? [op[2], ...memberObjects(op[1])] : [op[2]];
    case 'for':
      return [op[2]];
    case 'deco':
      return op[1];
    default:
      return [];
  }
}

/** The computed parts of an assignment target (`req.cache[key(req.user)] = …`), which are read. */
function memberObjects(target: Expr): Expr[] {
  const out: Expr[] = [];
  let e = target;
  for (let i = 0; (e[0] === 'm' || e[0] === 'ix') && i < MAX_DEPTH; i++) {
    if (e[0] === 'ix') out.push(e[2]);
    e = e[1];
  }
  return out;
}

/**
 * How often each local of a function is bound (`let`, a loop variable, a pattern; an assignment
 * counts twice), with every one not yet in `env` set unknown there: a reader that gives a local the
 * value it was bound to (the URL tests of hookUrlTests.ts and pathAllowList.ts) does so only for one
 * bound once, and never lets a local read as the module name it shadows.
 */
export function bindCounts(ops: Op[], env: Env): Map<string, number> {
  const counts = new Map<string, number>();
  const bump = (n: string, by = 1): void => void counts.set(n, (counts.get(n) ?? 0) + by);
  walkOps(ops, (op) => {
    if (op[0] === 'let' || op[0] === 'for') bump(op[1]);
    if (op[0] === 'pat') for (const [, local] of op[1]) bump(local);
    if (op[0] === 'set' && op[1][0] === 'id') bump(op[1][1], 2);
  });
  for (const n of counts.keys()) if (!env.vars.has(n)) env.vars.set(n, UNKNOWN(n));
  return counts;
}
