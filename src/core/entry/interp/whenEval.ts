// Deciding an `if` test (`facts/whenConds.ts`) on the values the interpreter knows. Three-valued:
// `undefined` when any value it needs is unknown (a setting, the request, a package's object), and
// then both arms run as before. Only what the language itself guarantees is decided: a string's,
// number's or literal's truth, equality of such values, `typeof` of a value whose kind is sure.
import type { Cond, CondArg, Expr } from '../facts/types';
import type { Env, Value } from './values';

type Eval = (e: Expr, env: Env) => Value;
/** How a value is a guess (Interp.guessed), if it is one. */
type Guessed = (v: Value) => 'or' | 'any' | undefined;

export function decide(c: Cond, env: Env, evalExpr: Eval, guessed: Guessed = () => undefined): boolean | undefined {
  switch (c[0]) {
    case 't': {
      const v = evalExpr(c[1], env);
      const g = guessed(v);
      const t = truth(v);
      // `a || 'x'` with `a` unknown is truthy either way; any other guess decides nothing.
      return g === undefined ? t : g === 'or' && t === true ? true : undefined;
    }
    case 'not': {
      const v = decide(c[1], env, evalExpr, guessed);
      return v === undefined ? undefined : !v;
    }
    case 'and': {
      const a = decide(c[1], env, evalExpr, guessed);
      if (a === false) return false;
      const b = decide(c[2], env, evalExpr, guessed);
      if (b === false) return false;
      return a && b ? true : undefined;
    }
    case 'or': {
      const a = decide(c[1], env, evalExpr, guessed);
      if (a === true) return true;
      const b = decide(c[2], env, evalExpr, guessed);
      if (b === true) return true;
      return a === false && b === false ? false : undefined;
    }
    case 'arr': {
      const v = evalExpr(c[1], env);
      if (guessed(v)) return undefined;
      if (v.k === 'arr') return true;
      // A string, number, boolean, null, function or plain object is surely no array.
      if (v.k === 'str' || v.k === 'num' || v.k === 'bool' || v.k === 'null' || v.k === 'fn' || v.k === 'cls' || (v.k === 'obj' && !v.coll)) return false;
      return undefined;
    }
    case 'eq': {
      const same = equal(arg(c[2], env, evalExpr, guessed), arg(c[3], env, evalExpr, guessed), c[1] === '===' || c[1] === '!==');
      if (same === undefined) return undefined;
      return c[1] === '===' || c[1] === '==' ? same : !same;
    }
    default:
      return undefined;
  }
}

/** A value's truth when its kind makes it sure; `undefined` for anything not known. */
export function truth(v: Value): boolean | undefined {
  switch (v.k) {
    case 'str':
      return v.v !== '';
    case 'num':
      return v.v !== 0 && !Number.isNaN(v.v);
    case 'bool':
      return v.v;
    case 'null':
      return false;
    case 'obj':
    case 'arr':
    case 'fn':
    case 'cls':
    case 'inst':
    case 'router':
      return true;
    case 'unknown':
      // A repository path is a non-empty string; a setting a fresh install leaves unset is undefined, and
      // so is a property an object literal of ours lacks (`routes[key].admin` of `{ authenticated, controller }`:
      // a route table's flags, where the test must not push every flag's middleware onto every route).
      return v.file !== undefined ? true : v.unset || v.absent ? false : undefined;
    default:
      return undefined;
  }
}

/**
 * A primitive the comparison can be made on, a sure object, a repository path (a string, absolute
 * where the code runs: never `''` nor a relative literal), or undefined.
 */
type Side = { prim: string | number | boolean | null } | { object: true } | { absPath: true } | undefined;

function arg(a: CondArg, env: Env, evalExpr: Eval, guessed: Guessed): Side {
  const v = evalExpr(a[1], env);
  if (guessed(v)) return undefined;
  if (a[0] === 'typeof') {
    const t = typeOf(v);
    return t === undefined ? undefined : { prim: t };
  }
  switch (v.k) {
    case 'str':
    case 'num':
    case 'bool':
      return { prim: v.v };
    case 'null':
      return { prim: null };
    case 'obj':
    case 'arr':
    case 'fn':
    case 'cls':
    case 'inst':
      return { object: true };
    case 'unknown':
      return v.file !== undefined ? { absPath: true } : v.unset || v.absent ? { prim: null } : undefined;
    default:
      return undefined;
  }
}

/** `typeof` of a value whose kind is sure. `null` stands for both null and undefined: not decided. */
function typeOf(v: Value): string | undefined {
  switch (v.k) {
    case 'str':
      return 'string';
    case 'num':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'obj':
    case 'arr':
    case 'inst':
      return 'object';
    case 'fn':
    case 'cls':
      return 'function';
    case 'unknown':
      return v.file !== undefined ? 'string' : undefined;
    default:
      return undefined;
  }
}

function equal(a: Side, b: Side, strict: boolean): boolean | undefined {
  if (!a || !b) return undefined;
  if ('absPath' in a || 'absPath' in b) {
    const other = 'absPath' in a ? b : a;
    // Against a literal that is no absolute path (`''`, `'.'`, `null`, a number): not equal; anything else is not known.
    if ('prim' in other && !(typeof other.prim === 'string' && other.prim.startsWith('/'))) return false;
    return undefined;
  }
  // Two objects may or may not be the same one: not decided.
  if ('object' in a && 'object' in b) return undefined;
  // An object never equals null/undefined; strictly, never a primitive either.
  if ('object' in a || 'object' in b) {
    const p = 'prim' in a ? a.prim : 'prim' in b ? b.prim : undefined;
    return p === null || strict ? false : undefined;
  }
  if (a.prim === null || b.prim === null) return a.prim === b.prim;
  if (typeof a.prim === typeof b.prim) return a.prim === b.prim;
  return strict ? false : undefined;
}

/**
 * `decide` for a reader that knows one route's URL (pathAllowList.ts, unlessOption.ts): a pure test
 * of the request's URL (`['url', e]`, facts/urlConds.ts) is the truth of what `evalExpr` makes of it,
 * also under `not`, `and` and `or`; anything else is decided as `decide` does.
 */
export function decideAtUrl(c: Cond, env: Env, evalExpr: Eval, guessed: Guessed = () => undefined): boolean | undefined {
  switch (c[0]) {
    case 'url':
      return truth(evalExpr(c[1], env));
    case 'not': {
      const v = decideAtUrl(c[1], env, evalExpr, guessed);
      return v === undefined ? undefined : !v;
    }
    case 'and':
    case 'or': {
      const a = decideAtUrl(c[1], env, evalExpr, guessed);
      const z = decideAtUrl(c[2], env, evalExpr, guessed);
      if (c[0] === 'and') return a === false || z === false ? false : a && z ? true : undefined;
      return a === true || z === true ? true : a === false && z === false ? false : undefined;
    }
    default:
      return decide(c, env, evalExpr, guessed);
  }
}

