// Fastify's app-wide hooks and decorators (test/fixtures/routes/fastify-hooks, the shape of
// Hemmelig's server): `fastify.authenticate`, decorated by a fastify-plugin on the root, is read in
// route plugins registered under a prefix (a child instance sees its ancestors' decorators); a
// preHandler hook that reads off the request only its URL refuses everyone going there alike (a
// switch, not a guard); one whose refusal tests the URL against one anchored literal is on the way
// of that route only, not of a route whose path cannot be that URL; `@fastify/static` under a
// prefix serves `GET <prefix>*`, and with `serve: false` nothing; a handler's 403 for a path
// parameter that fails a pattern is input validation, and so is one for a name given only sometimes;
// refusing robots by their User-Agent is no check of the caller.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';
import { inputFormatCheck } from '../../../src/core/entry/interp/inputFormatCheck';

describe('routes: Fastify hooks that test the URL, decorators of the root, static files', () => {
  const routes = httpRoutesOf('fastify-hooks');
  itHasStates(routes, [
    ['GET /assets/*', 'unguarded'],
    ['GET /health', 'unguarded'],
    ['GET /api/items', 'guarded'],
    // The read-only hook's literal is this URL, and it refuses anonymous callers here.
    ['POST /api/items', 'guarded'],
    // `if (!isValidId.test(id)) 403` with `id` from the path: a malformed id, not a caller, is refused.
    ['GET /api/items/:id', 'unguarded'],
    // A route hook's refusal under `row?.allowed_ip ?? null`, the row looked up by the path's id: the item's
    // own IP allow-list, asked of every caller alike (itemRestrictions.ts; guarded before session 31).
    ['GET /api/items/:id/private', 'unguarded'],
    // The same test of a row found by a header the caller sends: not the item's, not decided by the URL.
    ['GET /api/items/:id/tenant', 'guarded'],
    // The same test of a token from the query is a check of the caller's credential.
    ['GET /api/items/:id/shared', 'guarded'],
    // `username && !isValidName.test(username)`, the name from the path: a user's name is whom the request is about.
    ['GET /api/items/by/:username', 'unguarded'],
    // `isbot(userAgent)`: the User-Agent names the caller's software, not who calls.
    ['POST /api/items/track', 'unguarded'],
    ['POST /api/accounts/signup', 'unguarded'],
    ['DELETE /api/accounts', 'guarded'],
  ], (e, [id, state]) => {
    if (state !== 'guarded') return;
    const name = id === 'POST /api/items' ? 'readOnly' : id.endsWith('/shared') ? 'check in the handler' : 'inline middleware';
    assert.ok(e.guards.some((g) => !g.optional && g.name === name), JSON.stringify(e.guards));
  });

  it('names the static mount at its register call', () => {
    const e = routes.byId('GET /assets/*');
    assert.equal(`${e.file}:${e.line}`, 'server.js:12');
  });
});

describe('a 403 under a pattern test of the request input is input validation (inputFormatCheck)', () => {
  const rows: [cond: string, validation: boolean][] = [
    ['(!isValidId.test(id)) [request.params.id]', true],
    ['!isValidId.test(id) [request.params.id]', true],
    ['(username && !isValidName.test(username)) [request.params.username] [request.params.username]', true],
    ['(slug && !re.test(slug) && !other.test(slug)) [req.query.slug] [req.query.slug] [req.query.slug]', true],
    // A credential's format is the caller's proof: a check.
    ['(!isShareToken.test(token)) [request.query.token]', false],
    ['(!re.test(pw)) [req.body.password]', false],
    // Not from the request's path, query or body, or not only a pattern test.
    ['(!re.test(h)) [request.headers.authorization]', false],
    ['(!re.test(id) || !req.user) [request.params.id]', false],
    ['(id && isAdmin) [request.params.id]', false],
    ['(!isValidId.test(id))', false],
  ];
  for (const [cond, want] of rows) it(`${cond} → ${want ? 'validation' : 'a check'}`, () => assert.equal(inputFormatCheck(cond), want));
});
