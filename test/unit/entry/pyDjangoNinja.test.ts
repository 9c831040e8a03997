// Django Ninja (test/fixtures/routes/django-ninja): a NinjaAPI mounted by a urlconf (`path("api/",
// api.urls)`, whose row gives way to the API's operations), Routers added under it (by name and by
// dotted string), `@api_operation` with several methods and Ninja's `{int:item_id}` converters. The
// auth Ninja runs: the operation's `auth=` (None included), else the router's (an `add_router(…, auth=)`
// replacing it), else the API's; a list lets in whoever one of its callables lets in. Callables judged
// by their code: an HttpBearer subclass's `authenticate` returning None, a SessionAuth subclass's
// conditional with a None arm, a function of ours whose helper raises AuthenticationError, Ninja's
// `django_auth`; an APIKeyHeader subclass answering an object every time and a function returning
// `AnonymousUser()` let everyone in; a `__call__` answering before its check for the URL named
// "wizard" lets both operations on that path in (Django names the URL after the first); an auth
// class out of sight leaves the route unknown. An API no urlconf mounts keeps its paths dynamic.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/django-ninja');
const API = '[TokenAuth(), SessionCheck()]';

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/v1/items', 'project/items.py:8', 'guarded', [API], 'project/items.py list_items 8'],
  ['GET', '/api/v1/items/:item_id', 'project/items.py:13', 'guarded', [API]],
  // The operation's own auth replaces the API's.
  ['POST', '/api/v1/items', 'project/items.py:18', 'guarded', ['SessionCheck()']],
  // Router(auth=Weak()): Weak.authenticate answers an object for any key.
  ['GET', '/api/v1/keys', 'project/keys.py:15', 'unguarded', []],
  ['GET', '/api/v1/keys/mine', 'project/keys.py:20', 'guarded', ['django_auth']],
  // add_router(…, auth=key_auth): key_auth returns lookup_key(request), which raises AuthenticationError.
  ['POST', '/api/v1/hooks/github', 'project/api.py:17', 'guarded', ['key_auth']],
  ['GET', '/api/status', 'project/api.py:22', 'unguarded', []],
  // auth=None, and the handler reads the session user when there is one.
  ['GET', '/api/whoami', 'project/api.py:27', 'optional', []],
  ['GET', '/api/echo', 'project/api.py:35', 'guarded', [API]],
  ['POST', '/api/echo', 'project/api.py:35', 'guarded', [API]],
  // TokenAuth.__call__ lets the URL named "wizard" in: the GET's name, which the DELETE on the same path shares.
  ['GET', '/api/wizard/:key', 'project/api.py:40', 'unguarded', []],
  ['DELETE', '/api/wizard/:key', 'project/api.py:45', 'unguarded', []],
  ['GET', '/api/open', 'project/api.py:50', 'unguarded', []],
  ['GET', '/api/staff', 'project/api.py:55', 'guarded', ['django_auth']],
  ['GET', '/api/mystery', 'project/api.py:60', 'unknown', []],
  // An API no urlconf mounts: its prefix is not known.
  ['GET', '/{internal.urls}/ping', 'project/internal.py:7', 'unguarded', []],
];

describe('python routes: Django Ninja APIs, routers and auth (test/fixtures/routes/django-ninja)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'django-ninja' });
  it("cites where an auth's code refuses", () => {
    const ev = (id: string): string | undefined => {
      const g = found().find((x) => x.id === id)?.guards.find((x) => x.kind === 'authentication');
      return g?.evidence && `${g.evidence.file}:${g.evidence.line} ${g.evidence.text}`;
    };
    assert.equal(ev('GET /api/v1/items'), 'project/auth.py:20 return None');
    assert.equal(ev('POST /api/v1/items'), 'project/auth.py:26 return uid if uid else None');
    assert.equal(ev('POST /api/v1/hooks/github'), 'project/auth.py:36 raise AuthenticationError("no key")');
  });
  it('keeps the path of an API no urlconf mounts dynamic', () => {
    assert.equal(found().find((x) => x.file === 'project/internal.py')?.dynamic?.expression, 'internal.urls');
  });
  it('says why a route is unknown', () => {
    assert.match(found().find((x) => x.id === 'GET /api/mystery')?.guardReason ?? '', /VendorAuth is not in sight/);
  });
});
