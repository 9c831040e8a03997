// Two Express shapes from GrowthBook's back-end (session 29): an app-wide middleware that names
// nothing of the request but `next` (`async (req, res, next) => { await init(); next() }`) is no
// guard for what its start-up code refuses deep down; and a handler that writes the caller's
// token into a cookie a few helpers down (`sendLocalSuccessResponse` → `setResponseCookies` →
// `setIdTokenCookie`) signs the caller in, so its credential check is the sign-in, not a guard.
// Fixture: test/fixtures/routes/express-startup-signin.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { SIGN_IN_CALL } from '../../../src/core/entry/interp/handlerCheck';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/express-startup-signin');

describe('js routes: start-up middleware and sign-ins that set a token cookie', () => {
  let got: EntryPoint[] = [];
  const state = (id: string): string | undefined => got.find((e) => e.id === id)?.guardState;
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  const cases: [string, string, string][] = [
    ['POST /auth/register', 'unguarded', 'a sign-up that signs an existing account in: its password check is the sign-in'],
    ['POST /auth/sso/provider', 'unguarded', 'a provider sign-in that checks its token, then sets it as the cookie'],
    ['GET /profile', 'guarded', 'a handler that refuses a missing caller and signs no one in'],
    ['GET /reports/summary', 'guarded', 'a middleware naming nothing of the request that awaits requireUser()'],
    ['GET /experiments', 'guarded', 'express-jwt after the start-up middleware'],
    ['GET /healthcheck', 'unguarded', 'registered before everything'],
  ];
  for (const [id, want, why] of cases) {
    it(`${id}: ${want} (${why})`, () => {
      assert.equal(state(id), want);
    });
  }

  it('does not call the start-up middleware a guard on any route', () => {
    for (const e of got) assert.ok(!e.guards.some((g) => g.line === 14), `${e.id}: ${e.guardReason}`);
  });

  const names: [string, boolean][] = [
    ['setIdTokenCookie', true],
    ['setAuthCookie', true],
    ['set_access_token_cookie', true],
    ['setRefreshTokenCookie', true],
    ['setSessionCookie', true],
    ['createSession', true],
    ['setCsrfTokenCookie', false],
    ['setThemeCookie', false],
    ['setCookie', false],
  ];
  for (const [name, want] of names) {
    it(`SIGN_IN_CALL ${want ? 'takes' : 'leaves'} ${name}`, () => {
      assert.equal(SIGN_IN_CALL.test(name), want);
    });
  }
});
