// FastAPI router subclasses and class-based views (issue 13), fixture
// test/fixtures/routes/fastapi-classes: a router made by a subclass of APIRouter gets the prefix
// and dependencies its `__init__` chain hands to APIRouter (through several levels, across modules
// and `from .x import *` re-exports); a class decorated with `@controller(router)` gives each of
// its method routes the guard dependencies of its class attributes, inherited ones included.
// What cannot be read leaves the route unknown, never unguarded. A dependency is judged by its
// code: a database session is no guard, whatever its name.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/fastapi-classes');

type Row = [id: string, place: string, state: string, guards: string[]];

const ROWS: Row[] = [
  // UserRouter(prefix="/items"): prefix and Depends(get_current_user) from its __init__.
  ['GET /api/items', 'app/api/items.py:12', 'guarded', ['Depends(get_current_user)']],
  // StaffRouter → AuditedRouter (no __init__) → UserRouter: the prefix goes through two levels.
  ['DELETE /api/staff/:item_id', 'app/api/admin.py:10', 'guarded', ['Depends(get_current_user)']],
  // AdminRouter("/admins", dependencies=[…]): positional prefix, fixed dependency plus the caller's.
  ['POST /api/admins', 'app/api/admin.py:18', 'guarded', ['Depends(get_admin_user)', 'Depends(get_current_user)']],
  // A plain APIRouter, but the class-based view's base declares user = Depends(get_current_user).
  ['GET /api/pets/:pet_id', 'app/api/items.py:22', 'guarded', ['Depends(get_current_user)']],
  // A class-based view whose classes declare no guard dependency (a database session is none).
  ['GET /api/open', 'app/api/items.py:32', 'unguarded', []],
  // Depends(get_db_session) is read and refuses nobody; Depends(pooled_session) is not read, and
  // "session" alone is no evidence of a sign-in.
  ['GET /api/open/stats', 'app/api/items.py:37', 'unguarded', []],
  // try_current_user calls get_current_user inside a try whose except returns None: optional.
  ['GET /api/open/greeting', 'app/api/items.py:42', 'optional', []],
  // FastAPI's own routes: the schema at the default URL, Swagger UI at a URL we do not evaluate
  // (with its OAuth2 redirect page, on while the docs are), ReDoc turned off.
  ['GET /openapi.json', 'app/main.py:9', 'unguarded', []],
  ['GET /{settings.docs_url}', 'app/main.py:9', 'unguarded', []],
  ['GET /docs/oauth2-redirect', 'app/main.py:9', 'unguarded', []],
  // `app.get(path)(view)` and `app.mount("/", StaticFiles(…))` in a function given the app
  // (spa.mount_spa(app)): placed where they are written, the view's own dependencies its guards.
  ['GET /p/:slug', 'app/spa.py:17', 'unguarded', []],
  ['GET /private/:slug', 'app/spa.py:18', 'guarded', ['Depends(get_current_user)']],
  ['ANY /*', 'app/spa.py:19', 'unguarded', []],
  ['ANY /assets/*', 'app/main.py:11', 'unguarded', []],
  // MysteryRouter comes from a module we do not have: its dependencies are not known.
  ['GET /api/x', 'app/api/admin.py:26', 'unknown', []],
];

describe('python routes: FastAPI router subclasses and class-based views (test/fixtures/routes/fastapi-classes)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(DIR)).filter((e) => e.kind === 'http');
  });
  it('finds exactly the expected routes', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ROWS.map(([id]) => id).sort());
  });
  for (const [id, place, state, guards] of ROWS) {
    it(`${id}: ${place}, ${state} [${guards.join(', ')}]`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, 'route missing');
      assert.equal(`${e.file}:${e.line}`, place);
      assert.equal(e.guardState, state, e.guardReason);
      assert.deepEqual(e.guards.filter((g) => g.kind !== 'other' && !g.optional).map((g) => g.name).sort(), [...guards].sort());
    });
  }
  it('gives a dependency judged by its code the refusal seen in it', () => {
    const g = got.find((x) => x.id === 'GET /api/items')?.guards.find((x) => x.name === 'Depends(get_current_user)');
    assert.equal(`${g?.evidence?.how} ${g?.evidence?.file}:${g?.evidence?.line}`, 'raises HTTPException app/deps.py:6');
  });
  it('keeps the expression of a documentation URL it cannot evaluate', () => {
    assert.equal(got.find((x) => x.id === 'GET /{settings.docs_url}')?.dynamic?.expression, 'settings.docs_url');
  });
  it('says why a route under an unread router class is unknown', () => {
    assert.match(got.find((x) => x.id === 'GET /api/x')?.guardReason ?? '', /MysteryRouter/);
  });
});
