// echo guards with Skippers, adapted net/http middleware and struct-method registrars
// (test/fixtures/routes/go-echo-skippers): a Skipper's exempt paths and prefixes are unguarded,
// everything else behind the guard keeps it; `echo.WrapMiddleware(mw)` is judged by mw's code.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';

const DIR = path.resolve(__dirname, '../../../../test/fixtures/routes/go-echo-skippers');

const ROUTES: [string, string, string, number, string[]][] = [
  // skipAuth (a named function) ranges over publicPrefixes with strings.HasPrefix(c.Path(), p).
  ['GET', '/api/public/info', 'main.go', 42, []],
  ['POST', '/api/auth/login', 'main.go', 43, []],
  ['GET', '/api/items', 'main.go', 44, ['echojwt.WithConfig(…)']],
  // `return c.Path() == "/v2/health" || c.Path() == "/v2/version"`.
  ['GET', '/v2/health', 'main.go', 53, []],
  ['GET', '/v2/version', 'main.go', 54, []],
  ['GET', '/v2/things', 'main.go', 55, ['middleware.JWTWithConfig(…)']],
  // echo.WrapMiddleware(requireSession): requireSession answers 401 without a session cookie.
  ['GET', '/v3/me', 'main.go', 58, ['requireSession']],
  // `switch c.Request().URL.Path { case "/v4/open": return true }`.
  ['GET', '/v4/open', 'main.go', 71, []],
  ['GET', '/v4/closed', 'main.go', 72, ['middleware.KeyAuthWithConfig(…)']],
  ['GET', '/v5/notes', 'api/handler.go', 8, ['echojwt.JWT([]byte("k"))']],
  ['POST', '/v5/notes', 'api/handler.go', 9, ['echojwt.JWT([]byte("k"))']],
  // A literal prefix is exempt; a header the skipper tests is no exemption we can name.
  ['GET', '/v6/pub/feed', 'main.go', 88, []],
  ['GET', '/v6/private', 'main.go', 89, ['middleware.BasicAuthWithConfig(…)']],
  // A config held by a variable (`KeyAuthWithConfig(kcfg)`), and one a factory of ours makes and returns.
  ['GET', '/v7/open', 'main.go', 95, []],
  ['GET', '/v7/shut', 'main.go', 96, ['middleware.KeyAuthWithConfig(kcfg)']],
  ['GET', '/v8/health', 'main.go', 98, []],
  ['GET', '/v8/data', 'main.go', 99, ['tokenAuth()']],
  ['GET', '/srv/open', 'server/server.go', 26, []],
  ['GET', '/srv/admin/users', 'server/server.go', 32, ['s.authed']],
  ['DELETE', '/srv/admin/users/:id', 'server/server.go', 33, ['s.authed']],
];

describe('routes: echo Skippers, echo.WrapMiddleware and struct-method registrars (test/fixtures/routes/go-echo-skippers)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(DIR)).filter((e) => e.kind === 'http');
  });
  it('finds exactly the expected routes', () => {
    assert.deepEqual(got.map((e) => e.id).sort(), ROUTES.map(([m, p]) => `${m} ${p}`).sort());
  });
  for (const [method, p, file, line, guards] of ROUTES) {
    it(`${method} ${p}: ${file}:${line}, guards [${guards.join(', ')}]`, () => {
      const e = got.find((x) => x.id === `${method} ${p}`);
      assert.ok(e, 'route missing');
      assert.equal(`${e.file}:${e.line}`, `${file}:${line}`);
      assert.deepEqual(e.guards.filter((g) => g.kind !== 'other' && !g.optional).map((g) => g.name).sort(), [...guards].sort());
      assert.equal(e.guardState, guards.length ? 'guarded' : 'unguarded');
    });
  }
});
