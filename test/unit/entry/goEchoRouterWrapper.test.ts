// An echo router wrapped in a type of the service's own (opengist's `Router` embedding `*echo.Group`):
// `r.GET(path, h, m...)` chains the middleware given after the handler, `r.SubGroup(prefix, m...)`
// makes a group; the registration inside the wrapper's verb methods is no route of its own. Middleware
// that hands the request on only to a caller with an identity refuses the others whatever it answers
// (a redirect to a public page, a 404, a 400), while one that lets the anonymous on refuses nobody.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('Go echo router wrapper with per-route middleware: test/fixtures/routes/go-echo-router-wrapper', () => {
  const routes = httpRoutesOf('go-echo-router-wrapper');
  const route = routes.byId;
  it('finds the routes at their call sites with the SubGroup prefixes, none inside the wrapper', () => {
    const identity = ['GET /id/api/gists/:id', 'GET /id/api/users/:name/gists', 'GET /id/api/gists/public', 'GET /id/g/:id']; // goIdentityUse.test.ts
    assert.deepEqual(routes.all().map((e) => e.id).sort(), ['GET /all', 'GET /new', 'POST /mfa', 'GET /profile', 'GET /explore', 'GET /settings', 'POST /settings/email', 'GET /admin/users', ...identity].sort());
    assert.ok(routes.all().every((e) => e.file === 'server/router.go'));
  });
  it('middleware handing on only under `user != nil`, or answering `user == nil` / `!ok` from a session read, guards', () => {
    for (const id of ['GET /new', 'POST /mfa', 'GET /settings', 'POST /settings/email', 'GET /admin/users']) assert.equal(route(id).guardState, 'guarded', id);
  });
  it('middleware letting the anonymous caller on, or refusing by a policy call\'s answer, guards nothing', () => {
    assert.equal(route('GET /all').guardState, 'unguarded');
    assert.equal(route('GET /profile').guardState, 'unguarded');
    assert.notEqual(route('GET /explore').guardState, 'guarded');
  });
});
