// "Anonymous allowed" needs a middleware that reads the caller (test/fixtures/routes/express-identity):
// a credential word in code that mints a token or reads a key from the settings is not the
// caller's identity, while a token read off the request is.
import * as assert from 'node:assert/strict';
import { identityRead } from '../../../src/core/entry/facts/refusal';
import { httpRoutesOf } from './httpRoutes';


describe('routes: middleware that reads the caller, and middleware that only names a credential', () => {
  const { byId } = httpRoutesOf('express-identity');

  it('a minted token and a key from the settings leave the route unguarded', () => {
    const e = byId('GET /feed');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });

  it('a token read off the request makes the route anonymous allowed', () => {
    const e = byId('GET /profile');
    assert.equal(e.guardState, 'optional', e.guardReason);
    assert.ok(e.guards.some((g) => g.name === 'loadAccount' && g.optional), JSON.stringify(e.guards));
  });

  const table: [body: string, reads: string | undefined][] = [
    ['const token = createToken();\nres.cookie("t", token);', undefined],
    ['const apiKey = settings.get("key");\nif (!apiKey) return next();', undefined],
    ['const token = req.query.token;', 'token'],
    ['const user = await getUser(req);', 'getUser'],
    ['if (!req.user) return next();', 'req.user'],
    ['const h = headers.authorization;', 'authorization'],
    // Read line by line: a name and the request on different lines, or split by a line break, are not a read.
    ['const token = mint();\nlog(req.path);', undefined],
    ['const u = req\n  .user;', undefined],
    ['x();\r\nconst t = req.get("x") || token;', 'token'],
    ['const apiKey = cfg.key;\nconst u = ctx . user;', 'ctx . user'],
  ];
  for (const [body, reads] of table) {
    it(`identityRead(${JSON.stringify(body.split('\n')[0])}) is ${reads ?? 'nothing'}`, () => {
      assert.equal(identityRead(body), reads);
    });
  }
});
