// FastAPI with Starlette's AuthenticationMiddleware (fixture test/fixtures/routes/fastapi-starlette-auth,
// the shape of khoj): `@requires(["authenticated"])` guards routes and websockets (`@router.websocket`
// is a route answered on GET); handlers with no guard that branch on `request.user` are optional;
// `app = FastAPI(debug=True)` / `else: app = FastAPI(docs_url=None)` is one app whose docs routes
// appear once each; `app.mount(...)` inside a function on the module's app is a route, unknown when
// it mounts another framework's application (Django's get_asgi_application), open for static files.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/fastapi-starlette-auth');

const ROWS: [id: string, state: string][] = [
  ['GET /api/items', 'guarded'],
  ['GET /api/ws', 'guarded'],
  ['GET /api/agents', 'optional'],
  ['GET /api/home', 'optional'],
  ['GET /api/options', 'unguarded'],
  ['ANY /server/*', 'unknown'],
  ['ANY /static/*', 'unguarded'],
  ['GET /openapi.json', 'unguarded'],
  ['GET /docs', 'unguarded'],
  ['GET /docs/oauth2-redirect', 'unguarded'],
  ['GET /redoc', 'unguarded'],
];

describe('python routes: FastAPI with Starlette auth middleware (test/fixtures/routes/fastapi-starlette-auth)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(DIR)).filter((e) => e.kind === 'http');
  });
  it('finds exactly the expected routes, each once', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ROWS.map(([id]) => id).sort());
  });
  for (const [id, state] of ROWS) {
    it(`${id}: ${state}`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, 'route missing');
      assert.equal(e.guardState, state, e.guardReason);
    });
  }
});
