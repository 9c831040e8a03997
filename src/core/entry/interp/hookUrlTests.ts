// A Fastify hook every route of an instance gets (`addHook('preHandler', readOnlyHandler)`) that
// refuses only requests to some URLs: `const { url } = request; const isSecretCreation =
// secretRegex.test(url); if (isSecretCreation && …) return reply.code(403)…`. Fastify's
// `request.url` is the whole URL, so on a route whose path holds no parameter or wildcard the test
// is decided with the route's own path and method: a refusal whose test then fails is not on that
// route's way. On a path with parameters or a wildcard only a regex that is one literal anchored at
// both ends (`/^\/api\/secret$/i`) is decided: no value of the parameters makes the URL that literal
// when the path's fixed beginning is not a beginning of it. Anything else the test reads keeps the
// refusal. The URL's string and list tests (`PUBLIC_ROUTES.some((r) => url.includes(r))`) are
// urlListTests.ts; Node's request under Fastify's (`request.raw.url`) holds the same URL, and on a
// route for every method (`all`) the method is unknown.
import type { Cond, Expr, Refusal } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, FnValue, Value } from './values';
import { STR, UNKNOWN } from './values';
import { decide } from './whenEval';
import { regexTest } from './safeRegex';
import { bindCounts, whenOf } from './opWalk';
import { urlListTest } from './urlListTests';

/** Members of Fastify's request that hold the URL and the method. */
const URL_KEYS = new Set(['url', 'originalUrl', 'routerPath']);

/** Does every refusal of hook `f` fail its test for a request `method path` (a path with no parameter)? */
export function refusesNoneAt(x: Interp, f: FnValue, method: string, path: string): boolean {
  const fact = x.fnFact(f);
  const req = fact?.params[0];
  const refusals = fact?.refusals ?? [];
  if (!fact || !req || !refusals.length || /[{(]/.test(path)) return false;
  if (!refusals.every((r) => r.when?.length)) return false;
  // The fixed beginning of a path with parameters; the URL itself is known only without them.
  const fixed = /[:*]/.test(path) ? path.slice(0, path.search(/[:*]/)) : undefined;
  const url: Value = fixed === undefined ? STR(path) : UNKNOWN('request.url');
  const methodValue: Value = method === 'ANY' ? UNKNOWN('request.method') : STR(method);
  const raw: Value = { k: 'obj', props: new Map<string, Value>([['url', url], ['method', methodValue]]) };
  const reqValue: Value = { k: 'obj', props: new Map([...[...URL_KEYS].map((k) => [k, url] as [string, Value]), ['method', methodValue], ['raw', raw]]) };
  const env: Env = { vars: new Map(), parent: f.env, file: f.file };
  fact.params.forEach((p, i) => env.vars.set(p, i === 0 ? reqValue : UNKNOWN(p)));
  // Locals bound once at the top, under no test but early returns: `const { url } = request`, `const hit = re.test(url)`.
  // Every other local is unknown (never a module name it shadows); one assigned again is too.
  const counts = bindCounts(fact.ops, env);
  const evalHere = (e: Expr, en: Env): Value => {
    const listed = urlListTest(x, e, en, evalHere, { url, fixed });
    if (listed !== undefined) return { k: 'bool', v: listed };
    if (e[0] === 'c' && e[1][0] === 'm' && e[1][2] === 'test' && e[2].length === 1) {
      const re = x.evalExpr(e[1][1], en);
      const s = evalHere(e[2][0]!, en);
      const hit = re.k !== 'unknown' ? undefined : s.k === 'str' ? regexTest(s.v, re.text) : s === url && fixed !== undefined ? literalFrom(re.text, fixed) : undefined;
      return hit === undefined ? UNKNOWN('test') : { k: 'bool', v: hit };
    }
    return x.evalExpr(e, en);
  };
  for (const op of fact.ops) {
    // After `if (!url) return;` a local is still bound once: every refusal below sits after that return too.
    if (whenOf(op)?.w.some((w) => w.holds)) continue;
    const fromRaw = op[0] === 'pat' && op[2][0] === 'm' && op[2][2] === 'raw' && op[2][1][0] === 'id' && op[2][1][1] === req;
    if (op[0] === 'pat' && ((op[2][0] === 'id' && op[2][1] === req) || fromRaw)) {
      for (const [key, local] of op[1]) if (counts.get(local) === 1 && ((fromRaw ? key === 'url' : URL_KEYS.has(key)) || key === 'method')) env.vars.set(local, key === 'method' ? methodValue : url);
    }
    if (op[0] === 'let' && counts.get(op[1]) === 1) {
      const v = evalHere(op[2], env);
      // `let processedUrl = url` on a path with parameters: still the URL.
      if (v === url || ((v.k === 'str' || v.k === 'bool') && !x.guessed.has(v) && !x.configured.has(v))) env.vars.set(op[1], v);
    }
  }
  const dead = (r: Refusal): boolean => !!r.when?.some((w) => {
    // A guess (`data?.allowed_ip ?? null` with data unknown) or a setting at its default decides nothing.
    const d = decide(withCalls(w.cond), env, evalHere, (v) => x.guessed.get(v) ?? (x.configured.has(v) ? 'any' : undefined));
    return d !== undefined && d !== w.holds;
  });
  return refusals.every(dead);
}

/** The test with its string and list calls (`['call', e]`, `['url', e]`, undecided elsewhere) read as values, which `evalHere` decides. */
function withCalls(c: Cond): Cond {
  switch (c[0]) {
    case 'call':
    case 'url':
      return ['t', c[1]];
    case 'not':
      return ['not', withCalls(c[1])];
    case 'and':
    case 'or':
      return [c[0], withCalls(c[1]), withCalls(c[2])];
    default:
      return c;
  }
}

/**
 * `false` when the regex is one literal anchored at both ends (`/^\/api\/secret$/i`) that does not
 * begin with `fixed`, the beginning every URL of the route shares: no URL of the route is it.
 */
function literalFrom(reText: string, fixed: string): boolean | undefined {
  const m = /^\/\^((?:\\[^A-Za-z0-9]|[A-Za-z0-9_\-])*)\$\/(i?)$/.exec(reText);
  if (!m) return undefined;
  const literal = m[1]!.replace(/\\(.)/g, '$1');
  const fold = (t: string): string => (m[2] ? t.toLowerCase() : t);
  return fold(literal).startsWith(fold(fixed)) ? undefined : false;
}
