// LoopBack 4 (test/fixtures/routes/loopback): routes declared by @get/@post/@patch/@del on controller
// classes, under the class's @api({basePath}), paths held in module constants and templates over them,
// `{id}` written `:id`. @authenticate on the class guards every method unless the method says
// @authenticate.skip(); @authorize with roles or permissions is an authorization guard, with
// `permissions: ['*']` none; an @intercept in front of an otherwise unguarded route is a doubt
// (unknown), as is a sign-in strategy (`STRATEGY.LOCAL`: the credentials are the way in).
import * as assert from 'node:assert/strict';
import { settleGuardStates } from '../../../src/core/entry/guardState';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import type { EntryPoint } from '../../../src/core/entry/types';

describe('LoopBack 4: decorated controllers and their guards', () => {
  const routes = httpRoutesOf('loopback');
  before(async () => {
    await settleGuardStates(routes.all(), () => '');
  });
  type Row = [id: string, state: EntryPoint['guardState'], why: RegExp];
  const rows: Row[] = [
    ['GET /v1/members/:memberId/loans', 'guarded', /@authenticate on class LoanController/],
    ['DELETE /v1/members/:memberId/loans/:loanId', 'guarded', /allowedRoles/],
    ['GET /v1/catalogue', 'unguarded', /./],
    ['POST /v1/loans/callback', 'unknown', /@intercept\('interceptors\.signedCallback'\)/],
    ['PATCH /v1/loans/:loanId/renew', 'unguarded', /./],
    ['POST /sessions', 'unknown', /sign-in strategy/],
  ];
  itHasStates(routes, rows, (e, [, , why]) => {
    assert.match(reasonsOf(e), why);
    assert.equal(e.framework, 'loopback');
  });

  it('the handler is the class method, at the route decorator', () => {
    const e = routes.byId('DELETE /v1/members/:memberId/loans/:loanId');
    assert.equal(e.handler, 'LoanController.remove');
    assert.equal(e.file, 'src/controllers/loan.controller.ts');
    assert.equal(e.line, 17);
  });
});
