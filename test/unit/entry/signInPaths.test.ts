// One list of sign-in and account-recovery paths for every language's detector: a path there
// changes what a credential check in the handler means, so each entry is a claim tested here.
import * as assert from 'node:assert/strict';
import { RECOVERY_STEP_PATH, SIGN_IN_PATH } from '../../../src/core/entry/signInPaths';

describe('sign-in and account-recovery paths', () => {
  const signIn: [string, boolean][] = [
    ['/api/login', true],
    ['/ldaplogin', true],
    ['/auth/sign-in', true],
    ['/api/sessions', true],
    ['/oauth/token', true],
    ['/login/oauth/access_token', true],
    ['/api/collections/:collection/auth-with-password', true],
    ['/api/collections/users/auth-with-oauth2', true],
    ['/answer/api/v1/user/login/email', true],
    ['/api/login/sms', true],
    // The bare word last: Portainer's JWT sign-in, a share's password step.
    ['/api/auth', true],
    ['/api/v1/shares/:share/auth', true],
    ['/api/auth/logout', false],
    ['/api/oauth', false],
    ['/api/login/settings', false],
    ['/api/users/:id', false],
    ['/api/login/history', false],
    ['/api/tokens', false],
    ['/api/auth-methods', false],
  ];
  for (const [path, expected] of signIn) it(`${path} ${expected ? 'is' : 'is not'} a sign-in step`, () => assert.equal(SIGN_IN_PATH.test(path), expected));

  const recovery: [string, boolean][] = [
    ['/api/collections/:collection/request-password-reset', true],
    ['/api/collections/:collection/confirm-password-reset', true],
    ['/api/collections/:collection/confirm-verification', true],
    ['/api/collections/:collection/confirm-email-change', true],
    ['/api/forgot-password', true],
    ['/user/reset_password', true],
    ['/auth/verify-email', true],
    ['/api/collections/:collection/request-email-change', false],
    ['/api/password', false],
    ['/api/users/:id/verification/status', false],
  ];
  for (const [path, expected] of recovery) it(`${path} ${expected ? 'is' : 'is not'} an account-recovery step`, () => assert.equal(RECOVERY_STEP_PATH.test(path), expected));
});
