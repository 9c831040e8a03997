// Nest guard classes judged by their code (src/core/entry/nestGuardCode.ts, nestGuardJudge.ts) on
// test/fixtures/routes/nest-guards: the state of each route and the reason that names the code read.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { settleGuardStates } from '../../../src/core/entry/guardState';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/nest-guards');

describe('nest: guard classes judged by their code', () => {
  let got: EntryPoint[] = [];
  const route = (id: string): EntryPoint => {
    const e = got.find((x) => x.id === id);
    assert.ok(e, `${id} missing`);
    return e;
  };
  const guard = (id: string, name: string) => {
    const g = route(id).guards.find((x) => x.name === name);
    assert.ok(g, `${name} on ${id}: ${JSON.stringify(route(id).guards)}`);
    return g;
  };
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
    await settleGuardStates(got, () => '');
  });

  it('a global guard that refuses only requests carrying a header is no guard: its reason says where anonymous requests pass', () => {
    assert.equal(route('GET /accounts').guardState, 'unguarded');
    const g = guard('GET /accounts', 'ReadOnlyModeGuard');
    assert.equal(g.kind, 'other');
    assert.match(g.reason, /not a guard: .*lets requests through when !mode \(line 11\)/);
  });

  it('UnauthorizedException without a token, false without a user: guards, with the refusal as evidence', () => {
    assert.equal(route('POST /accounts').guardState, 'guarded');
    assert.equal(guard('POST /accounts', 'BearerGuard').kind, 'authentication');
    assert.equal(guard('POST /accounts', 'BearerGuard').evidence?.how, '401');
    assert.equal(route('GET /accounts/members').guardState, 'guarded');
    assert.match(guard('GET /accounts/members', 'OnlyMembers').reason, /returns false \(line 35\)/);
  });

  it('a refusal only of a signature that was given lets requests without one through', () => {
    assert.equal(route('POST /accounts/webhook').guardState, 'unguarded');
    assert.match(guard('POST /accounts/webhook', 'SignatureAuthGuard').reason, /not a guard: .*returns true/);
  });

  it('super.canActivate of AuthGuard(\'jwt\') over a JWT strategy guards', () => {
    assert.equal(route('DELETE /accounts/:id').guardState, 'guarded');
    assert.match(guard('DELETE /accounts/:id', 'JwtAuthGuard').reason, /super\.canActivate .*AuthGuard\('jwt'\).*known guard/);
  });

  it('AuthGuard over an OAuth redirect strategy starts a login; a handleRequest that never throws refuses nobody', () => {
    assert.equal(route('GET /auth/google').guardState, 'unguarded');
    assert.match(guard('GET /auth/google', "AuthGuard('google')").reason, /passport-google-oauth20, which redirects/);
    assert.equal(route('GET /auth/google/callback').guardState, 'unguarded');
    assert.match(guard('GET /auth/google/callback', "LenientOAuthGuard('google')").reason, /handleRequest never throws/);
    assert.equal(route('GET /auth/me').guardState, 'guarded');
  });

  it('a guard whose code is not in the repository leaves the route unknown, not public', () => {
    assert.equal(route('GET /accounts/clerk').guardState, 'unknown');
    assert.match(guard('GET /accounts/clerk', 'ClerkAuthGuard').reason, /unknown: ClerkAuthGuard: its code is not in the repository/);
  });
});
