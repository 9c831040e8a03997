// Stored access settings decided by their seeds (test/fixtures/routes/go-gin-stored-seeds, after
// apache/answer and opengist): a refusal reached only past `if !mustLogin { ctx.Next(); return }`
// (or `if !allow`, allow from a policy function of ours reading `prov.RequireLogin()`) is judged by
// the literal every non-test seed of that setting's name writes — `"login_required": false` lets
// everyone through, `"force_sign_in": true` refuses, seeds that disagree (`s.SignInRequired = true`
// against `"sign_in_required": false`) leave it unknown. A copy of the same-named field
// (`"login_required": m.LoginRequired`) and a test's seed count for nothing; a map keyed by
// constants counts by the constants' strings (`SettingRequireLogin: "0"` = `require-login`).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('stored access settings decided by their seeds: test/fixtures/routes/go-gin-stored-seeds', () => {
  const routes = httpRoutesOf('go-gin-stored-seeds');
  itHasStates(routes, [
    ['GET /questions', 'unguarded'],
    ['GET /members', 'guarded'],
    ['GET /private', 'unknown'],
    ['GET /api/gists/:id', 'unguarded'],
    ['GET /api/gists', 'unguarded'],
  ]);
  it('says a setting whose seeds disagree is not known', () => {
    assert.match(routes.byId('GET /private').guardReason ?? '', /only while a stored setting requires it/);
  });
});
