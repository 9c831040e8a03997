// A handler that parses the caller's credential through a helper of ours and, when that fails,
// answers through a helper asking for credentials (`WWW-Authenticate` + 401) refuses every caller
// without one (opengist's git-over-HTTP `parseAuthHeader` / `basicAuth`). The error of a parse of
// something else, or a failure answered without a challenge, refuses nobody. A 401 under `!allow`
// bound from a policy call about anonymous access (opengist's makeApiCheckRequireLogin) depends on settings. A handler
// testing `userLogged := ctx.User` set by `Middleware(sessionInit).toEcho()` reads the identity if present.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, reasonsOf } from './httpRoutes';

describe('Go credential parse answered with a challenge: test/fixtures/routes/go-echo-credential-challenge', () => {
  const routes = httpRoutesOf('go-echo-credential-challenge');
  const route = routes.byId;
  it('a failed Authorization parse answered with WWW-Authenticate guards', () => {
    assert.equal(route('ANY /git/*').guardState, 'guarded');
  });
  it('a body parse, or an Authorization parse answered with a plain 400, guards nothing', () => {
    assert.notEqual(route('POST /import').guardState, 'guarded');
    assert.notEqual(route('GET /token-info').guardState, 'guarded');
  });
  it('a 401 under `!allow` from a policy call about anonymous access depends on configuration', () => {
    assert.equal(route('GET /api/gists').guardState, 'unknown');
  });
  it('middleware answering `return next(c)` when the bound Authorization header is empty refuses only a bad token', () => {
    assert.notEqual(route('GET /public/gists').guardState, 'guarded', reasonsOf(route('GET /public/gists')));
  });
  it('a context field set by `Middleware(sessionInit).toEcho()` and tested through a local reads the identity if present', () => {
    assert.equal(route('GET /all').guardState, 'optional', reasonsOf(route('GET /all')));
    assert.equal(route('GET /about').guardState, 'unguarded');
  });
});
