// A Nest handler that checks a credential carried in the body before it does anything guards
// itself (nestHandlerChecks.ts): a body value handed to a JWT verification whose failure ends the
// request (a catch that answers, or an empty catch ending the handler), a body credential compared
// with a secret of the environment, a `body.jwt` field verified in a try whose catch throws 401.
// A header credential handed to a service call with no refusal in the handler is unknown; a token
// refresh stays a way in; a body with no credential changes nothing (test/fixtures/routes/nest-handler-body-checks).
import * as assert from 'node:assert/strict';
import { settleGuardStates } from '../../../src/core/entry/guardState';
import { httpRoutesOf } from './httpRoutes';

describe('nest: credentials a handler checks in the body', () => {
  const { all, byId } = httpRoutesOf('nest-handler-body-checks');
  before(async () => {
    await settleGuardStates(all(), () => '');
  });
  const rows: [string, string, RegExp | undefined][] = [
    ['POST /partner/create-user', 'guarded', /AuthService\.verifyJWT\(\) checks 'params'.*catch at line/],
    ['POST /partner/url', 'guarded', /empty catch ending the handler/],
    ['POST /partner/agent', 'guarded', /'body\.apiKey' \(@Body\(\) body\.apiKey\) equals a configured secret/],
    ['POST /partner/extension-refresh', 'guarded', /checks 'body\.jwt'/],
    ['GET /partner/oauth/userinfo', 'unknown', /a check we did not read: this\._oauth\.getUserInfo\(\)/],
    ['POST /partner/stripe', 'unknown', /a check we did not read: this\._stripe\.validateRequest\(\)/],
    ['POST /partner/auth/refresh', 'unguarded', undefined],
    ['POST /partner/notes', 'unguarded', undefined],
  ];
  for (const [id, state, reason] of rows) {
    it(`${id} is ${state}`, () => {
      const e = byId(id);
      assert.equal(e.guardState, state, `${e.guardReason} | ${JSON.stringify(e.guards)}`);
      if (reason) assert.ok(e.guards.some((g) => reason.test(g.reason)), JSON.stringify(e.guards));
    });
  }
  it('has exactly the routes of the table', () => {
    assert.deepEqual(all().map((e) => e.id).sort(), rows.map((r) => r[0]).sort());
  });
});
