// A router made in a factory and returned as a property of an object, mounted elsewhere through
// a wrapper middleware that hands it every request (test/fixtures/routes/express-delegate): its
// routes take the wrapper's mount path, and are not an unmounted router's. Also when the router is
// made after the mount ran (a module variable an `init()` assigns later, read through a getter).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: a router mounted through a wrapper that delegates to it', () => {
  const { all, byId } = httpRoutesOf('express-delegate');

  it('finds the route under the mount path of the wrapper', () => {
    assert.deepEqual(all().map((e) => e.id).sort(), ['GET /health', 'GET /members/.well-known/jwks.json', 'POST /members/api/magic-link']);
    const e = byId('GET /members/.well-known/jwks.json');
    assert.equal(e.file, 'keys.js');
    assert.equal(e.line, 7);
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });

  it('follows a wrapper whose router is made later than the mount, by an init() boot runs afterwards', () => {
    const e = byId('POST /members/api/magic-link');
    assert.equal(e.file, 'service.js');
    assert.equal(e.line, 12);
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });
});
