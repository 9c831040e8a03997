// Audiobookshelf's shape (test/fixtures/routes/express-class-apps): each router is a class whose
// constructor makes a sub-app (`this.router = express()`) and registers bound controller methods; the
// server builds the instances in its constructor and mounts them in start() as
// `router.use('/api', this.auth.ifAuthNeeded(this.authMiddleware.bind(this)), this.apiRouter.router)`.
// The guard is a wrapping factory around a bound method that delegates to another class's method
// calling `passport.authenticate('jwt')(req, res, next)` (guardEval.ts judges a function answered from
// the memo as a middleware of its own). Two boot files (index.js, prod.js) construct the server twice:
// the second, unmounted copy of each sub-app is that app again, not a root serving unguarded routes
// (link.ts).
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: class-built sub-apps mounted behind a wrapped, delegating guard', () => {
  const routes = httpRoutesOf('express-class-apps');
  itHasStates(routes, [
    ['GET /api/items/:id', 'guarded'],
    // Skipped by the wrapper's ignore list at run time: said guarded (the safe side), never unguarded.
    ['GET /api/items/:id/cover', 'guarded'],
    ['GET /api/me', 'guarded'],
    // Reads nothing of the caller: guarded only by the mount's wrapped guard.
    ['GET /api/search/books', 'guarded'],
    ['POST /login', 'unguarded'],
    ['GET /public/share/:slug', 'unguarded'],
    ['GET /status', 'unguarded'],
  ]);

  it('names the wrapped guard on the mount', () => {
    assert.match(routes.byId('GET /api/search/books').guardReason ?? '', /ifAuthNeeded\(this\.authMiddleware\.bind\(this\)\)/);
  });
});
