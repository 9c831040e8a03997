// An error thrown in a handler when the caller's session or user is missing refuses every
// anonymous caller, whatever status it carries (test/fixtures/routes/express-caller-missing).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { callerMissingThrow } from '../../../src/core/entry/facts/refusal';

describe('routes: errors thrown when the caller is missing', () => {
  const { byId } = httpRoutesOf('express-caller-missing');

  it('guards a route whose handler throws a 404 when the caller has no workspace', () => {
    const e = byId('GET /leads/:id');
    assert.equal(e.guardState, 'guarded', e.guardReason);
  });

  it('leaves a throw for a signed-in caller, or for a missing parameter, as no guard', () => {
    assert.notEqual(byId('GET /profile').guardState, 'guarded', byId('GET /profile').guardReason);
    assert.equal(byId('GET /items/:id').guardState, 'unguarded', byId('GET /items/:id').guardReason);
  });

  const rows: [thrown: string, cond: string, refusal: boolean][] = [
    ['new AppError(404, "x")', '(!workspaceId) [req.user?.activeWorkspaceId]', true],
    ['new Error("no user")', '!req.user', true],
    ['new Error("no session")', 'else of (req.session.user)', true],
    ['new Error("x")', 'else of (!req.user)', false],
    ['new AppError(404, "x")', 'req.user && !req.user.email', false],
    ['new AppError(412, "x")', '!req.params.id', false],
    ['error', '!req.user', false],
    ['new Error("x")', '', false],
  ];
  for (const [thrown, cond, refusal] of rows) {
    it(`throw ${thrown} under ${JSON.stringify(cond)} ${refusal ? 'refuses' : 'refuses no anonymous caller'}`, () => {
      assert.equal(!!callerMissingThrow(thrown, cond, 1), refusal);
    });
  }
});
