// A wrapper handed the page and then a function of another kind (writefreely's `handler.Web(viewHome,
// UserLevelOptional)`, a permission-level function last): the page is the function that serves the
// request (an http.ResponseWriter and an *http.Request), not the last argument, so its own checks are
// read (go/handlerWrappers.ts `alt`, link.ts `servingAlt`).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go wrappers handed a page and a level function: test/fixtures/routes/go-level-wrappers', () => {
  const { byId: route } = httpRoutesOf('go-level-wrappers');
  it('the page\'s own refusal is read: guarded (was taken for the level function, unguarded)', () => {
    const e = route('ANY /account');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.match(e.guardReason ?? '', /main\.go:3\d/);
  });
  it('a page that refuses nobody stays unguarded', () => {
    assert.equal(route('ANY /about').guardState, 'unguarded');
  });
});
