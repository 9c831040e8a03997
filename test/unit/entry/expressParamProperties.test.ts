// Grist's shape (test/fixtures/routes/express-param-properties): the express app reaches a class as a
// TypeScript parameter property (`constructor(private _app: Application)`), and a method registers
// every route on `this._app`; a second class, built with the same app, gets its guards through an
// options object. The parameter property assigns `this._app` before the constructor's body runs
// (jsFactsDeclarations.ts): without it no route of either class was found.
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: an express app held by a TypeScript parameter property', () => {
  const routes = httpRoutesOf('express-param-properties');
  itHasStates(routes, [
    ['GET /api/docs/:docId', 'guarded'],
    ['DELETE /api/docs/:docId/webhooks/:id', 'guarded'],
    ['GET /api/status', 'unguarded'],
  ]);
});
