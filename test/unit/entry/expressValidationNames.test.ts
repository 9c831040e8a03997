// A middleware named like input validation (`validatedRequest`) that answers 401 itself checks the
// caller: it guards its routes (test/fixtures/routes/express-validation-names, after AnythingLLM's
// JWT middleware, registered by endpoint factories of another file on a router mounted at /api).
// A real validator (400) and a feature switch answering 401 stay no guard; so does a mode switch
// that reads no request (`isMultiUserSetup(_request, response, next)`, requestUnread.ts), while one
// reading the identity left in `res.locals` guards.
import { httpRoutesOf, itHasStates } from './httpRoutes';

describe('routes: middleware named like validation', () => {
  const routes = httpRoutesOf('express-validation-names');
  itHasStates(routes, [
    ['POST /api/onboarding', 'guarded'],
    ['POST /api/names', 'unguarded'],
    ['GET /api/experimental', 'unguarded'],
    ['POST /api/system/recover-account', 'unguarded'],
    ['GET /api/system/me', 'guarded'],
  ]);
});
