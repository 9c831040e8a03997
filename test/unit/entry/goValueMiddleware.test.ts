// Middleware factories of ours that return a value, not code (valueReturns.ts): a method value of
// ours or an interface's one implementation is followed to its refusal; a value nobody can read
// (a map filled at run time) leaves the route `unknown` when it reads as auth, never "none". And a
// literal of another package's type whose method shares a router's name (`s.Mount(r)`) is a call
// of ours handed the router, not a route (test/fixtures/routes/go-value-middleware).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

describe('Go middleware handed out as values: test/fixtures/routes/go-value-middleware', () => {
  const routes = httpRoutesOf('go-value-middleware');
  itHasStates(routes, [
    ['GET /health', 'unguarded'],
    ['GET /items', 'guarded'],
    ['GET /keys', 'guarded'],
    ['GET /plugins', 'unknown'],
    ['GET /trace', 'unguarded'],
  ]);
  it('finds the refusal in the interface’s one implementation and in the method value', () => {
    assert.match(reasonsOf(routes.byId('GET /items')), /s\.requireUser\(\).*refuses requests \(401\)/);
    assert.equal(routes.byId('GET /items').guards[0]?.evidence?.file, 'session/session.go');
    assert.equal(routes.byId('GET /keys').guards[0]?.evidence?.line, 41);
  });
  it('says which value could not be read', () => {
    assert.match(routes.byId('GET /plugins').guardReason ?? '', /hands out `s\.Extra\["auth"\]` \(api\/server\.go:30\)/);
  });
});
