// Computes a string a route path is built from by calling a small pure function of this
// repository (strFuncs.ts) with constant arguments: `getPath(NewOrderLinkType, "{provisionerID}")`
// → "/{provisionerID}/new-order". A constant of a named type formats (`%s`) through the type's
// own `String()` method when that is such a function. Anything not computable is `undefined`:
// the path stays dynamic, never guessed.
import type { SExpr, SStmt, StrFn } from './strFuncs';
import type { Callee, StrPart } from './types';
import { libCall } from './libCalls';
import { dotted } from './strFuncs';
import type { PointerEffect } from './startValues';

/** A value: a string, a package-level name that is not a string constant (`dir#NewOrderLinkType`), a boolean, a list (a variadic parameter), a parsed URL (`url.Parse(s)`). */
export type SVal = { s: string } | { k: string } | { b: boolean } | { list: SVal[] } | { url: string };

export interface StrEnv {
  /** The string program of a callee, with its key (`dir#Type.Method`), when it is one. */
  strFn(c: Callee): { fn: StrFn; key: string } | undefined;
  /** A string constant's value (`dir#Name`). */
  constant(k: string): string | undefined;
  /** The declared type of a package-level constant (`dir#NewOrderLinkType` → `dir#LinkType`). */
  constType(k: string): string | undefined;
  /** The function a key names (a type's `String` method), as a string program. */
  strFnByKey(key: string): StrFn | undefined;
  /** The library function a callee names (`{ ext: 'strings', name: 'TrimSuffix' }`), for libCalls.ts. */
  ext?(c: Callee): { ext: string; name: string } | undefined;
  /** A command-line flag's default, by its name, when every declaration of it agrees (startValues.ts). */
  flag?(name: string): string | undefined;
  /** Told of each outside input a value was computed from at its default (`flag "server-host"`, `env BASE_PATH`). */
  read?(what: string): void;
  /** What a function of ours does to the string handed to its parameter `index` by address (startValues.ts). */
  pointerEffect?(c: Callee, index: number): PointerEffect | undefined;
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
  if (f) return run(env, f.fn, undefined, args, depth + 1);
  // The standard library and flag packages at their known behaviour (`strings.TrimSuffix`, `url.Parse`, `c.String("server-host")`).
  const lib = env.ext?.(callee);
  return lib ? libCall(env, lib, args) : undefined;
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

/**
 * Runs statements: the returned value, `undefined` when it cannot be computed, 'fallthrough' when the
 * block ends without returning. A block runs on a copy of the scope; what it assigns (`set`) to a
 * local it did not declare itself is seen after it.
 */
function exec(env: StrEnv, body: SStmt[], scope: Map<string, SVal>, depth: number, declared = new Set<string>()): SVal | undefined | 'fallthrough' {
  const inBlock = (b: SStmt[]): SVal | undefined | 'fallthrough' => {
    const inner = new Map(scope);
    const own = new Set<string>();
    const r = exec(env, b, inner, depth, own);
    if (r === 'fallthrough') for (const [k, v] of inner) if (!own.has(k) && scope.has(k)) scope.set(k, v);
    return r;
  };
  for (const st of body) {
    switch (st[0]) {
      case 'ret':
        return value(env, st[1], scope, depth);
      case 'let':
      case 'set': {
        const v = value(env, st[2], scope, depth);
        if (!v) return undefined;
        scope.set(st[1], v);
        if (st[0] === 'let') declared.add(st[1]);
        break;
      }
      case 'if': {
        const c = value(env, st[1], scope, depth);
        if (!c || !('b' in c)) return undefined;
        if (!c.b) break;
        if (!st[2]) return undefined;
        const r = inBlock(st[2]);
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
        const r = inBlock(chosen);
        if (r !== 'fallthrough') return r;
        break;
      }
    }
  }
  return 'fallthrough';
}

/**
 * A field of what Go's `url.Parse` gives for a string: scheme, host, path, query, fragment. A path
 * with an escape (`%2F`), which Go decodes, is not computed.
 */
export function urlField(raw: string, field: string): string | undefined {
  let rest = raw;
  const hash = rest.indexOf('#');
  const fragment = hash >= 0 ? rest.slice(hash + 1) : '';
  if (hash >= 0) rest = rest.slice(0, hash);
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  const scheme = m ? m[1].toLowerCase() : '';
  if (m) rest = rest.slice(m[0].length);
  const q = rest.indexOf('?');
  const query = q >= 0 ? rest.slice(q + 1) : '';
  if (q >= 0) rest = rest.slice(0, q);
  let host = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    host = slash >= 0 ? rest.slice(2, slash) : rest.slice(2);
    rest = slash >= 0 ? rest.slice(slash) : '';
  } else if (scheme && !rest.startsWith('/')) rest = '';
  if (rest.includes('%')) return undefined;
  switch (field) {
    case 'Scheme':
      return scheme;
    case 'Host':
      return host;
    case 'Path':
      return rest;
    case 'RawQuery':
      return query;
    case 'Fragment':
      return fragment;
  }
  return undefined;
}

function same(a: SVal, b: SVal): boolean {
  if ('s' in a && 's' in b) return a.s === b.s;
  if ('k' in a && 'k' in b) return a.k === b.k;
  if ('b' in a && 'b' in b) return a.b === b.b;
  return false;
}

export function value(env: StrEnv, e: SExpr, scope: Map<string, SVal>, depth: number): SVal | undefined {
  switch (e[0]) {
    case '==':
    case '!=': {
      const a = value(env, e[1], scope, depth);
      const b = a && value(env, e[2], scope, depth);
      const known = a && b && (('s' in a && 's' in b) || ('b' in a && 'b' in b));
      return known ? { b: same(a, b) === (e[0] === '==') } : undefined;
    }
    case '&&':
    case '||': {
      // Go's short circuit: the right side is not needed (nor computed) once the left decides.
      const a = value(env, e[1], scope, depth);
      if (!a || !('b' in a)) return undefined;
      if (a.b === (e[0] === '||')) return a;
      const b = value(env, e[2], scope, depth);
      return b && 'b' in b ? b : undefined;
    }
    case '!': {
      const a = value(env, e[1], scope, depth);
      return a && 'b' in a ? { b: !a.b } : undefined;
    }
    case '.': {
      // A field start-up code gave a local (`c.BasePath = base`, startValues.ts).
      const d = dotted(e);
      if (d !== undefined && scope.has(d)) return scope.get(d);
      const a = value(env, e[1], scope, depth);
      const f = a && 'url' in a ? urlField(a.url, e[2]) : undefined;
      return f !== undefined ? { s: f } : undefined;
    }
    case 'f': {
      const v = value(env, e[2], scope, depth);
      if (v && 's' in v) env.read?.(`flag "${e[1]}" at its default ${JSON.stringify(v.s)}`);
      return v;
    }
    case 's':
      return { s: e[1] };
    case 'b':
      return { b: e[1] };
    case 'v':
      return scope.get(e[1]);
    case 'k':
      // A setting the program was started with (its value before an in-place rewrite, resolve.ts) is read from the scope.
      return scope.get(e[1]) ?? name(env, e[1]);
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
