// A decoder that lets anonymous requests through makes a route "anonymous allowed" only when the
// route reads the identity it sets; Deep Dive follows the request into the helpers it is handed
// to (test/fixtures/routes/koa-identity-use, express-identity-use). Where the request reaches code
// it cannot read, it keeps "anonymous allowed": it never claims less than it knows.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { httpRoutesOf, itHasStates } from './httpRoutes';

function expectStates(fixture: string, expected: [string, EntryPoint['guardState'], RegExp][]): void {
  itHasStates(httpRoutesOf(fixture), expected, (e, [, , why]) => assert.match(e.guardReason ?? '', why));
}

describe('routes: an optional decoder whose identity the route reads or not (Koa)', () => {
  expectStates('koa-identity-use', [
    ['GET /me', 'optional', /anonymous allowed: auth\(\{ optional: true \}\)/],
    // The limiter is a Koa middleware `(ctx, next)`: calling `next()` reads nothing.
    ['GET /ping', 'unguarded', /its identity is not used: nothing on the route reads ctx\.state\.auth/],
    ['GET /actor', 'optional', /anonymous allowed/],
    ['GET /host', 'unguarded', /nothing on the route reads ctx\.state\.auth/],
    // `audit.record(ctx)` on a local: the only `record` of the program reads the caller.
    ['POST /audit', 'optional', /anonymous allowed/],
    ['POST /note', 'unguarded', /its identity is not used/],
    ['GET /state', 'optional', /anonymous allowed/],
    ['GET /limit', 'unguarded', /its identity is not used/],
    // Handed to a package's function: out of sight.
    ['POST /opaque', 'optional', /anonymous allowed/],
    // Declared on the route itself, never read.
    ['GET /version', 'unguarded', /its identity is not used/],
    ['POST /upload', 'guarded', /check in the handler/],
    ['POST /share', 'optional', /anonymous allowed/],
  ]);
});

describe('routes: an optional decoder whose identity the route reads or not (Express)', () => {
  expectStates('express-identity-use', [
    ['GET /whoami', 'optional', /anonymous allowed: decode\(config\.secret\)/],
    // pageOptions → baseUrl read the protocol and host, res.locals.app_version; render only answers.
    ['GET /', 'unguarded', /nothing on the route reads req\.remote_user/],
    ['GET /hello', 'optional', /anonymous allowed/],
    ['GET /health', 'unguarded', /its identity is not used/],
    // An Express view sees the locals and its data, not the request (expressViews.test.ts for the locals).
    ['GET /view', 'unguarded', /its identity is not used/],
    ['GET /view/me', 'optional', /anonymous allowed/],
    // The request in a bag (`{ req, res }`) handed to the sign-in: replaced, not read.
    ['GET /sso/:provider', 'unguarded', /its identity is not used/],
    ['POST /logout', 'unguarded', /its identity is not used/],
    ['POST /feedback', 'optional', /anonymous allowed/],
    // Settings from the configuration are data: no code of ours in them.
    ['DELETE /token', 'unguarded', /its identity is not used/],
    ['POST /web/login', 'unguarded', /its identity is not used/],
    ['POST /web/relogin', 'optional', /anonymous allowed/],
    ['GET /host', 'unguarded', /its identity is not used/],
    ['GET /who', 'optional', /anonymous allowed/],
    ['GET /who/later', 'optional', /anonymous allowed/],
    // The token check of a sign-in is the sign-in; the same check elsewhere guards the route.
    ['GET /email.callback', 'unguarded', /its identity is not used/],
    ['GET /email.preview', 'guarded', /check in the handler/],
    // What the function signing the caller in reads of the identity it replaces is the sign-in's.
    ['GET /passkey.callback', 'unguarded', /its identity is not used/],
    ['GET /audit', 'optional', /anonymous allowed/],
  ]);
});

// A loader every route gets (app-wide) makes a route "anonymous allowed" only when the route's own
// code is seen using the caller: a middleware of its list whose code is out of sight (not named
// like auth), a rebuilt res.locals the loader put nothing in, a limiter's computed window are no
// evidence of that.
describe('routes: an app-wide session loader and route middleware out of sight (Express)', () => {
  expectStates('express-loader-unseen', [
    ['GET /ready', 'unguarded', /its identity is not used: nothing on the route reads req\.user/],
    ['POST /reset', 'unguarded', /its identity is not used/],
    ['GET /greeting', 'optional', /anonymous allowed: loadUser/],
    ['POST /reset/again', 'optional', /anonymous allowed: loadUser/],
    ['GET /report', 'unknown', /could not tell whether checks\.memberCount/],
  ]);
});
