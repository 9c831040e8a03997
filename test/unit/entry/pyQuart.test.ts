// Quart (test/fixtures/routes/quart): read through Flask's machinery — `QuartTrio()` made in a
// factory with `register_blueprint(bp, url_prefix=…)`, quart `Blueprint`s, `@app.route(methods=[…])`,
// `@bp.get`, `@app.websocket`/`@bp.websocket` answered on GET; guards: an async decorator that looks
// a wallet up by the X-Api-Key header and answers `HTTPStatus.UNAUTHORIZED` without one, a decorator
// binding `g.user = load_user(…) or abort(HTTPStatus.NOT_FOUND)`, a view that answers only through
// functions of ours each behind that key decorator, `abort(HTTPStatus.UNAUTHORIZED)` in a view,
// quart-auth's `login_required` (by name), a body validator (no guard), a view that stops when the
// account its URL names is not found (unknown: whether the id is a secret is not read) and one that
// stops without the user found by the lookup the guard decorator finds its caller with (guarded).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { itHasPyRoutes, type PyRouteRow } from './pyRouteRows';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/quart');
const API = 'svc/api.py';
const PAGES = 'svc/pages.py';

const ROUTES: PyRouteRow[] = [
  ['GET', '/api/items', `${API}:12`, 'guarded', ['require_key("read")']],
  ['POST', '/api/items', `${API}:28`, 'guarded', ['require_key("admin")']],
  ['GET', '/api/public', `${API}:36`, 'unguarded', []],
  ['DELETE', '/api/items/:item_id', `${API}:41`, 'guarded', ['delete_item: not await current_user.is_authenticated']],
  ['GET', '/api/session', `${API}:48`, 'guarded', ['login_required']],
  ['GET', '/api/stream', `${API}:54`, 'unguarded', []],
  ['GET', '/me', `${PAGES}:9`, 'guarded', ['require_user()']],
  ['GET', '/', `${PAGES}:15`, 'unguarded', []],
  ['GET', '/card/:usr', `${PAGES}:20`, 'unknown', []],
  ['GET', '/withdraw', `${PAGES}:28`, 'guarded', ['withdraw: load_user(request.args.get("usr"))']],
  ['GET', '/hooks/:source', 'svc/app.py:17', 'unguarded', []],
  ['POST', '/hooks/:source', 'svc/app.py:17', 'unguarded', []],
  ['GET', '/ws', 'svc/app.py:21', 'unguarded', []],
];

describe('python routes: Quart apps, blueprints, websockets and async decorators (test/fixtures/routes/quart)', () => {
  const found = itHasPyRoutes(DIR, ROUTES, { framework: 'quart' });
  it('names the key decorator and both functions a delegating view answers through', () => {
    const reasons = (found().find((x) => x.id === 'POST /api/items')?.guards ?? []).map((g) => g.reason).join(' ');
    assert.match(reasons, /answers only through import_items, add_item .*decorator @require_key/);
  });
  it('says which lookup leaves a route unknown', () => {
    assert.match(found().find((x) => x.id === 'GET /card/:usr')?.guardReason ?? '', /find_account\(usr, "read"\)/);
  });
  it('names the guard decorator that finds its caller with the same lookup', () => {
    const reasons = (found().find((x) => x.id === 'GET /withdraw')?.guards ?? []).map((g) => g.reason).join(' ');
    assert.match(reasons, /@require_user \(svc\/auth\.py:\d+\)/);
  });
});
