// A gin middleware that returns early (without aborting, so gin hands the request on) for the
// paths of a package list it ranges over (`for _, v := range noLogin { if strings.HasPrefix(path, v)
// { … return } }`) does not guard the routes under them, except the exact paths of an exception
// list it tests inside (`for _, o := range override { if o == path { skip = true } }; if !skip {
// return }`); a list read at run time lets no known path through. gin-contrib/sessions refuses
// nobody, and POST /oauth2/token is a sign-in like /oauth/token.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('gin middleware path skip lists, sessions, the OAuth 2.0 token endpoint: test/fixtures/routes/go-gin-skiplist', () => {
  const route = httpRoutesOf('go-gin-skiplist').byId;
  const table: [string, 'guarded' | 'unguarded', RegExp?][] = [
    ['GET /health', 'unguarded'],
    ['GET /api/config', 'unguarded', /lets \/api\/config through unchecked/],
    ['GET /api/users', 'guarded', /middleware\.Session/],
    ['GET /pub/v2/open', 'unguarded', /lets \/pub\/v2\/open through unchecked/],
    ['GET /pub/v2/closed', 'guarded', /middleware\.Plain/],
    ['GET /pub/v3/any', 'guarded', /middleware\.Unread/],
    ['POST /auth/login', 'unguarded'],
    ['POST /auth/logout', 'unguarded', /lets \/auth\/ through unchecked/],
    ['POST /auth/reauth', 'guarded', /middleware\.Session/],
    ['POST /oauth2/token', 'unguarded'],
  ];
  for (const [id, state, reason] of table) {
    it(`${id} is ${state}`, () => {
      const e = route(id);
      assert.equal(e.guardState, state, `${id}: ${e.guardReason}`);
      if (reason) assert.match(e.guardReason ?? '', reason);
    });
  }
});
