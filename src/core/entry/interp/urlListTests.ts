// The string tests a hook makes of the request's URL against constant lists, decided for one route
// (hookUrlTests.ts): Rybbit's app-wide onRequest hook lets some URLs through before its session
// check with `if (PUBLIC_ROUTES.some((route) => url.includes(route))) return;` and
// `ANALYTICS_ROUTES.some((route) => url.startsWith(route))`, and others write
// `if (OPEN.includes(request.raw.url)) return`. On a path with parameters only the fixed beginning
// is known: a test that holds for every URL starting with it (`includes` of a part of it, `startsWith`
// of a beginning of it) is true, one that no such URL passes (`startsWith` of something the
// beginning departs from) false, and anything else unknown, as is what the list or callback we
// cannot read says.
import type { Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, Value } from './values';
import { STR } from './values';

type Eval = (e: Expr, env: Env) => Value;

/** What the URL is for one route: its whole text, or (a path with parameters) the value standing for it and its fixed beginning. */
export interface RouteUrl {
  url: Value;
  fixed?: string;
}

const STRING_TESTS = new Set(['includes', 'startsWith', 'endsWith']);
const LIST_TESTS = new Set(['some', 'every', 'includes']);

/** `s.includes(t)`, `s.startsWith(t)`, `s.endsWith(t)` with `s` the URL or a known string; `undefined` when not decided. */
function stringTest(name: string, s: Value, t: string, at: RouteUrl): boolean | undefined {
  if (s.k === 'str') return name === 'includes' ? s.v.includes(t) : name === 'startsWith' ? s.v.startsWith(t) : s.v.endsWith(t);
  if (s !== at.url || at.fixed === undefined) return undefined;
  const f = at.fixed;
  if (name === 'includes') return f.includes(t) ? true : undefined;
  if (name === 'startsWith') return f.startsWith(t) ? true : t.startsWith(f) ? undefined : false;
  return undefined;
}

/** A list's items when every one is a known string. */
function strings(v: Value): string[] | undefined {
  if (v.k !== 'arr' || v.later) return undefined;
  const out: string[] = [];
  for (const i of v.items) {
    if (i.k !== 'str') return undefined;
    out.push(i.v);
  }
  return out;
}

/**
 * The answer of call `e` when it is one of the tests above, `undefined` when it is not one or
 * cannot be decided. `evalHere` evaluates the parts (it knows the URL); `env` is where `e` is read.
 */
export function urlListTest(x: Interp, e: Expr, env: Env, evalHere: Eval, at: RouteUrl): boolean | undefined {
  if (e[0] !== 'c' || e[1][0] !== 'm' || e[2].length !== 1) return undefined;
  const name = e[1][2];
  const arg = e[2][0]!;
  if (STRING_TESTS.has(name)) {
    const recv = evalHere(e[1][1], env);
    const t = evalHere(arg, env);
    if (t.k === 'str') {
      const d = stringTest(name, recv, t.v, at);
      if (d !== undefined || recv.k !== 'arr') return d;
    }
  }
  if (!LIST_TESTS.has(name)) return undefined;
  const list = strings(evalHere(e[1][1], env));
  if (!list) return undefined;
  if (name === 'includes') {
    // `OPEN.includes(url)`: equality with one of them.
    const s = evalHere(arg, env);
    if (s.k === 'str') return list.includes(s.v);
    if (s === at.url && at.fixed !== undefined) return list.some((i) => i.startsWith(at.fixed!)) ? undefined : false;
    return undefined;
  }
  // `.some((route) => test)` / `.every(…)` with a callback of ours whose body is one expression.
  const f = evalHere(arg, env);
  const fact = f.k === 'fn' ? x.fnFact(f) : undefined;
  const param = fact?.params[0];
  const ret = fact?.ops.length === 1 && fact.ops[0]![0] === 'ret' && !fact.ops[0]![2] ? fact.ops[0]![1] : undefined;
  if (f.k !== 'fn' || !param || !ret || /^[.[{]/.test(param)) return undefined;
  let unknown = false;
  for (const item of list) {
    const inner: Env = { vars: new Map([[param, STR(item)]]), parent: f.env, file: f.file };
    const d = urlListTest(x, ret, inner, evalHere, at);
    if (d === undefined) unknown = true;
    else if (d === (name === 'some')) return d;
  }
  return unknown ? undefined : name !== 'some';
}
