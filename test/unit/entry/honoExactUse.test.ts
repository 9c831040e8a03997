// Hono matches a middleware path as it matches a route (test/fixtures/routes/hono-exact-use):
// `use('/connect', ...mw)` guards `/connect` alone, not `/connect/callback`, while `use('/admin/*', mw)`
// guards `/admin` and what is under it. A webhook whose `catch` refuses the sender only when the
// error is the verification's own (`if (err instanceof WebhookVerificationError) throw …`) is guarded.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/hono-exact-use');

describe('routes: hono path-exact middleware and a signature checked in a catch', () => {
  it('guards the exact path only, and the webhook by its signature', async () => {
    const got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
    const state = Object.fromEntries(got.map((e) => [e.id, e.guardState]));
    assert.deepEqual(state, {
      'GET /pay/connect': 'guarded',
      'GET /pay/connect/callback': 'unguarded',
      'GET /pay/admin': 'guarded',
      'GET /pay/admin/stats': 'guarded',
      'POST /webhook/polar': 'guarded',
    }, JSON.stringify(got.map((e) => [e.id, e.guardReason])));
  });
});
