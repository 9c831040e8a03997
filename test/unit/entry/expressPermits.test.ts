// Express patterns of a registry-like service (test/fixtures/routes/express-permits): a permission
// check made by a two-level factory (`const can = permit(store); route.put(p, can('write'), h)`)
// that hands the check's error to `next(err)`; the same from a package whose code is not there;
// a handler that refuses after an early return taken when the caller is known; and a token
// decoder that lets anonymous requests through, whose identity a route reads or not.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('routes: permission factories, inverted handler checks and unread decoders (Express)', () => {
  const routes = httpRoutesOf('express-permits');
  const expected: [string, EntryPoint['guardState'], RegExp][] = [
    // next(err) from the check the factory's middleware makes with the caller's identity.
    ['PUT /pkg/:name', 'guarded', /next\(err\) when store\['may_' \+ action\]/],
    ['GET /pkg/:name', 'guarded', /next\(err\)/],
    // Made by a package we cannot read, under a name that says permissions: not known either way.
    ['DELETE /pkg/:name', 'unknown', /permissions/],
    // `if (req.user.name != null) return next(profile); res.status(401)`.
    ['GET /me', 'guarded', /req\.user\.name != null/],
    // The decoder's identity read by the handler, or the request handed to other code.
    ['GET /whoami', 'optional', /decoder/],
    ['GET /feed', 'optional', /decoder/],
    // A lookup with the caller's identity whose error goes to next(): no check, no guard.
    ['GET /mine', 'optional', /decoder/],
    // Nobody reads what the decoder sets.
    ['GET /ping', 'unguarded', /decoder\(keys\).*not used/],
    ['GET /gone', 'unguarded', /not used/],
  ];
  itHasStates(routes, expected, (e, [, state, why]) => {
    assert.match(reasonsOf(e), why);
    if (state === 'guarded') assert.ok(e.guards.some((g) => !g.optional && g.evidence && g.line > 0), JSON.stringify(e.guards));
  });
});
