// An app-wide Express or Koa middleware that checks every request but lets some URLs through first:
// `const isWhitelisted = WHITELIST_URLS.some((url) => req.path.startsWith(url)); if (isWhitelisted)
// next(); else { …verifyToken(req, res, next) / validateAPIKey(req) … res.status(401) }` (Flowise),
// `if (PUBLIC_PATHS.includes(ctx.path)) return next()`. For a route of such a list the check never
// runs: each URL test (facts/urlConds.ts) and each local bound from one is decided with the route's
// own URL, and when every refusal of the middleware and every call it hands the request to sits
// under a test so decided against, the middleware is not on the route's way. Only tests of the URL
// decide here: anything else it reads (a header, a setting) stays unknown, and so keeps the check.
// A route answers its path with and without a trailing slash (Express's default), and a path with
// parameters is tried with a value in each: one URL of the route let through is the route open.
import type { Cond, Expr, Op } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, FnValue, Value } from './values';
import { STR, UNKNOWN } from './values';
import { decideAtUrl, truth } from './whenEval';
import { regexTest } from './safeRegex';
import { bindCounts, walkOps, whenOf } from './opWalk';

const URL_KEYS = new Set(['path', 'url', 'originalUrl']);
const STRING_TESTS = new Set(['startsWith', 'endsWith', 'includes']);

/** The URLs to try for a route: its path with each parameter given a value, with and without a trailing slash. */
export function sampleUrls(path: string): string[] {
  const u = path.replace(/:[\w$]+(\([^)]*\))?\??/g, 'p1').replace(/\{[^}]*\}/g, 'p1').replace(/\*/g, 'x');
  const bare = u.length > 1 ? u.replace(/\/+$/, '') : u;
  return bare === '/' ? ['/'] : [bare, `${bare}/`];
}

/** Does middleware `f` let a request for `method path` through without any of its checks? `base`: where Express applied it. */
export function passesUncheckedAt(x: Interp, f: FnValue, method: string, path: string, base?: string): boolean {
  const fact = x.fnFact(f);
  const req = fact?.params[0];
  if (!fact || !req || !/^[A-Za-z_$][\w$]*$/.test(req) || !fact.refusals?.length) return false;
  if (!fact.refusals.every((r) => r.when?.length)) return false;
  return sampleUrls(path).some((url) => passesAt(x, f, method, url, base));
}

function passesAt(x: Interp, f: FnValue, method: string, url: string, base: string | undefined): boolean {
  const fact = x.fnFact(f)!;
  const req = fact.params[0]!;
  const next = fact.params[fact.params.length - 1];
  const b = base && base !== '/' ? base.replace(/\/+$/, '') : '';
  if (b && url !== b && !url.startsWith(`${b}/`)) return false;
  const rel = b ? url.slice(b.length) || '/' : url;
  const env: Env = { vars: new Map(), parent: f.env, file: f.file };
  fact.params.forEach((p) => env.vars.set(p, UNKNOWN(p)));
  // Did a test of the URL decide anything? Without one this reading says nothing new.
  let decidedByUrl = false;
  let readsUrl = 0;
  const evalHere = (e: Expr, en: Env): Value => {
    if (e[0] === 'm' && e[1][0] === 'id' && e[1][1] === req) {
      if (URL_KEYS.has(e[2])) {
        readsUrl++;
        return STR(e[2] === 'originalUrl' ? url : rel);
      }
      return e[2] === 'method' ? STR(method) : UNKNOWN(`request.${e[2]}`);
    }
    if (e[0] === 'c' && e[1][0] === 'm' && e[2].length === 1) {
      const before = readsUrl;
      const r = pureTest(e[1][1], e[1][2], e[2][0]!, en);
      if (r !== undefined) {
        if (readsUrl > before) decidedByUrl = true;
        return { k: 'bool', v: r };
      }
      if (['test', 'some', 'every', ...STRING_TESTS].includes(e[1][2])) return UNKNOWN('test');
    }
    return x.evalExpr(e, en);
  };
  const pureTest = (obj: Expr, prop: string, arg: Expr, en: Env): boolean | undefined => {
    if (prop === 'test') {
      const re = x.evalExpr(obj, en);
      const s = evalHere(arg, en);
      return re.k === 'unknown' && s.k === 'str' ? regexTest(s.v, re.text) : undefined;
    }
    if (STRING_TESTS.has(prop)) {
      const s = evalHere(obj, en);
      const t = evalHere(arg, en);
      if (s.k === 'str' && t.k === 'str') return prop === 'startsWith' ? s.v.startsWith(t.v) : prop === 'endsWith' ? s.v.endsWith(t.v) : s.v.includes(t.v);
      if (prop === 'includes' && s.k === 'arr' && t.k === 'str' && s.items.every((i) => i.k === 'str')) return s.items.some((i) => i.k === 'str' && i.v === t.v);
      return undefined;
    }
    if ((prop === 'some' || prop === 'every') && arg[0] === 'f') {
      const list = evalHere(obj, en);
      const cb = x.fnFact({ k: 'fn', file: f.file, fn: arg[1], env: en });
      const ret = cb?.ops.length === 1 && cb.ops[0]![0] === 'ret' ? cb.ops[0]![1] : undefined;
      const p = cb?.params[0];
      if (list.k !== 'arr' || !ret || !p || cb.params.length !== 1 || list.items.length > 500) return undefined;
      const answers = list.items.map((item) => truth(evalHere(ret, { vars: new Map([[p, item]]), parent: en, file: f.file })));
      if (prop === 'some') return answers.some((a) => a === true) ? true : answers.every((a) => a === false) ? false : undefined;
      return answers.some((a) => a === false) ? false : answers.every((a) => a === true) ? true : undefined;
    }
    return undefined;
  };
  const guessed = (v: Value): 'or' | 'any' | undefined => x.guessed.get(v) ?? (x.configured.has(v) ? 'any' : undefined);
  const decideHere = (c: Cond): boolean | undefined => decideAtUrl(c, env, evalHere, guessed);
  // Locals bound once (`const isWhitelisted = list.some(…)`, `const { path } = req`): their value
  // where the tests below read them. One bound again, or in a loop, stays unknown.
  const counts = bindCounts(fact.ops, env);
  for (const op of fact.ops) {
    if (op[0] === 'pat' && op[2][0] === 'id' && op[2][1] === req) {
      for (const [key, local] of op[1]) if (counts.get(local) === 1 && (URL_KEYS.has(key) || key === 'method')) env.vars.set(local, evalHere(['m', ['id', req], key], env));
    }
    if (op[0] === 'let' && counts.get(op[1]) === 1) {
      const v = evalHere(op[2], env);
      if ((v.k === 'str' || v.k === 'bool') && !x.guessed.has(v) && !x.configured.has(v)) env.vars.set(op[1], v);
    }
  }
  const dead = (w: { holds: boolean; cond: Cond }[] | undefined): boolean => !!w?.some((t) => {
    const d = decideHere(t.cond);
    return d !== undefined && d !== t.holds;
  });
  if (!fact.refusals!.every((r) => dead(r.when))) return false;
  // Nor may it hand the request to anything (`verifyToken(req, res, next)`) on the way left open.
  let handsOn = false;
  walkOps(fact.ops, (op) => {
    if (!handsOn && passesRequest(op, req, next) && !dead(whenOf(op)?.w)) handsOn = true;
  });
  return !handsOn && decidedByUrl;
}

/** Does the operation call something other than `next` with the request itself? */
function passesRequest(op: Op, req: string, next: string | undefined): boolean {
  let hit = false;
  const visit = (e: unknown): void => {
    if (hit || !Array.isArray(e)) return;
    if (e[0] === 'c' || e[0] === 'new') {
      const callee = e[1] as Expr;
      const args = e[2] as Expr[];
      if (!(callee[0] === 'id' && callee[1] === next) && args.some((a) => a[0] === 'id' && a[1] === req)) hit = true;
    }
    for (const part of e) visit(part);
  };
  for (const part of op.slice(1)) if (Array.isArray(part)) visit(part);
  return hit;
}
