// A Nest guard that refuses through a helper named to throw (`if (!user) throwHTTPErr({ …, statusCode:
// 401 })`) refuses as a `throw` does; before, the guard read as letting everyone through (its
// `return true` was the first thing the reader met) and the route was called unguarded. A helper
// handed a status that is no refusal of the caller (429) is none (test/fixtures/routes/nest-throwing-helpers).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('Nest guards refusing through a throwing helper: test/fixtures/routes/nest-throwing-helpers', () => {
  const routes = httpRoutesOf('nest-throwing-helpers', { settled: true });
  itHasStates(routes, [
    ['GET /teams/:teamId', 'guarded'],
    ['GET /teams', 'unguarded'],
  ]);
  it('names the helper call as the refusal', () => {
    assert.match(reasonsOf(routes.byId('GET /teams/:teamId')), /TeamMemberGuard.*throwHTTPErr\(\{ message: 'unauthorized', statusCode: 401 \}\)/);
  });
});
