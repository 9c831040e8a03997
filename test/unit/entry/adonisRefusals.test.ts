// What AdonisJS code refuses with (facts/refusal.ts): the context's authenticator and bouncer
// throw rather than answer, and its redirect chain names the sign-in route. passport's
// `authenticate(…)` makes a middleware and is no refusal itself.
import * as assert from 'node:assert/strict';
import { callRefusal } from '../../../src/core/entry/facts/refusal';

describe('entry facts: AdonisJS refusals', () => {
  it('reads ctx.auth and bouncer calls as refusals', () => {
    assert.equal(callRefusal('ctx.auth.authenticateUsing', ['options.guards'], 3)?.how, '401');
    assert.equal(callRefusal('auth.use', ["'api'"], 3), undefined);
    assert.equal(callRefusal("auth.use('api').authenticate", [], 3)?.how, '401');
    assert.equal(callRefusal('auth.getUserOrFail', [], 3)?.how, '401');
    assert.equal(callRefusal('bouncer.authorize', ["'editPost'", 'post'], 3)?.how, '403');
    assert.equal(callRefusal("ctx.bouncer.with('PostPolicy').authorize", ["'edit'"], 3)?.how, '403');
  });

  it('leaves alone what only looks like them', () => {
    assert.equal(callRefusal('passport.authenticate', ["'jwt'"], 3), undefined);
    // A sign-in's credential check (verdaccio's `auth.authenticate(name, password, cb)`).
    assert.equal(callRefusal('auth.authenticate', ['name', 'password', 'callback'], 3), undefined);
    assert.equal(callRefusal('auth.check', [], 3), undefined);
    assert.equal(callRefusal('oauth.authorize', ["'x'"], 3), undefined);
  });

  it('reads a redirect chain to the sign-in route as a login redirect', () => {
    assert.equal(callRefusal('response.redirect().toRoute', ["'auth.signin'"], 3)?.how, 'redirect-login');
    assert.equal(callRefusal('response.redirect().toPath', ["'/login'"], 3)?.how, 'redirect-login');
    assert.equal(callRefusal('response.redirect().toRoute', ["'home'"], 3), undefined);
  });
});
