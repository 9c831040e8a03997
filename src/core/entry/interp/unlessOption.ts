// `.unless(…)` on a middleware (express-unless, koa-unless: what express-jwt and koa-jwt hand out):
// the middleware is skipped for the requests the option says. `koaJwt({ secret }).unless({ path:
// ['/api/login', /^\/public/] })`, or a function of the request (`.unless((ctx) => …)`, the
// packages' `custom`) — Easy Mock: `if (/^\/api/.test(ctx.path)) return pathToRegexp([...]).test(ctx.path);
// return true`. For a route the option is decided with its own URL: skipped, the middleware is not on
// its way; not skipped, it is the middleware it was called on (`koaJwt({ secret })`), judged as
// that; anything the option reads that we cannot decide (a header, a setting) leaves it as it was,
// an `unless` we could not read: `unknown`.
import type { Cond, Expr } from '../facts/types';
import type { Interp } from './interpreter';
import type { Env, ExtValue, FnValue, Value } from './values';
import { STR, UNKNOWN } from './values';
import { decideAtUrl, truth } from './whenEval';
import { regexLiteral, regexTest } from './safeRegex';
import { whenOf } from './opWalk';
import { sampleUrls } from './pathAllowList';

const PURE_TESTS = new Set(['test', 'startsWith', 'endsWith', 'includes']);

/** The value `.unless(…)` was called on, when `v` is such a call's result. */
export function unlessBase(v: Value): ExtValue | undefined {
  return v.k === 'ext' && v.unlessOf && v.path.at(-1) === '()' && v.path.at(-2) === 'unless' ? v.unlessOf : undefined;
}

/**
 * Does the `unless` option skip the middleware for `method path`? true: for some URL of the route;
 * false: for none, every test decided; undefined: not decided. `base`: where Express applied it.
 */
export function unlessSkips(x: Interp, v: ExtValue, method: string, path: string, base?: string): boolean | undefined {
  const opt = v.args?.[0];
  if (!opt) return undefined;
  const answers = sampleUrls(path).map((url) => skipsAt(x, opt, method, url, base));
  return answers.some((a) => a === true) ? true : answers.every((a) => a === false) ? false : undefined;
}

function skipsAt(x: Interp, opt: Value, method: string, url: string, base: string | undefined): boolean | undefined {
  const b = base && base !== '/' ? base.replace(/\/+$/, '') : '';
  const full = b + (url === '/' && b ? '' : url);
  if (opt.k === 'fn') return customSkips(x, opt, method, full, b ? url : full);
  if (opt.k !== 'obj') return undefined;
  const known = new Set(['path', 'method', 'ext', 'custom', 'useOriginalUrl']);
  if ([...opt.props.keys()].some((k) => !known.has(k))) return undefined;
  const tests: (boolean | undefined)[] = [];
  const custom = opt.props.get('custom');
  if (custom) tests.push(custom.k === 'fn' ? customSkips(x, custom, method, full, b ? url : full) : undefined);
  // Both packages read the original URL unless told otherwise; for an app-wide one they are the same.
  const byUrl = opt.props.get('useOriginalUrl')?.k === 'bool' && !(opt.props.get('useOriginalUrl') as { v: boolean }).v ? (b ? url : full) : full;
  const paths = opt.props.get('path');
  if (paths) tests.push(listed(paths, (p) => pathMatches(p, byUrl, method)));
  const methods = opt.props.get('method');
  if (methods) tests.push(listed(methods, (m) => (m.k === 'str' ? m.v.toUpperCase() === method : undefined)));
  const ext = opt.props.get('ext');
  if (ext) tests.push(listed(ext, (e) => (e.k === 'str' ? byUrl.endsWith(e.v) : undefined)));
  return tests.some((t) => t === true) ? true : tests.length && tests.every((t) => t === false) ? false : undefined;
}

/** One of a value or a list of them matches. */
function listed(v: Value, test: (item: Value) => boolean | undefined): boolean | undefined {
  const items = v.k === 'arr' ? v.items : [v];
  const answers = items.map(test);
  return answers.some((a) => a === true) ? true : answers.every((a) => a === false) ? false : undefined;
}

/** An option `path` entry: a string (the whole URL), a regex, or `{ url, methods }`. */
function pathMatches(p: Value, url: string, method: string): boolean | undefined {
  if (p.k === 'str') return p.v === url;
  if (p.k === 'unknown' && regexLiteral(p.text)) return regexTest(url, p.text);
  if (p.k === 'obj' && p.props.has('url')) {
    const m = pathMatches(p.props.get('url')!, url, method);
    const ms = p.props.get('methods') ?? p.props.get('method');
    if (m === false || !ms) return m;
    const byMethod = listed(ms, (v) => (v.k === 'str' ? v.v.toUpperCase() === method : undefined));
    return m === true && byMethod !== undefined ? byMethod : byMethod === false ? false : undefined;
  }
  return undefined;
}

/** The request the option's function is given: its URL and method, nothing else known. */
function requestValue(method: string, full: string, rel: string): Value {
  const props = new Map<string, Value>([['path', STR(rel)], ['url', STR(rel)], ['originalUrl', STR(full)], ['method', STR(method)]]);
  return { k: 'obj', props };
}

/** `(ctx) => …` / `function (req) { … }`: its first return that runs, evaluated with the route's URL. */
function customSkips(x: Interp, f: FnValue, method: string, full: string, rel: string): boolean | undefined {
  const fact = x.fnFact(f);
  const req = fact?.params[0];
  if (!fact || !req) return undefined;
  const env: Env = { vars: new Map([[req, requestValue(method, full, rel)]]), parent: f.env, file: f.file };
  for (const p of fact.params.slice(1)) env.vars.set(p, UNKNOWN(p));
  const evalHere = (e: Expr, en: Env): Value => {
    // `re.test(s)` with a regex literal, `pathToRegexp(list).test(s)`: run on the URL we know.
    if (e[0] === 'c' && e[1][0] === 'm' && e[1][2] === 'test' && e[2].length === 1) {
      const s = evalHere(e[2][0]!, en);
      const re = patternOf(x, e[1][1], en);
      if (s.k === 'str' && re) {
        const hit = re(s.v);
        if (hit !== undefined) return { k: 'bool', v: hit };
      }
      return UNKNOWN('test');
    }
    return x.evalExpr(e, en);
  };
  const decideHere = (c: Cond): boolean | undefined => decideAtUrl(c, env, evalHere);
  // Only a predicate of plain returns: a binding or call on the way could change what they read.
  // The call of an `if` test is an operation of its own (whenConds.ts); a pure test changes nothing.
  const pureTest = (e: Expr): boolean => e[0] === 'c' && e[1][0] === 'm' && PURE_TESTS.has(e[1][2]);
  if (!fact.ops.every((op) => op[0] === 'ret' || (op[0] === 'call' && pureTest(op[1])))) return undefined;
  for (const op of fact.ops) {
    if (op[0] !== 'ret') continue;
    const tests = (whenOf(op)?.w ?? []).map((t) => ({ d: decideHere(t.cond), holds: t.holds }));
    if (tests.some((t) => t.d !== undefined && t.d !== t.holds)) continue;
    if (tests.some((t) => t.d === undefined)) return undefined;
    return truth(evalHere(op[1], env));
  }
  // Falling off the end returns undefined: not skipped.
  return false;
}

/** A matcher for `re` in `re.test(s)`: a regex literal, or path-to-regexp's compile of a path or list of paths. */
function patternOf(x: Interp, e: Expr, env: Env): ((s: string) => boolean | undefined) | undefined {
  if (e[0] === 're') return (s) => regexTest(s, e[1]);
  if (e[0] !== 'c' || e[2].length < 1) return undefined;
  const callee = x.evalExpr(e[1], env);
  if (callee.k !== 'ext' || callee.spec !== 'path-to-regexp' || !/^((pathToRegexp|default)(\.\(\))?)?$/.test(callee.path.join('.'))) return undefined;
  // Options (`{ end: false }`, `sensitive`, `strict`) change the match: only the defaults are read.
  if (e[2].length > 2) return undefined;
  const arg = x.evalExpr(e[2][0]!, env);
  const items = arg.k === 'arr' ? arg.items : [arg];
  const res = items.map((i) => (i.k === 'str' ? pathRegexText(i.v) : i.k === 'unknown' && regexLiteral(i.text) ? i.text : undefined));
  if (res.some((r) => r === undefined)) return undefined;
  return (s) => {
    const hits = res.map((r) => regexTest(s, r!));
    return hits.some((h) => h === true) ? true : hits.every((h) => h === false) ? false : undefined;
  };
}

/**
 * path-to-regexp's pattern for a path under its defaults (whole path, an optional trailing slash,
 * case-insensitive), as a regex literal: `:name`, `:name(re)`, the `?`/`*`/`+` modifiers, and `*` (any,
 * versions before 6). Undefined for what it does not read.
 */
export function pathRegexText(p: string): string | undefined {
  let src = '';
  for (let i = 0; i < p.length; ) {
    const param = /^(\/?):([A-Za-z_$][\w$]*)(\(((?:\\.|[^()\\])*)\))?([?*+])?/.exec(p.slice(i));
    if (param) {
      const [, slash, , , group, mod] = param;
      const seg = group ?? '[^\\/]+?';
      const one = `${slash ? '\\/' : ''}(?:${seg})`;
      src += mod === '?' ? `(?:${one})?` : mod === '*' ? `(?:${one}(?:\\/(?:${seg}))*)?` : mod === '+' ? `${one}(?:\\/(?:${seg}))*` : one;
      i += param[0].length;
    } else if (p[i] === '*') {
      src += '.*';
      i++;
    } else if (/[()[\]{}|\\]/.test(p[i]!)) {
      return undefined;
    } else {
      src += p[i]!.replace(/[.+?^$/]/g, '\\$&');
      i++;
    }
  }
  return `/^${src}(?:\\/)?$/i`;
}
