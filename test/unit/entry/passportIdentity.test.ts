// Passport sessions, no guard middleware (test/fixtures/routes/express-passport-identity): what a
// route is follows from what its handler does with the caller's identity. A handler that reads it
// (req.isAuthenticated(), req.user), itself or in code it hands the request to, and answers
// anonymous callers too is anonymous allowed, not open; one whose only data is behind the identity
// test, answering a fixed body otherwise, is guarded; one that reads no identity stays open.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: what an Express handler does with the passport identity', () => {
  const { byId } = httpRoutesOf('express-passport-identity');

  it('a handler that reads req.isAuthenticated() to choose what to show is anonymous allowed', () => {
    const e = byId('GET /');
    assert.equal(e.guardState, 'optional', e.guardReason);
    const g = e.guards.find((x) => x.optional);
    assert.ok(g, JSON.stringify(e.guards));
    assert.match(g.reason, /req\.isAuthenticated\(\)/);
    assert.match(g.file, /lib\/response\.js$/);
  });

  it('so is one that reads req.user when present, or only logs it before signing the caller out', () => {
    for (const id of ['GET /config', 'GET /logout']) assert.equal(byId(id).guardState, 'optional', `${id}: ${byId(id).guardReason}`);
  });

  it('the identity read in code the request is handed to, one and two calls down, counts', () => {
    const created = byId('GET /new');
    assert.equal(created.guardState, 'optional', created.guardReason);
    assert.ok(created.guards.some((g) => g.optional && /util\.js$/.test(g.file)), JSON.stringify(created.guards));
    // showNote → findNote → checkViewPermission(req, note): a per-note permission.
    const shown = byId('GET /:noteId');
    assert.equal(shown.guardState, 'optional', shown.guardReason);
    assert.ok(shown.guards.some((g) => g.optional && /checkViewPermission|util\.js/.test(`${g.reason} ${g.file}`)), JSON.stringify(shown.guards));
  });

  it('a handler answering anonymous callers only a fixed body, its data behind the identity test, is guarded', () => {
    for (const id of ['GET /me', 'GET /me/status']) {
      const e = byId(id);
      assert.equal(e.guardState, 'guarded', `${id}: ${e.guardReason}`);
      assert.ok(e.guards.some((g) => !g.optional && /answers without data unless/.test(g.reason)), JSON.stringify(e.guards));
    }
  });

  it('one whose anonymous branch answers with data of the request is anonymous allowed, not guarded', () => {
    const e = byId('GET /me/greeting');
    assert.equal(e.guardState, 'optional', e.guardReason);
  });

  it('a refusal in a helper stays a guard; routes that read no identity stay open', () => {
    assert.equal(byId('GET /me/export').guardState, 'guarded');
    for (const id of ['GET /status', 'GET /user/:username/avatar.svg', 'GET /403']) assert.equal(byId(id).guardState, 'unguarded', `${id}: ${byId(id).guardReason}`);
  });

  it('a read of the caller only under a setting compared with a literal is that configuration\'s: the route stays open', () => {
    const e = byId('POST /uploadimage');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });
});
