// A Hono app handed to setup functions inside a context object ({ app, db, services }), with hono's
// own response plumbing (cors, secureHeaders) app-wide (test/fixtures/routes/hono-context-app): the
// plumbing refuses nobody, so an unguarded route is open rather than unknown; a handler that refuses
// a caller with no auth type, and a webhook whose event is made from its signature outside any `try`,
// are guarded by the handler.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/hono-context-app');

describe('routes: hono plumbing middleware and an app passed in a context object', () => {
  it('finds every route (a constant path too) with its guard state', async () => {
    const got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
    const state = Object.fromEntries(got.map((e) => [e.id, e.guardState]));
    assert.deepEqual(state, {
      'GET /api/ping': 'unguarded',
      'GET /api/items': 'guarded',
      'GET /api/current': 'guarded',
      'POST /api/stripe/webhook': 'guarded',
      'POST /api/events/echo': 'unguarded',
    }, JSON.stringify(got.map((e) => [e.id, e.guardReason])));
  });
});
