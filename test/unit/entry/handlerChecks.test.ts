// Checks inside handlers that real Express services write (test/fixtures/routes/express-checks):
// a 400 when the caller's password does not match, a 400 when the caller has no session, and
// controller methods that return the middleware doing the work. A 400 for a missing field is
// not a guard. A 400 when a constant-time comparison of a signed link's key fails is one.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates } from './httpRoutes';
import { forMethod } from '../../../src/core/entry/interp/handlerCheck';
import { clip } from '../../../src/core/entry/facts/conditions';

describe('routes: checks inside handlers (400 on credentials, returned middleware)', () => {
  const routes = httpRoutesOf('express-checks');
  const expected: [string, EntryPoint['guardState'], string?][] = [
    ['POST /config', 'guarded', 'src/app.js'],
    ['POST /signup', 'unguarded'],
    ['POST /session/code', 'guarded', 'src/sessions.js'],
    ['PUT /session/code', 'guarded', 'src/sessions.js'],
    ['GET /session/hello', 'unguarded'],
    ['POST /unsubscribe', 'guarded', 'src/app.js'],
    // A refusal under `req.method === 'POST'` refuses no GET of the same handler.
    ['GET /unsubscribe-link', 'unguarded'],
    ['POST /unsubscribe-link', 'guarded', 'src/app.js'],
  ];
  itHasStates(routes, expected, (e, [, , file]) => {
    if (file) assert.ok(e.guards.some((g) => !g.optional && g.file === file && g.line > 0 && g.evidence), JSON.stringify(e.guards));
  });
});

describe('routes: a refusal under a test of the request method', () => {
  const table: [cond: string | undefined, method: string, applies: boolean][] = [
    ["req.method === 'POST' && !timingSafeStringEqual(a, b)", 'POST', true],
    ["req.method === 'POST' && !timingSafeStringEqual(a, b)", 'GET', false],
    ['(request.method !== "GET")', 'GET', false],
    ['request.method != "GET"', 'DELETE', true],
    ["else of req.method === 'GET' && !req.user", 'GET', false],
    ["else of req.method === 'GET' && !req.user", 'PUT', true],
    ['!req.user', 'GET', true],
    [undefined, 'GET', true],
  ];
  for (const [cond, method, applies] of table) {
    it(`forMethod(${JSON.stringify(cond)}, ${method}) is ${applies}`, () => {
      assert.equal(forMethod(cond, method), applies);
    });
  }
});

describe('refusal conditions: shortened from the outside in, the request method kept', () => {
  const long = `!query.key [${'url.parse(req.url, true).query'.repeat(4)}] && !timingSafeStringEqual(memberHmac, query.key) [${'crypto.createHmac(key)'.repeat(4)}]`;
  it('a long chain keeps its innermost test', () => {
    const c = clip(long);
    assert.ok(c.length <= 200 && c.startsWith('…') && c.endsWith(long.slice(-50)), c);
  });
  it('a test of the request method survives the shortening, so GET is told from POST', () => {
    const c = clip(`(req.method === 'POST') && ${long}`);
    assert.ok(c.length <= 200 && c.startsWith("(req.method === 'POST') && …"), c);
    assert.equal(forMethod(c, 'GET'), false);
    assert.equal(forMethod(c, 'POST'), true);
  });
});
