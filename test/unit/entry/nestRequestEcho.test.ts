// A Nest guard comparing two values the request itself carries (an OAuth state in the query with the
// flow's cookie) checks the flow, not who calls (src/core/entry/nestRequestEcho.ts), on
// test/fixtures/routes/nest-request-echo; the same state compared with one the server keeps is a guard.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, reasonsOf } from './httpRoutes';

describe('nest: a guard comparing two values of the request', () => {
  const { byId: route } = httpRoutesOf('nest-request-echo', { settled: true });

  const rows: [id: string, state: string, reason: RegExp][] = [
    ['GET /login/callback/:provider', 'unguarded', /not a guard: .*two values the request itself carries/],
    ['GET /login/stored/:provider', 'guarded', /StoredStateGuard .*which may be false/],
  ];
  for (const [id, state, reason] of rows) {
    it(`${id}: ${state}`, () => {
      assert.equal(route(id).guardState, state, reasonsOf(route(id)));
      assert.match(reasonsOf(route(id)), reason);
    });
  }
});
