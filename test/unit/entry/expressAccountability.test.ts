// A service whose authentication middleware never refuses an anonymous request and whose
// permissions are checked in the services its handlers make with the caller's identity
// (test/fixtures/routes/express-accountability, the shape of Directus's API): the decoder is no
// guard, a middleware that refuses only an OAuth caller guards nothing, the services' refusals guard
// the routes that hand them the identity, and not those that do not; Express's SEARCH method is a
// route; a wrapper every handler goes through (`asyncHandler(fn)`, more often than the interpreter
// runs one function) still gives each route its handler's checks; a prefix mount that always answers
// (`app.use('/admin/*', sendHtml)`) is a route.
import * as assert from 'node:assert/strict';
import { refusesOnlyPresentCaller } from '../../../src/core/entry/interp/guardEval';
import { callRefusal } from '../../../src/core/entry/facts/refusal';
import { httpRoutesOf } from './httpRoutes';

describe('routes: identity set for everyone, permissions checked in the services', () => {
  const { all, byId } = httpRoutesOf('express-accountability');

  it("registers Express's SEARCH method (`router.search(path, …)`)", () => {
    const e = byId('SEARCH /notes');
    assert.equal(e.line, 15);
    assert.equal(e.guardState, 'guarded', e.guardReason);
  });

  it('a decoder that refuses only a bad token, in a catch that tests the error with a predicate, is no guard', () => {
    const e = byId('GET /server/random');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
    const decoder = e.guards.find((g) => g.name === 'asyncHandler(handler)');
    assert.ok(decoder?.optional, JSON.stringify(e.guards));
    assert.doesNotMatch(decoder.reason, /isAppError/);
  });

  it('a middleware that refuses only a caller who came by OAuth (`if (!req.accountability?.oauth) return next()`) guards nothing', () => {
    const e = byId('GET /server/info');
    assert.equal(e.guardState, 'optional', e.guardReason);
    const oauth = e.guards.find((g) => g.file === 'middleware/oauth-guard.js');
    assert.ok(oauth && oauth.kind === 'other' && oauth.optional, JSON.stringify(e.guards));
  });

  it("a service made with the caller's accountability that throws a ForbiddenError guards the route", () => {
    for (const id of ['GET /notes', 'GET /notes/:pk', 'POST /notes', 'GET /server/health']) {
      const e = byId(id);
      assert.equal(e.guardState, 'guarded', `${id}: ${e.guardReason}`);
      assert.ok(e.guards.some((g) => !g.optional && g.evidence?.how === 'throw' && g.evidence.file.startsWith('services/')), `${id}: ${JSON.stringify(e.guards)}`);
    }
  });

  it("a service made without the caller's identity refuses for something else: the route is open", () => {
    const e = byId('GET /notes/info/:pk');
    assert.equal(e.guardState, 'unguarded', e.guardReason);
  });

  it('past the run cap of a shared wrapper and data layer, the last routes are still judged by their handlers', () => {
    const bulk = all().filter((e) => e.path.startsWith('/bulk/r'));
    assert.equal(bulk.length, 52);
    for (const e of bulk) {
      assert.equal(e.guardState, 'guarded', `${e.id}: ${e.guardReason}`);
      // The refusal is two calls down: deleteMany → validateAccess.
      assert.ok(e.guards.some((g) => !g.optional && g.evidence?.file === 'services/validate-access.js'), `${e.id}: ${JSON.stringify(e.guards)}`);
    }
    const admin = byId('POST /bulk/admin-only');
    assert.ok(admin.guards.some((g) => !g.optional && g.evidence?.file === 'controllers/bulk.js'), JSON.stringify(admin.guards));
  });

  it('a prefix mount whose last function takes no next and answers is a route; one that passes every request on is not', () => {
    assert.equal(byId('ANY /admin/*').line, 25);
    assert.equal(byId('ANY /admin/*').guardState, 'unguarded');
    // Through the responder every handler ends with (a wrapped `(req, res) => res.json(…)`).
    const q = byId('ANY /graphql/*');
    assert.equal(q.line, 40);
    assert.equal(q.guardState, 'guarded', q.guardReason);
    assert.ok(!all().some((e) => e.method === 'ANY' && e.path.startsWith('/server')), all().map((e) => e.id).join(', '));
  });

  it('a predicate about an error is no refusal; raising one is', () => {
    assert.equal(callRefusal('isDirectusError', ['err', 'ErrorCode.InvalidToken'], 3), undefined);
    assert.equal(callRefusal('isHttpError', ['e', '403'], 3), undefined);
    assert.equal(callRefusal('next', ['new ForbiddenError()'], 3)?.how, 'error');
  });

  it('a refusal after an early pass for requests without a mark of the caller refuses only a caller who is there', () => {
    const r = { how: 'error' as const, text: 'next(new ForbiddenError())', line: 1, cond: 'else of (!req.accountability?.oauth) && (!isMcpPath(req.path))' };
    assert.equal(refusesOnlyPresentCaller(r, 'req'), true);
    // The record every request carries, tested alone, says nothing of a caller being there.
    assert.equal(refusesOnlyPresentCaller({ ...r, cond: 'else of (!req.accountability)' }, 'req'), false);
    assert.equal(refusesOnlyPresentCaller({ ...r, cond: '(!req.accountability?.oauth)' }, 'req'), false);
  });

  it('a service method that refuses every caller but an administrator (`this.accountability?.admin !== true`) guards the route; one refusing only a signed-in non-administrator does not', () => {
    const clear = byId('POST /server/cache/clear');
    assert.equal(clear.guardState, 'guarded', clear.guardReason);
    assert.ok(clear.guards.some((g) => !g.optional && g.evidence?.file === 'services/server.js'), JSON.stringify(clear.guards));
    const warm = byId('POST /server/cache/warm');
    assert.notEqual(warm.guardState, 'guarded', warm.guardReason);
  });
});
