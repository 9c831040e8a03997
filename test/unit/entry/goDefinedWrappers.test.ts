// Handlers wrapped where they are defined, not where they are registered (File Browser's
// `var usersGetHandler = withAdmin(func(w, r, d) (int, error) {…})`, `func renewHandler(ttl) handleFunc
// { return withUser(func…) }`), registered through a local adapter (`api.Handle("/renew",
// adapt(renewHandler(ttl), ""))`): the wrappers of ours guard the route, each judged by its code; a
// function of ours handed only values makes the handler and holds its code. gorilla's
// `PathPrefix("/preview/{size}/{path:.*}")` ends in a variable that already takes the rest. A
// handler that is a func literal held by a variable is located by its lines (`<inline>`).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

type Row = [id: string, state: 'guarded' | 'unguarded', reason: RegExp, symbol?: string];

describe('handlers wrapped where they are defined: test/fixtures/routes/go-defined-wrappers', () => {
  const routes = httpRoutesOf('go-defined-wrappers');
  itHasStates<Row>(
    routes,
    [
      ['GET /api/users', 'guarded', /withAdmin \(web\/files\.go:5\), refuses at web\/auth\.go:29/, '<inline>:5'],
      ['GET /api/users/:id', 'guarded', /withUser \(web\/files\.go:10\)/, '<inline>:10'],
      ['GET /api/files/*', 'guarded', /withUser \(web\/files\.go:15\)/, '<inline>:15'],
      ['DELETE /api/files/*', 'guarded', /withUser \(web\/files\.go:21\)/, 'filesDeleteHandler'],
      ['ANY /api/renew', 'guarded', /withUser \(web\/auth\.go:47\), refuses at web\/auth\.go:19/, 'renewHandler'],
      ['GET /api/preview/:size/:path', 'guarded', /withUser \(web\/files\.go:\d+\)/, 'previewHandler'],
      ['GET /api/stats', 'guarded', /statsHandler .*refuses at web\/files\.go:52/],
      // A sign-in refusing a bad password is the sign-in; a wrapper that only sets headers refuses nobody.
      ['ANY /api/login', 'unguarded', /none refuses/, 'loginHandler'],
      ['GET /api/public/*', 'unguarded', /none refuses/],
      ['GET /api/thumbs/*', 'unguarded', /none refuses/, 'thumbsHandler'],
      ['ANY /health', 'unguarded', /none refuses/, 'healthHandler'],
    ],
    (e, [, , reason, symbol]) => {
      assert.match(e.guardReason ?? '', reason);
      // A func literal held by a variable has no name: its lines locate it (`<inline>:line`).
      if (symbol) assert.equal(symbol.startsWith('<inline>') ? `${e.handlerLocation?.symbol}:${e.handlerLocation?.range?.start}` : e.handlerLocation?.symbol, symbol);
    },
  );
});
