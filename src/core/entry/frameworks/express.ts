// Express (and the `router` package, express-promise-router): `express()` makes an app,
// `express.Router()` a router; `use(path, router)` mounts, `use(mw)` adds middleware to what is
// registered after it on that router.
import type { Framework } from './types';
import { knownGuard } from './knownGuards';
import { routeBuilder, useCall, verbCall } from './jsShared';

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
    if (verbCall(x, r, method, args, site)) return self;
    if (method === 'use') {
      useCall(x, r, args, site);
      return self;
    }
    if (method === 'route' && args.length === 1) return routeBuilder(x, r, args[0], site);
    return undefined;
  },
  guard: knownGuard,
};
