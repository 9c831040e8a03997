// A permission-level function of the configuration handed to the service's wrapper
// (`handler.Web(f, UserLevelReader)`, writefreely) whose answer a setting decides
// (`if app.cfg.App.Private { return LevelUser }`): the setting's fresh-install value is read from the
// defaults constructor's literal (`func New() *Config { c := &Config{App: AppCfg{…}}; return c }`,
// a field left out being Go's zero value) — Private off → no refusal, MembersOnly on → a guard, a
// setting no defaults constructor gives → unknown. A level handed to a route-registering function
// (`RouteRead(h, LevelReaderFn, r)` → `h.Web(f, readPerm)`) is what its callers hand in
// (test/fixtures/routes/go-level-defaults).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go permission levels decided by the defaults constructor: test/fixtures/routes/go-level-defaults', () => {
  const routes = httpRoutesOf('go-level-defaults');
  itHasStates(routes, [
    ['POST /api/posts', 'guarded'],
    ['GET /api/posts/:id', 'unguarded'],
    ['DELETE /api/posts/:id', 'guarded'],
    ['GET /me/new', 'guarded'],
    ['ANY /', 'unguarded'],
    ['ANY /read', 'unguarded'],
    ['ANY /members', 'guarded'],
    ['ANY /locked', 'unknown'],
    ['ANY /timeline/feed', 'unguarded'],
  ]);
  it('says why a level no default decides is not known', () => {
    assert.match(routes.byId('ANY /locked').guardReason ?? '', /refuses only when LevelLockedFn answers LevelUser/);
  });
});
