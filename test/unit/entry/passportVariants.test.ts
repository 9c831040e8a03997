// One middleware factory making a strict and a loose variant of a passport check
// (test/fixtures/routes/express-passport-variants): the callback handed to passport refuses under
// `!user && required`, which the loose variant's closure decides against; passport hands a request
// without credentials `(null, false)`, so the banned-user refusal (`user && user.banned`) refuses no
// anonymous caller either. The early `if (req.user) return next()` is no gate: `next` is also handed
// to what passport returned.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: strict and loose variants of one passport check', () => {
  const { byId } = httpRoutesOf('express-passport-variants');

  it('the strict variant guards its route, by the refusal in the callback', () => {
    const e = byId('GET /me');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.ok(e.guards.some((g) => !g.optional && /401/.test(g.reason)), JSON.stringify(e.guards));
  });

  it('the loose variant lets anonymous callers through: the route reading req.user is anonymous allowed', () => {
    const e = byId('GET /home');
    assert.equal(e.guardState, 'optional', e.guardReason);
    assert.ok(!e.guards.some((g) => !g.optional && g.kind !== 'other'), JSON.stringify(e.guards));
  });

  it('a loose variant before a strict one: the strict one guards', () => {
    const e = byId('GET /api/items');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.equal(e.guards.filter((g) => !g.optional).length, 1, JSON.stringify(e.guards));
  });

  it('the strategy on the GET that starts a provider sign-in (/login/oidc) is the sign-in, not a guard', () => {
    const e = byId('GET /login/oidc');
    assert.equal(e.guardState, 'optional', e.guardReason);
    const other = byId('GET /account/oidc');
    assert.equal(other.guardState, 'guarded', other.guardReason);
  });
});
