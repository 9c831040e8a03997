// Pyramid (test/fixtures/routes/pyramid): routes named by `config.add_route(name, pattern)` in one
// module, views bound to them by `route_name=` in another (`@view_config`, keywords spread from a
// module-level dict, `@view_defaults(route_name=…)` on a class); the route's `request_method`
// narrows a view that takes every method. A view with no route name (an exception view) or a
// route name nobody declares makes no route. Guards: `permission=` (not NO_PERMISSION_REQUIRED),
// `is_authenticated=True`, a handler's `request.has_permission(…)` answered 404; a handler that
// only hands `request.user` on serves anonymous callers too (optional); a handler refusing without
// the bearer token is guarded; a class view whose class reads the identity is unknown.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readablePattern } from '../../../src/core/entry/python/pyramidFacts';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/pyramid');
const NOTES = 'app/views/notes.py';

const ROUTES: PyRouteRow[] = [
  ['ANY', '/', `${NOTES}:8`, 'unguarded', [], `${NOTES} home 9`],
  ['GET', '/api/notes', `${NOTES}:13`, 'guarded', ['permission="view"']],
  ['POST', '/api/notes', `${NOTES}:18`, 'guarded', ['permission="create"']],
  ['GET', '/api/notes/:id', `${NOTES}:23`, 'unguarded', []],
  ['PATCH', '/api/notes/:id', `${NOTES}:23`, 'unguarded', []],
  ['GET', '/api/me', `${NOTES}:28`, 'optional', []],
  ['DELETE', '/api/me', `${NOTES}:33`, 'guarded', ['delete_me: not request.has_permission("delete", request.context)']],
  ['POST', '/files/*', `${NOTES}:55`, 'guarded', ['is_authenticated=True'], `${NOTES} Upload.post 56`],
  // Hands on to a function of ours that reads the identity: optional.
  ['GET', '/api/profile', `${NOTES}:68`, 'optional', []],
  // A class view's methods are not judged; its class reads the identity: unknown.
  ['GET', '/account', 'app/views/account.py:12', 'unknown', []],
  // Refuses (OAuthTokenError) a request without the bearer token a getter reads.
  ['GET', '/api/token-info', 'app/views/account.py:22', 'guarded', ['token_info: not token']],
];

describe('python routes: Pyramid add_route names and view_config views (test/fixtures/routes/pyramid)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'pyramid' });
  it('reads a view that hands on request.user as optional', () => {
    const e = found().find((x) => x.id === 'GET /api/me');
    assert.ok(e?.guards.some((g) => g.optional), e?.guardReason);
  });
  it('writes a pattern readably', () => {
    assert.equal(readablePattern('/a/{id:[A-Za-z0-9_-]{20,22}}.jsonld'), '/a/:id.jsonld');
    assert.equal(readablePattern('static/*subpath'), '/static/*');
    assert.equal(readablePattern('/u/{user}/{slug}'), '/u/:user/:slug');
  });
});
