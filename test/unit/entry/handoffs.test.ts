// A session creator is not a guard, and a handler that hands the request on is judged by the code
// that gets it (test/fixtures/routes/express-handoff): a magic-link middleware that answers every
// request carrying a token itself and lets only the others on; handlers that pass `req` to a
// router of an API object made by init() and read through a getter (its controller's 401 counts);
// a handler that passes `req` to something unresolved is unknown, never "no guard".
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf } from './httpRoutes';

describe('routes: session creators and handlers that hand the request on', () => {
  const { byId } = httpRoutesOf('express-handoff');
  const expected: [id: string, state: EntryPoint['guardState'], why: RegExp][] = [
    ['GET /health', 'unguarded', /none refuses/],
    ['POST /account/email', 'guarded', /AccountController\.changeEmail/],
    ['GET /plans', 'unguarded', /none refuses/],
    ['GET /elsewhere', 'unknown', /hands the request to service\.notMadeHere\.handle/],
    // A middleware that reads a form's token and sets nothing gives the route no identity.
    ['POST /contact', 'unguarded', /none refuses/],
    // A key check that lets requests without a key through and sets nothing: no guard, no identity.
    ['GET /public-config', 'unguarded', /none refuses/],
    // A handler that refuses only a bad token, when one is given: anonymous allowed.
    ['POST /checkout', 'optional', /anonymous allowed/],
    // Behind a decoder whose session comes from code out of sight: only what looks at the request can use it.
    ['ANY /admin/assets/*', 'unguarded', /identity is not used/],
    ['GET /admin', 'unguarded', /identity is not used: nothing on the route reads the request beyond its URL/],
    ['GET /admin/me', 'optional', /anonymous allowed/],
  ];
  for (const [id, state, why] of expected) {
    it(`${id} is ${state}`, () => {
      const e = byId(id);
      assert.equal(e.guardState, state, e.guardReason);
      assert.match(e.guardReason ?? '', why);
      assert.ok(!e.guards.some((g) => g.name === 'createSessionFromLink'), `the session creator is listed: ${JSON.stringify(e.guards)}`);
    });
  }

  it('the function the forwarding ends in is the flow\'s first call', () => {
    const loc = byId('POST /account/email').handlerLocation;
    assert.equal(loc?.via, 'AccountController.changeEmail', JSON.stringify(loc));
    assert.equal(loc?.file, 'accountsApi.js');
  });
});
