// A route whose path carries a credential (`/ext/heartbeat/:tag/:secret`) is reached only by who
// knows it; with nothing on the way refusing, it is `unknown` (the handler's comparison is not
// followed), never "no auth" — a real status page's heartbeat was called unguarded that way.
import * as assert from 'node:assert/strict';
import { credentialParam, settleGuardStates, webhookAddressParam } from '../../../src/core/entry/guardState';
import type { EntryPoint } from '../../../src/core/entry/types';

function route(path: string, state?: EntryPoint['guardState']): EntryPoint {
  return { id: `GET ${path}`, kind: 'http', method: 'GET', path, handler: 'h', file: 'a.ts', line: 1, guards: [], framework: 'express', ...(state ? { guardState: state } : {}) } as EntryPoint;
}

describe('routes: a credential in the path (src/core/entry/guardState.ts)', () => {
  it('names a parameter that is a credential by its whole name, not one that names a record', () => {
    const cases: [string, string | undefined][] = [
      ['/ext/heartbeat/:tag/:secret', 'secret'],
      ['/badge/:badge_key/:signature.:fmt', 'signature'],
      ['/hooks/:apiKey', 'apiKey'],
      ['/secrets/:secretId', undefined],
      ['/gift/:token', undefined],
      ['/users/:id', undefined],
    ];
    for (const [p, want] of cases) assert.equal(credentialParam(p), want, p);
  });
  it('names the secret address of a webhook receiver: its last segment under a hooks segment, on a method a sender calls', () => {
    const cases: [string, string, string | undefined][] = [
      ['POST', '/api/stacks/webhooks/:webhookID', 'webhookID'],
      ['POST', '/api/webhooks/:token', 'token'],
      ['ANY', '/telegram/hook/:token', 'token'],
      ['POST', '/api/v1/webhook/{token}', 'token'],
      // A hook's record id on a management route, a plain id, a public link's token, a read.
      ['PATCH', '/api/docs/:docId/webhooks/:webhookId', undefined],
      ['ANY', '/api/v1/webhook/:id', undefined],
      ['POST', '/gift/:token', undefined],
      ['GET', '/api/webhooks/:token', undefined],
      ['POST', '/api/webhooks/:webhookId/test/:id', undefined],
    ];
    for (const [m, p, want] of cases) assert.equal(webhookAddressParam(m, p), want, `${m} ${p}`);
  });
  it('an unguarded webhook receiver addressed by its secret is unknown, not open', async () => {
    const hook = { ...route('/api/stacks/webhooks/:webhookID'), id: 'POST /api/stacks/webhooks/:webhookID', method: 'POST' };
    await settleGuardStates([hook], () => '');
    assert.equal(hook.guardState, 'unknown');
    assert.match(hook.guardReason ?? '', /credential \(:webhookID\)/);
    assert.equal(hook.public, false);
  });
  it('an unguarded route with one is unknown, with the reason; a guarded or optional one keeps its state', async () => {
    const open = route('/ext/heartbeat/:tag/:secret');
    const guarded = route('/ext/admin/:secret', 'guarded');
    const plain = route('/gift/:token');
    await settleGuardStates([open, guarded, plain], () => '');
    assert.equal(open.guardState, 'unknown');
    assert.match(open.guardReason ?? '', /credential \(:secret\)/);
    assert.equal(guarded.guardState, 'guarded');
    assert.equal(plain.guardState, 'unguarded');
    // `public` means known to have no guard: the unknown one is not public, the open one is.
    assert.deepEqual([open.public, guarded.public, plain.public], [false, false, true]);
  });
});
