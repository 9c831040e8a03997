// Go routes whose middleware names the caller when it can and lets everyone on are `optional` when
// the route uses that identity — not only by a test in the handler: a read of gin's store
// (`c.MustGet("user")`, the guest for an anonymous caller), a helper of ours handed the request that
// branches on a reader of the key (apache/answer's `middleware.GetLoginUserIDFromContext(ctx)`), a
// helper handed a request context of ours, or middleware on the route's way after the setter, that
// compares who the caller is with something (`isOwner := ctx.User != nil && ctx.User.ID == g.UserID`,
// opengist's lookupGistByUUID and gistInit). A presence test alone (a pass for known callers, a rate
// limit's audience) is no use of who calls, and a route that reads nobody stays unguarded.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go optional identity used by reads and helpers: test/fixtures/routes/go-gin-identity-use', () => {
  const { byId: route } = httpRoutesOf('go-gin-identity-use');
  const rows: [string, string, RegExp?][] = [
    ['GET /api/v1/question/page', 'optional', /hands the request to GetUserID, which reads it/],
    ['GET /api/authn/credentials', 'optional', /Authn .*the handler reads it/],
    ['GET /api/v1/user/ranking', 'unguarded'],
    // A helper that hands a value back without a test of its own is no use of who calls (an app session every request gets).
    ['GET /api/v1/key', 'unguarded'],
    ['GET /api/authn/ranking', 'unguarded'],
  ];
  for (const [id, state, reason] of rows) {
    it(`${id}: ${state}`, () => {
      assert.equal(route(id).guardState, state, route(id).guardReason);
      if (reason) assert.match(route(id).guardReason ?? '', reason);
    });
  }
});

describe('Go optional identity in a request context field of ours: test/fixtures/routes/go-echo-router-wrapper (server/identity.go)', () => {
  const { byId: route } = httpRoutesOf('go-echo-router-wrapper');
  const rows: [string, string, RegExp?][] = [
    ['GET /id/api/gists/:id', 'optional', /lookupGist, which the handler hands its context to/],
    ['GET /id/api/users/:name/gists', 'optional', /visibleAs/],
    ['GET /id/g/:id', 'optional', /gistInit on the route's way/],
    // requireLoginSetting's `if ctx.User != nil { return next(ctx) }` is a pass, not a use.
    ['GET /id/api/gists/public', 'unguarded'],
  ];
  for (const [id, state, reason] of rows) {
    it(`${id}: ${state}`, () => {
      assert.equal(route(id).guardState, state, route(id).guardReason);
      if (reason) assert.match(route(id).guardReason ?? '', reason);
    });
  }
});
