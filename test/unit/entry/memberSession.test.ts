// An optional member session and what the routes do with it (test/fixtures/routes/express-member-session):
// a handler that reads the session itself and answers either way is anonymous allowed; a route
// behind the loader that never reads the member is open, whether or not its path could be
// evaluated; a middleware that refuses only a member who is there guards nothing; a refusal of a
// missing member a few calls down a pipeline-wrapped action guards the route.
import * as assert from 'node:assert/strict';
import type { Refusal } from '../../../src/core/entry/facts/types';
import { refusesOnlyPresentCaller } from '../../../src/core/entry/interp/guardEval';
import { httpRoutesOf } from './httpRoutes';

describe('routes: an optional member session, read by middleware or by the handler', () => {
  const { all, byId } = httpRoutesOf('express-member-session');
  const dynamicRoute = (tail: string) => {
    const e = all().find((x) => x.method === 'GET' && x.path.includes(tail));
    assert.ok(e, `no GET …${tail}; found ${all().map((x) => x.id).join(', ')}`);
    return e;
  };

  it('a handler that reads the session itself and answers without one is anonymous allowed', () => {
    const e = byId('GET /api/session');
    assert.equal(e.guardState, 'optional', e.guardReason);
    assert.ok(e.guards.some((g) => g.optional && /getIdentityTokenFromSession/.test(g.reason)), JSON.stringify(e.guards));
  });

  it('so is one that hands the request to a part of a service made at boot, whose code reads the session', () => {
    const e = byId('DELETE /api/session');
    assert.equal(e.guardState, 'optional', e.guardReason);
    assert.ok(e.guards.some((g) => g.optional && /getMemberDataFromSession/.test(g.reason)), JSON.stringify(e.guards));
  });

  it('a check that refuses only while a flag set from a setting is on depends on configuration', () => {
    const e = byId('GET /api/notes');
    assert.equal(e.guardState, 'unknown', e.guardReason);
    assert.match(e.guardReason ?? '', /^checkCanRead depends on configuration: refuses only while res\.isPrivate is on, which loadPrivacy \(app\.js:\d+\) sets by settings\.get\("is_private"\)/);
    // Where nothing on the way sets the flag, the check is judged by its refusal as before.
    assert.equal(byId('GET /api/drafts').guardState, 'guarded');
  });

  it('a handler that reads no session stays open', () => {
    const e = byId('GET /api/integrity-token');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });

  it('a spam-prevention limiter from a package is not a guard we could not read', () => {
    const e = byId('POST /api/create-checkout-session');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });

  it('a route behind the loader whose handler uses the member is anonymous allowed', () => {
    assert.equal(byId('GET /api/comments').guardState, 'optional');
    const rss = dynamicRoute('/rss/');
    assert.ok(rss.dynamic, JSON.stringify(rss));
    assert.equal(rss.guardState, 'optional', rss.guardReason);
  });

  it('a route at a path from the settings whose handler only redirects is open', () => {
    const e = dynamicRoute('/feed/');
    assert.ok(e.dynamic, JSON.stringify(e));
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });

  it('a refusal of a missing member down the wrapped action guards the route', () => {
    for (const id of ['POST /api/comments', 'POST /api/comments/:id/report']) {
      const e = byId(id);
      assert.equal(e.guardState, 'guarded', `${id}: ${e.guardReason}`);
      assert.ok(e.guards.some((g) => !g.optional && /#checkMember/.test(g.name) && g.file.endsWith('commentsController.js')), JSON.stringify(e.guards));
    }
  });

  it('an optional loader on the route itself does not hide the action refusing without a member', () => {
    const e = byId('POST /api/gifts/:token/redeem');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.ok(e.guards.some((g) => !g.optional && g.name === 'check in GiftController.redeem'), JSON.stringify(e.guards));
    assert.equal(byId('GET /api/gifts/:token/redeem').guardState, 'optional');
  });

  it('a middleware that refuses only a member who is there does not guard the route', () => {
    const e = byId('DELETE /api/comments/:id');
    assert.notEqual(e.guardState, 'guarded', e.guardReason);
    const check = e.guards.find((g) => g.name === 'checkMemberCommenting');
    assert.ok(check && check.kind === 'other', JSON.stringify(e.guards));
  });

  const refusal = (cond: string): Refusal => ({ how: 'error to next', text: 'next(new NoPermissionError())', line: 1, cond });
  const table: [cond: string, only: boolean][] = [
    ['req.member && req.member.can_comment === false', true],
    ['(req.user) && !req.user.isAdmin', true],
    ['req.session.user && req.session.user.banned', true],
    ['!req.user', false],
    ['!req.member || !req.member.paid', false],
    ['other.member && other.member.banned', false],
    ['req.query.member', false],
  ];
  for (const [cond, only] of table) {
    it(`refusesOnlyPresentCaller(${JSON.stringify(cond)}) is ${only}`, () => {
      assert.equal(refusesOnlyPresentCaller(refusal(cond), 'req'), only);
    });
  }
});
