// Computes a string a route path is built from by calling a small pure function of this
// repository (strFuncs.ts) with constant arguments: `getPath(NewOrderLinkType, "{provisionerID}")`
// → "/{provisionerID}/new-order". A constant of a named type formats (`%s`) through the type's
// own `String()` method when that is such a function. Anything not computable is `undefined`:
// the path stays dynamic, never guessed.
import type { SExpr, SStmt, StrFn } from './strFuncs';
import type { Callee, StrPart } from './types';

/** A value: a string, a package-level name that is not a string constant (`dir#NewOrderLinkType`), a boolean, a list (a variadic parameter). */
export type SVal = { s: string } | { k: string } | { b: boolean } | { list: SVal[] };

export interface StrEnv {
  /** The string program of a callee, with its key (`dir#Type.Method`), when it is one. */
  strFn(c: Callee): { fn: StrFn; key: string } | undefined;
  /** A string constant's value (`dir#Name`). */
  constant(k: string): string | undefined;
  /** The declared type of a package-level constant (`dir#NewOrderLinkType` → `dir#LinkType`). */
  constType(k: string): string | undefined;
  /** The function a key names (a type's `String` method), as a string program. */
  strFnByKey(key: string): StrFn | undefined;
}

const MAX_DEPTH = 6;

/** A string piece that is a call: its value, or `undefined`. */
export function evalCallPart(env: StrEnv, callee: Callee, args: StrPart[][]): string | undefined {
  const vals: SVal[] = [];
  for (const a of args) {
    const v = partsValue(env, a);
    if (!v) return undefined;
    vals.push(v);
  }
  const r = call(env, callee, vals, 0);
  return r && 's' in r ? r.s : undefined;
}

function partsValue(env: StrEnv, parts: StrPart[]): SVal | undefined {
  if (parts.length === 1 && 'dyn' in parts[0]) {
    const d = parts[0].dyn;
    if (d === 'true' || d === 'false') return { b: d === 'true' };
    // An unused `nil` argument (a base URL for absolute links) does not stop the computation.
    if (d === 'nil') return { k: 'nil' };
    if (/^[\w/.-]*#\w+$/.test(d)) return name(env, d);
    // A setting whose fresh-install value is known (`conf#Server.BasePath`, configValues.ts).
    const c = env.constant(d);
    return c !== undefined ? { s: c } : undefined;
  }
  let s = '';
  for (const p of parts) {
    if ('lit' in p) s += p.lit;
    else if ('call' in p) {
      const v = evalCallPart(env, p.call, p.args);
      if (v === undefined) return undefined;
      s += v;
    } else if ('dyn' in p && env.constant(p.dyn) !== undefined) s += env.constant(p.dyn);
    else return undefined;
  }
  return { s };
}

function name(env: StrEnv, k: string): SVal {
  const c = env.constant(k);
  return c !== undefined ? { s: c } : { k };
}

function call(env: StrEnv, callee: Callee, args: SVal[], depth: number): SVal | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (callee === 'ext:fmt#Sprintf') return sprintf(env, args, depth);
  if (callee === 'ext:path#Join') {
    const ss = args.map((a) => str(env, a, depth));
    return ss.every((x): x is string => x !== undefined) ? { s: joinPath(ss) } : undefined;
  }
  const f = env.strFn(callee);
  return f ? run(env, f.fn, undefined, args, depth + 1) : undefined;
}

function run(env: StrEnv, fn: StrFn, recv: SVal | undefined, args: SVal[], depth: number): SVal | undefined {
  const scope = new Map<string, SVal>();
  if (fn.recv && recv) scope.set(fn.recv, recv);
  fn.params.forEach((p, i) => {
    if (fn.variadic && i === fn.params.length - 1) scope.set(p, { list: args.slice(i) });
    else if (args[i]) scope.set(p, args[i]);
  });
  const r = exec(env, fn.body, scope, depth);
  return r === 'fallthrough' ? undefined : r;
}

/** Runs statements: the returned value, `undefined` when it cannot be computed, 'fallthrough' when the block ends without returning. */
function exec(env: StrEnv, body: SStmt[], scope: Map<string, SVal>, depth: number): SVal | undefined | 'fallthrough' {
  for (const st of body) {
    switch (st[0]) {
      case 'ret':
        return value(env, st[1], scope, depth);
      case 'let': {
        const v = value(env, st[2], scope, depth);
        if (!v) return undefined;
        scope.set(st[1], v);
        break;
      }
      case 'if': {
        const c = value(env, st[1], scope, depth);
        if (!c || !('b' in c)) return undefined;
        if (!c.b) break;
        if (!st[2]) return undefined;
        const r = exec(env, st[2], new Map(scope), depth);
        if (r !== 'fallthrough') return r;
        break;
      }
      case 'sw': {
        const tag = st[1] ? value(env, st[1], scope, depth) : { b: true };
        if (!tag) return undefined;
        let chosen: SStmt[] | undefined;
        for (const [values, b] of st[2]) {
          if (values === null) continue;
          for (const v of values) {
            const cv = value(env, v, scope, depth);
            if (!cv) return undefined;
            if (same(tag, cv)) chosen ??= b;
          }
        }
        chosen ??= st[2].find(([values]) => values === null)?.[1];
        if (!chosen) break;
        const r = exec(env, chosen, new Map(scope), depth);
        if (r !== 'fallthrough') return r;
        break;
      }
    }
  }
  return 'fallthrough';
}

function same(a: SVal, b: SVal): boolean {
  if ('s' in a && 's' in b) return a.s === b.s;
  if ('k' in a && 'k' in b) return a.k === b.k;
  if ('b' in a && 'b' in b) return a.b === b.b;
  return false;
}

function value(env: StrEnv, e: SExpr, scope: Map<string, SVal>, depth: number): SVal | undefined {
  switch (e[0]) {
    case 's':
      return { s: e[1] };
    case 'b':
      return { b: e[1] };
    case 'v':
      return scope.get(e[1]);
    case 'k':
      return name(env, e[1]);
    case 'i': {
      const l = value(env, e[1], scope, depth);
      return l && 'list' in l ? l.list[e[2]] : undefined;
    }
    case '+': {
      const a = value(env, e[1], scope, depth);
      const b = value(env, e[2], scope, depth);
      return a && b && 's' in a && 's' in b ? { s: a.s + b.s } : undefined;
    }
    case 'c': {
      const args: SVal[] = [];
      for (const a of e[2]) {
        if (a[0] === '...') {
          const l = value(env, a[1], scope, depth);
          if (!l || !('list' in l)) return undefined;
          args.push(...l.list);
          continue;
        }
        const v = value(env, a, scope, depth);
        if (!v) return undefined;
        args.push(v);
      }
      return call(env, e[1], args, depth + 1);
    }
  }
  return undefined;
}

/** A value as `%s` / `%v` prints it: a constant of a named type through its `String()` method. */
function str(env: StrEnv, v: SVal, depth: number): string | undefined {
  if ('s' in v) return v.s;
  if (!('k' in v)) return undefined;
  const t = env.constType(v.k);
  const fn = t ? env.strFnByKey(`${t}.String`) : undefined;
  if (!fn || depth > MAX_DEPTH) return undefined;
  const r = run(env, fn, v, [], depth + 1);
  return r && 's' in r ? r.s : undefined;
}

function sprintf(env: StrEnv, args: SVal[], depth: number): SVal | undefined {
  const f = args[0];
  if (!f || !('s' in f)) return undefined;
  let i = 1;
  let ok = true;
  const out = f.s.replace(/%([%svdq])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    const a = args[i++];
    const s = a && str(env, a, depth);
    if (s === undefined) ok = false;
    return verb === 'q' ? JSON.stringify(s ?? '') : s ?? '';
  });
  return ok && i === args.length ? { s: out } : undefined;
}

function joinPath(parts: string[]): string {
  const joined = parts.filter(Boolean).join('/').replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}
