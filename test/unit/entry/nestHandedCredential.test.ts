// A Nest handler that hands a credential header to a use case of ours wrapped in a command object —
// built first and handed on next, or inline in the argument — may be checked there (nestHandedCredential.ts):
// unknown, never unguarded; a signature header named with its hash (`x-hub-signature-256`, `nv-hmac-256`)
// is a credential; a webhook under a way-in prefix (`/invites/webhook`) is no way in. An invitation token
// and a header that is no credential change nothing (test/fixtures/routes/nest-handed-credential).
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('nest: a credential header handed to a use case in a command object', () => {
  const routes = httpRoutesOf('nest-handed-credential', { settled: true });
  const rows: [string, EntryPoint['guardState'], RegExp | undefined][] = [
    ['POST /invites/webhook', 'unknown', /a check we did not read: this\.nudge\.execute\(\) is handed 'hmacHeader'.*@Headers\('nv-hmac-256'\)/],
    ['POST /hooks/github', 'unknown', /a check we did not read: this\.github\.execute\(\) is handed 'signature'.*x-hub-signature-256/],
    ['POST /invites/accept', 'unguarded', undefined],
    ['POST /invites/notes', 'unguarded', undefined],
  ];
  itHasStates(routes, rows, (e, [, , reason]) => {
    if (reason) assert.ok(e.guards.some((g) => reason.test(g.reason)), JSON.stringify(e.guards));
  });
});
