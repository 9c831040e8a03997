// A Hono route that hands the request to ConnectRPC (test/fixtures/routes/hono-connect): the
// Connect router's interceptors decide which calls are served, so the route is not called open.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/hono-connect');

describe('routes: a Hono catch-all that hands the request to ConnectRPC', () => {
  it('is unknown, naming the ConnectRPC call; a plain route beside it stays open', async () => {
    const got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
    const rpc = got.find((e) => e.id === 'ANY /rpc/*');
    assert.equal(rpc?.guardState, 'unknown');
    assert.match(rpc?.guardReason ?? '', /universalServerRequestFromFetch.*ConnectRPC/);
    assert.equal(got.find((e) => e.id === 'GET /healthz')?.guardState, 'unguarded');
  });
});
