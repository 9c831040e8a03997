// A Nest guard asking for the caller's credential only when the item the route names carries a
// password of its own lets anyone with the link in on every other item: open, by the label rule
// "a secret asked only of some items" (src/core/entry/nestItemGates.ts), on
// test/fixtures/routes/nest-item-password. A test of anything but the item's password, a credential
// handed on in the try, or an item looked up by the caller's token keeps the guard.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, reasonsOf } from './httpRoutes';

describe('nest: a credential asked only of items with a password of their own', () => {
  const { byId: route } = httpRoutesOf('nest-item-password', { settled: true });

  const rows: [id: string, state: string, reason: RegExp][] = [
    ['GET /albums/:albumId/link', 'unguarded', /not a guard: .*returns this\.check\(\).*only when album\.settings\?\.password/],
    ['GET /albums/:albumId/photos', 'unguarded', /not a guard: .*only when album\.settings\?\.password/],
    ['GET /albums/:albumId/private', 'guarded', /super\.canActivate/],
    ['GET /albums/:albumId/decoded', 'guarded', /Unauthori[sz]ed/],
    ['GET /albums/:albumId/owned', 'guarded', /super\.canActivate/],
  ];
  for (const [id, state, reason] of rows) {
    it(`${id}: ${state}`, () => {
      assert.equal(route(id).guardState, state, reasonsOf(route(id)));
      assert.match(reasonsOf(route(id)), reason);
    });
  }
});
