// Koa with koa-router / @koa/router: `new Router({ prefix })`, `router.use([path,] mw | sub.routes())`,
// `app.use(router.routes())`, `app.use(mount('/api', api))` (koa-mount). Paths may be RPC-style names without a slash
// (`router.post('documents.list', …)` under prefix `/api` is `/api/documents.list`). koa-websocket's `websockify(app)`
// is the app itself with `app.ws`, a second middleware stack for WebSocket upgrades (GET).
import type { Interp } from '../interp/interpreter';
import type { RouterNode, SiteRef, Value } from '../interp/values';
import type { Framework } from './types';
import { knownGuard } from './knownGuards';
import { selfMountedAdapter } from './bundledApps';
import { HTTP_VERBS, isPathValue, pathsOf, routeBuilder, useCall, verbCall } from './jsShared';

export const koa: Framework = {
  name: 'koa',
  language: 'js',
  packages: /^(koa|koa-router|@koa\/router|koa-tree-router|koa-better-router|koa-mount|koa-websocket|@bull-board\/koa)$/,
  callExt(x, callee, args, site, isNew) {
    const path = callee.path.join('.');
    if (callee.spec === 'koa' && path === '') return { k: 'router', r: x.routerAt('koa', 'app', site) };
    // koa-mount: `mount('/api', api)` is a middleware that runs the app (or middleware) under the prefix.
    if (callee.spec === 'koa-mount' && path === '') {
      const r = x.routerAt('koa', 'router', site);
      const [first, second] = args;
      if (second) x.addUse(r, x.pathOf(first), [second], site);
      else if (first) x.addUse(r, undefined, [first], site);
      return { k: 'router', r };
    }
    if (callee.spec === 'koa-websocket' && path === '') return websockify(x, args[0], site);
    // Bull Board's dashboard plugin mounts itself under the adapter's base path (bundledApps.ts).
    if (callee.spec === '@bull-board/koa') return isNew && path === 'KoaAdapter' ? selfMountedAdapter(x, 'koa', 'Bull Board queue dashboard', 'registerPlugin', { ...callee, path: [...callee.path, '()', 'registerPlugin', '()'] }) : undefined;
    if (callee.spec !== 'koa' && callee.spec !== 'koa-websocket' && (path === '' || path === 'Router')) {
      const r = x.routerAt('koa', 'router', site);
      const opts = args[0];
      const prefix = opts?.k === 'obj' ? opts.props.get('prefix') : undefined;
      if (prefix) r.prefix = x.pathOf(prefix);
      return { k: 'router', r };
    }
    return undefined;
  },
  callRouter(x, r, method, args, site) {
    const self = { k: 'router' as const, r };
    if (verbCall(x, r, method, args, site)) return self;
    if (method === 'use') {
      useCall(x, r, args, site);
      pathEndpoint(x, r, args, site);
      return self;
    }
    // The router itself stands for its middleware: `app.use(router.routes())` mounts it.
    if (method === 'routes' || method === 'middleware') return self;
    if (method === 'allowedMethods') return { k: 'unknown', text: 'allowedMethods()' };
    if (method === 'prefix' && args[0]) {
      r.prefix = x.pathOf(args[0]);
      return self;
    }
    if (method === 'route' && args.length === 1) return routeBuilder(x, r, args[0], site);
    // koa-router's own registration: `router.register(path, ['get', 'post'], [mw, handler])`.
    if (method === 'register' && args.length >= 3 && isPathValue(args[0]) && args[1].k === 'arr') {
      const verbs = args[1].items.map((v) => x.str(v)?.toLowerCase()).filter((v): v is string => !!v && HTTP_VERBS.has(v));
      for (const verb of verbs) verbCall(x, r, verb, [args[0], args[2]], site);
      return verbs.length ? self : undefined;
    }
    return undefined;
  },
  guard: knownGuard,
};

/**
 * `router.use(['/images/*', '/fonts/*'], async (ctx, next) => { … })`: a function written right at
 * a use with its own paths, that does not always pass the request on, answers requests to those
 * paths whatever their method (static files, a redirect): an endpoint (ANY) as well as middleware.
 */
function pathEndpoint(x: Interp, r: RouterNode, args: Value[], site: SiteRef): void {
  const [first, ...rest] = args;
  const paths = first?.k === 'str' ? [first] : first?.k === 'arr' && first.items.length && first.items.every((i) => i.k === 'str') ? first.items : undefined;
  if (!paths || paths.every((p) => p.k === 'str' && (p.v === '/' || p.v === ''))) return;
  const last = rest[rest.length - 1];
  if (!last || last.k !== 'fn' || last.madeBy || !rest.every((v) => v.k === 'fn')) return;
  const fact = x.fnFact(last);
  if (!fact || !/^<anon@/.test(fact.name) || fact.nextAlways || last.file !== site.file) return;
  for (const p of pathsOf(x, first)) x.addRoute(r, 'ANY', p, rest, site, { handlerText: '<inline>' });
}

/**
 * `websockify(new Koa())` (koa-websocket) returns the app it is handed, with `app.ws`: the middleware
 * a WebSocket upgrade runs (`app.ws.use(router.routes())`). Its routes answer on the app's port, so
 * `ws` is a router mounted on the app (at its place among the app's middleware: before them all).
 */
function websockify(x: Interp, app: Value | undefined, site: SiteRef): Value | undefined {
  if (app?.k !== 'router') return undefined;
  const ws = x.routerAt('koa', 'router', site);
  x.addUse(app.r, undefined, [{ k: 'router', r: ws }], site);
  app.r.extra.set('ws', { k: 'router', r: ws });
  return app;
}
