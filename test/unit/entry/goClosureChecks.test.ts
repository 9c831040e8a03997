// A Go handler whose check runs inside a closure it hands to a call whose error ends the request
// (Portainer's `handler.DataStore.UpdateTx(func(tx) error { …; return err })`, the 403 carried back
// through errors.As): the closure runs as part of the handler, so its checks — its own, and those of a
// function of ours whose error it returns — are the handler's. A closure checking nobody, or one
// dropping the check's error, leaves the route as before.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

type Row = [id: string, state: 'guarded' | 'unguarded', reason: RegExp];

describe('checks in a closure handed to a call whose error ends the request: test/fixtures/routes/go-closure-checks', () => {
  const routes = httpRoutesOf('go-closure-checks');
  itHasStates<Row>(
    routes,
    [
      // The helper the closure returns the error of refuses 403 when the agent's identifier does not match.
      ['PUT /edge/:id/status', 'guarded', /closure handed to UpdateTx\(\) at edge\/handler\.go:28.*returns the error of updateStatus\(\).*edge\/handler\.go:48; refuses requests \(403\)/],
      // The refusal written in the closure itself.
      ['PUT /edge/:id/logs', 'guarded', /edge\/handler\.go:61; refuses requests \(403\)/],
      ['PUT /edge/:id/note', 'unguarded', /none refuses/],
      // `h.updateStatus(tx, r); return nil`: the check's answer is thrown away.
      ['PUT /edge/:id/ping', 'unguarded', /none refuses/],
    ],
    (e, [, , reason]) => assert.match(reasonsOf(e), reason),
  );
});
