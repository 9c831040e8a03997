// Express (and the `router` package, express-promise-router): `express()` makes an app,
// `express.Router()` a router; `use(path, router)` mounts, `use(mw)` adds middleware to what is
// registered after it on that router.
import type { Interp } from '../interp/interpreter';
import type { RouterNode, SiteRef, Value } from '../interp/values';
import { joinPaths } from '../routePath';
import { valueText } from '../interp/values';
import type { Framework } from './types';
import { knownGuard } from './knownGuards';
import { bundledApp } from './bundledApps';
import { selfRoutedMiddleware } from './selfRoutedMiddleware';
import { verbMiddleware, verbMount } from './expressVerbMount';
import { EXPRESS_VERBS, flatHandlers, isPathValue, routeBuilder, useCall, verbCall } from './jsShared';
import { opExprs, subExprs, walkOps } from '../interp/opWalk';
import type { Expr } from '../facts/types';

export const express: Framework = {
  name: 'express',
  language: 'js',
  packages: /^(express|router|express-promise-router|express-async-router|@awaitjs\/express|express5?)$/,
  callExt(x, callee, _args, site) {
    const path = callee.path.join('.');
    if (callee.spec === 'express' && path === '') return { k: 'router', r: x.routerAt('express', 'app', site) };
    if (path === 'Router' || (path === '' && callee.spec !== 'express')) return { k: 'router', r: x.routerAt('express', 'router', site) };
    return undefined;
  },
  callRouter(x, r, method, args, site) {
    const self = { k: 'router' as const, r };
    if (verbMount(x, r, method, args, site) || verbMiddleware(x, r, method, args, site)) return self;
    if (verbCall(x, r, method, args, site, undefined, EXPRESS_VERBS)) return self;
    if (method === 'use') {
      useCall(x, r, args, site);
      staticMount(x, r, args, site);
      terminalMount(x, r, args, site);
      pathAnswer(x, r, args, site);
      selfRoutedMiddleware(x, r, args, site);
      return self;
    }
    if (method === 'route' && args.length === 1) return routeBuilder(x, r, args[0], site, EXPRESS_VERBS);
    return undefined;
  },
  guard: knownGuard,
};

/**
 * `express.static(dir)` or `serveStatic(dir)` (the serve-static package): answers with files. So
 * does a storage adapter's `serve()` (`storage.getAdapter('images').serve()`), whose code we may
 * not have: a middleware made by a call named `serve`, mounted under a prefix, serves what is there.
 */
export function isStaticServer(v: Value | undefined): boolean {
  if (v?.k === 'unknown') return /\.serve\(\)$/.test(v.text);
  // The same call when we have the adapter's code (chosen by the configuration): the function it returns.
  if (v?.k === 'fn') return !!v.madeBy && /\.serve\(\)$/.test(v.madeBy.text);
  if (v?.k !== 'ext') return false;
  const path = v.path.join('.');
  // @fastify/static registered under a prefix is the route's handler itself (frameworks/fastify.ts `staticFiles`).
  if (/^(@fastify\/static|fastify-static)$/.test(v.spec) && v.path.every((p) => p === 'default')) return true;
  return (v.spec === 'serve-static' && path === '()') || (/^(express5?|@feathersjs\/express)$/.test(v.spec) && path === 'static.()') || /(^|\.)serve\.\(\)$/.test(path);
}

/**
 * `use('/assets', …, express.static(dir))`: the files under the prefix are answered there, so the
 * mount is a route of its own (`ANY /assets/*`), with what runs before it as its middleware; so
 * is a package's bundled application (Swagger UI, GraphQL, a proxy, a dashboard: bundledApps.ts). Only
 * under a written prefix: a path-less static middleware falls through for every path it has no
 * file for, and is no route.
 */
function staticMount(x: Interp, r: RouterNode, args: Value[], site: SiteRef): void {
  const first = args[0];
  if (args.length < 2 || !(first?.k === 'str' || ((first?.k === 'unknown' || first?.k === 'ext') && isPathValue(first)))) return;
  const rest = flatHandlers(args.slice(1));
  const last = rest[rest.length - 1];
  const app = bundledApp(last);
  if (!isStaticServer(last) && !app) return;
  // A prefix we could not evaluate stays the expression as written, with the wildcard after it.
  x.addRoute(r, 'ANY', first.k === 'str' ? { s: joinPaths(first.v, '*') } : { dyn: `${valueText(first).replace(/^`(.*)`$/s, '$1')}/*` }, rest, site, app ? { handlerText: app } : {});
}

/**
 * `use(serveKeyFile)` whose first statement passes on every request but one path's
 * (`if (!req.path.match(/^\/[a-f0-9]{32}\.txt$/)) return next();`, FnFact.answersPath): it answers
 * that path itself, so it is a route there (ANY), as well as middleware. Not one that ends by
 * passing every request on (a guard of one path) nor one that refuses: those are middleware only.
 * A regular expression is matched against the path under the mount; at the root it is the route's
 * path as written (`dynamic`), under a prefix it is kept after it.
 */
function pathAnswer(x: Interp, r: RouterNode, args: Value[], site: SiteRef): void {
  if (args.some((a) => a.k === 'str' || a.k === 'arr')) return;
  for (const v of args) {
    if (v.k !== 'fn') continue;
    const fact = x.fnFact(v);
    const p = fact?.answersPath;
    if (!p || fact.nextAlways || fact.refusals?.length) continue;
    x.addRoute(r, 'ANY', 's' in p ? { s: p.s } : { dyn: p.re }, [v], site);
  }
}

/** What answers a request on Express's response (`res.send(html)`, `res.json(payload)`). */
const ANSWER = /^(send|json|jsonp|end|sendFile|sendStatus|render|redirect|download)$/;

/**
 * `use('/admin/*', sendHtml)`, `use('/graphql', parse, execute, respond)`: mounted under a written
 * prefix, the last function takes no `next` (or only hands it, with the response, to code that serves)
 * and answers on the response, so every request under the prefix ends there: a route of its own (`ANY /graphql/*`), with what runs before it as its middleware.
 */
function terminalMount(x: Interp, r: RouterNode, args: Value[], site: SiteRef): void {
  const first = args[0];
  if (args.length < 2 || !(first?.k === 'str' || (first?.k === 'unknown' && isPathValue(first)))) return;
  const rest = flatHandlers(args.slice(1));
  // Through a wrapper (`asyncHandler(async (req, res) => …)`): the function it wraps answers.
  let last = rest[rest.length - 1];
  for (let i = 0; last?.k === 'fn' && last.wraps?.k === 'fn' && i < 8; i++) last = last.wraps;
  if (last?.k !== 'fn') return;
  const fact = x.fnFact(last);
  const res = fact?.params[1];
  // A third parameter the body never names (`async (req, res, next) => { …; res.json(r) }`) passes nothing on either.
  const next = fact?.params[2];
  if (!fact || (fact.params.length !== 2 && (fact.params.length !== 3 || !next)) || !res || !/^[A-Za-z_$][\w$]*$/.test(res)) return;
  let answers = false;
  let passes = false;
  // `next` only handed, with the response, to code that serves (`(req, res, next) => { try { asar.serve('pkg',
  // req, res, next) } catch { res.sendStatus(404) } }`): what that code cannot find goes on, but the prefix is
  // answered there. Not when this code refuses (a wrapped check answering 401 when it throws).
  let handsOn = false;
  const visit = (e: Expr, d: number): void => {
    if ((answers && passes) || d > 30) return;
    if (e[0] === 'c' && next && e[2].some((a) => a[0] === 'id' && a[1] === next) && e[2].some((a) => a[0] === 'id' && a[1] === res)) {
      handsOn = true;
      visit(e[1], d + 1);
      for (const a of e[2]) if (!(a[0] === 'id' && a[1] === next)) visit(a, d + 1);
      return;
    }
    if (e[0] === 'id' && e[1] === next) passes = true;
    if (e[0] === 'c' && e[1][0] === 'm' && e[1][1][0] === 'id' && e[1][1][1] === res && ANSWER.test(e[1][2])) answers = true;
    for (const sub of subExprs(e)) visit(sub, d + 1);
  };
  walkOps(fact.ops, (op) => {
    for (const e of opExprs(op)) visit(e, 0);
  });
  if (!answers || passes || (handsOn && (fact.refusals?.length || fact.nextAlways))) return;
  // A prefix we could not evaluate (made from a setting left unset) stays the expression as written, as staticMount's.
  x.addRoute(r, 'ANY', first.k === 'str' ? { s: first.v.endsWith('*') ? first.v : joinPaths(first.v, '*') } : { dyn: `${valueText(first).replace(/^`(.*)`$/s, '$1')}/*` }, rest, site);
}
