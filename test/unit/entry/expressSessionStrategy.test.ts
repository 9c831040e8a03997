// passport.authenticate('session') (or a list of strategies holding 'session') refuses nobody: the
// session strategy restores a signed-in caller and passes everyone else on, as passport.session()
// does. And a 400 under a test of the request's Host authority (`validateHostAuthority(req)`) is
// input validation, not a check of the caller (test/fixtures/routes/express-session-strategy, after
// Saltcorn's app.js and setTenant).
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: passport session strategy and a Host check', () => {
  const routes = httpRoutesOf('express-session-strategy');
  itHasStates(routes, [
    ['GET /files/picker', 'unguarded'],
    ['POST /files/upload', 'unguarded'],
    ['GET /files/storage', 'guarded'],
  ]);
});
