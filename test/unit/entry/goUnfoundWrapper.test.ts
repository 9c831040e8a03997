// A wrapper of the service's own whose code we cannot find (a generated file not checked in) is
// `unknown` whatever its name — it may refuse; one we read that refuses no one, or a library's
// compression wrapper, leaves the route unguarded (test/fixtures/routes/go-unfound-wrapper).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('Go wrappers of our own we cannot find: test/fixtures/routes/go-unfound-wrapper', () => {
  const routes = httpRoutesOf('go-unfound-wrapper');
  itHasStates(routes, [
    ['ANY /notes', 'unguarded'],
    ['ANY /drafts', 'unknown'],
    ['ANY /feed', 'unguarded'],
  ]);
  it('says the function is the service’s own and could not be found', () => {
    assert.match(routes.byId('ANY /drafts').guardReason ?? '', /mw\.Chain.*a function of this service, could not be found/);
  });
});
