// Hono: `new Hono()`; `app.route('/x', sub)` mounts; `app.basePath('/api')` is a child with a
// prefix; `app.use(path?, mw)`; `app.on(method, path, h)`. @hono/zod-openapi's `OpenAPIHono` is a
// Hono whose `openapi(createRoute({ method, path: '/{id}', middleware }), handler)` registers a route
// and `doc('/openapi', …)` serves the document; `createMiddleware(fn)` (hono/factory) is `fn`.
import type { Framework } from './types';
import type { Interp } from '../interp/interpreter';
import type { RouterNode, SiteRef, Value } from '../interp/values';
import { knownGuard } from './knownGuards';
import { flatHandlers, pathsOf, useCall, verbCall, verbOf } from './jsShared';

const OPENAPI = '@hono/zod-openapi';

export const hono: Framework = {
  name: 'hono',
  language: 'js',
  packages: /^(hono|hono\/.*|@hono\/zod-openapi)$/,
  callExt(x, callee, args, site) {
    const name = callee.path.join('.');
    if ((callee.spec === 'hono' && name === 'Hono') || (callee.spec === OPENAPI && name === 'OpenAPIHono')) return { k: 'router', r: x.routerAt('hono', 'app', site) };
    // createRoute gives its configuration back (with a getter for the routing path we do not need);
    // createMiddleware gives back the function it was handed.
    if (callee.spec === OPENAPI && name === 'createRoute' && args[0]?.k === 'obj') return args[0];
    if (callee.spec === 'hono/factory' && name === 'createMiddleware' && args[0]?.k === 'fn') return args[0];
    return undefined;
  },
  callRouter(x, r, method, args, site) {
    const self = { k: 'router' as const, r };
    if (verbCall(x, r, method, args, site)) return self;
    if (method === 'use') {
      if (!exactUse(x, r, args, site)) useCall(x, r, useArgs(args), site);
      return self;
    }
    if (method === 'route' && args.length >= 2 && args[1].k === 'router') {
      x.addUse(r, x.pathOf(args[0]), [args[1]], site);
      return self;
    }
    if (method === 'basePath' && args[0]) {
      const child = x.routerAt('hono', 'router', site);
      x.addUse(r, x.pathOf(args[0]), [{ k: 'router', r: child }], site);
      return { k: 'router', r: child };
    }
    if (method === 'on' && args.length >= 3) {
      const ms = args[0].k === 'arr' ? args[0].items : [args[0]];
      for (const m of ms) {
        const verb = x.str(m);
        if (verb) for (const p of pathsOf(x, args[1])) x.addRoute(r, verbOf(verb.toLowerCase()), p, flatHandlers(args.slice(2)), site);
      }
      return self;
    }
    if (method === 'openapi' && args.length >= 2 && args[0].k === 'obj') {
      openapiRoute(x, r, args[0].props, args[1], site);
      return self;
    }
    if ((method === 'doc' || method === 'doc31') && args[0]) {
      const handler: Value = { k: 'ext', spec: OPENAPI, path: [method, '()'], site };
      for (const p of pathsOf(x, args[0])) x.addRoute(r, 'GET', p, [handler], site, { handlerText: `${method} (OpenAPI document)` });
      return self;
    }
    return undefined;
  },
  guard: knownGuard,
};

/**
 * Hono's `use('*', mw)` and `use('/*', mw)` reach every route of the app, and `use('/x/*', mw)`
 * reaches `/x` itself as well as what is under it: the scope is the prefix without its wildcard.
 * A path without a wildcard is exact (exactUse).
 */
function useArgs(args: Value[]): Value[] {
  const first = args[0];
  if (args.length < 2 || first?.k !== 'str') return args;
  if (first.v === '*' || first.v === '/*') return args.slice(1);
  if (first.v.endsWith('/*')) return [{ k: 'str', v: first.v.slice(0, -2) }, ...args.slice(1)];
  return args;
}

/**
 * Hono matches a middleware path like a route's: `use('/connect-stripe', mw)` reaches
 * `/connect-stripe` alone, not `/connect-stripe/callback` (Express's `use` would reach both).
 */
function exactUse(x: Interp, r: RouterNode, args: Value[], site: SiteRef): boolean {
  const first = args[0];
  if (args.length < 2 || first?.k !== 'str' || first.v.includes('*') || !first.v.startsWith('/')) return false;
  const rest = flatHandlers(args.slice(1));
  if (!rest.length || rest.some((a) => a.k === 'router' || (a.k === 'fn' && x.routerDelegatedBy(a)))) return false;
  x.addUse(r, x.pathOf(first), rest, site, { exact: true });
  return true;
}

/** `api.openapi(route, handler)`: the route's method and OpenAPI path (`/{id}` is `/:id`), its own middleware before the handler. */
function openapiRoute(x: Interp, r: RouterNode, props: Map<string, Value>, handler: Value, site: SiteRef): void {
  const verb = x.str(props.get('method'));
  const pathValue = props.get('path');
  if (!verb || !pathValue) return;
  const mw = props.get('middleware');
  const handlers = [...(mw ? flatHandlers([mw]) : []), handler];
  const text = x.argTexts.length >= 2 ? x.argTexts[1] : undefined;
  const handlerText = text === undefined || text === '<function>' ? '<inline>' : text.replace(/\s+/g, ' ').slice(0, 120);
  for (const p of pathsOf(x, pathValue)) {
    const path = 's' in p ? { ...p, s: p.s.replace(/\{([A-Za-z_$][\w$]*)\}/g, ':$1') } : p;
    x.addRoute(r, verbOf(verb.toLowerCase()), path, handlers, site, { handlerText });
  }
}
