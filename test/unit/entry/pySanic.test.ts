// Sanic (test/fixtures/routes/sanic): `Sanic()` and `Blueprint(url_prefix=…)` routers mounted with
// `app.blueprint(bp)`, paths written without their leading slash, `@bp.websocket` answered on GET,
// sanic-openapi's swagger blueprint as one row; guards: a decorator whose wrapper verifies the
// token in a `try` whose `except` raises Unauthorized (the token read by a helper it is handed to),
// request middleware that answers 401 on its blueprint (response middleware guards nothing), a
// handler whose helper reads the token and raises Forbidden (unknown), a sign-in whose helper
// refuses a wrong password without reading the identity (open), and `@doc.*` decorators whose
// prose says "Unauthorized" (no guard).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/sanic');
const ITEMS = 'svc/items.py';

const ROUTES: PyRouteRow[] = [
  ['GET', '/v1/items', `${ITEMS}:11`, 'guarded', ['authorized()']],
  ['PUT', '/v1/items/:item_id', `${ITEMS}:18`, 'guarded', ['authorized()']],
  ['DELETE', '/v1/items/:item_id', `${ITEMS}:18`, 'guarded', ['authorized()']],
  ['GET', '/v1/public', `${ITEMS}:24`, 'unguarded', []],
  ['GET', '/v1/feed', `${ITEMS}:31`, 'unguarded', []],
  ['POST', '/v1/items', `${ITEMS}:41`, 'unknown', []],
  ['GET', '/admin/stats', 'svc/admin.py:18', 'guarded', ['admins_only']],
  ['POST', '/api/login', 'svc/auth.py:36', 'unguarded', []],
  ['GET', '/health', 'svc/main.py:17', 'unguarded', []],
  ['GET', '/swagger', 'svc/main.py:15', 'unguarded', []],
];

describe('python routes: Sanic apps, blueprints, middleware and decorators (test/fixtures/routes/sanic)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'sanic' });
  it('says which helper refuses when a handler is left unknown', () => {
    assert.match(found().find((x) => x.id === 'POST /v1/items')?.guardReason ?? '', /require_admin/);
  });
});
