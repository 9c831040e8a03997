// Routers that reach the app through a plugin registry (test/fixtures/routes/koa-plugins): plugins
// found by a glob each store their router in a static `Map` of arrays keyed by an enum
// (`Registry.add({ type: Kind.Api, value: router })`), and the API module mounts whatever the
// registry holds (`Registry.get(Kind.Api).forEach((h) => router.use('/', h.value.routes()))`) —
// running before any plugin registered, and after a plugin registered sixty other entries (more
// runs of the registry's functions than a function is normally followed). Also the middleware those plugins use: one that calls
// `next()` only when there is a user, and a webhook signature check.
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: routers registered into a plugin registry', () => {
  const routes = httpRoutesOf('koa-plugins');
  const expected: [string, EntryPoint['guardState']][] = [
    // requireUser: `if (user) return next();` and a redirect otherwise.
    ['GET /api/alpha.callback', 'guarded'],
    // validateWebhook: 401 without the right signature; its name says "validate", its code says who may call.
    ['POST /api/alpha.webhooks', 'guarded'],
    // noteUser reads the user and calls next() whatever it finds.
    ['GET /api/alpha.seen', 'unguarded'],
    // Mounted where the loop over the registry stands, before `router.use(auth())`, though registered after it ran.
    // The app's error wrapper writes `Bearer realm=…` into a header: prose, not a read of the caller.
    ['POST /api/beta.list', 'unguarded'],
    ['POST /api/own.list', 'guarded'],
  ];
  itHasStates(routes, expected, undefined, 'mounts every registered router under the prefix of the module that iterates the registry');
});
