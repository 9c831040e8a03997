// Hono: `new Hono()`; `app.route('/x', sub)` mounts; `app.basePath('/api')` is a child with a
// prefix; `app.use(path?, mw)`; `app.on(method, path, h)`.
import type { Framework } from './types';
import { knownGuard } from './knownGuards';
import { flatHandlers, pathsOf, useCall, verbCall, verbOf } from './jsShared';

export const hono: Framework = {
  name: 'hono',
  language: 'js',
  packages: /^(hono|hono\/.*)$/,
  callExt(x, callee, _args, site) {
    if (callee.spec === 'hono' && callee.path.join('.') === 'Hono') return { k: 'router', r: x.routerAt('hono', 'app', site) };
    return undefined;
  },
  callRouter(x, r, method, args, site) {
    const self = { k: 'router' as const, r };
    if (verbCall(x, r, method, args, site)) return self;
    if (method === 'use') {
      useCall(x, r, args, site);
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
    return undefined;
  },
  guard: knownGuard,
};
