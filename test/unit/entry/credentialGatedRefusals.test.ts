// An interceptor or servlet filter whose every refusal sits under a condition that holds only for a
// caller with credentials (an API key without its annotation, a user token not "super" enough) never
// refuses an anonymous caller: it is no guard, and no longer makes the routes it runs on `unknown`
// (before: tolgee's AuthenticationInterceptor, reading @AllowApiAccess, made 13 open routes unknown).
// Fixture test/fixtures/routes/spring-credential-gate (a Kotlin interceptor and a Java filter so
// gated, a Java interceptor that refuses the anonymous); the conditions are table-driven below.
import * as assert from 'node:assert/strict';
import { everyRefusalNeedsCredential } from '../../../src/core/entry/credentialGatedRefusals';
import { httpRoutesOf, itHasStates } from './httpRoutes';

const REFUSAL = /return\s+false\b|sendError\s*\(|\bthrow\s+(?:new\s+)?\w+/;

describe('Spring: refusals that need a credential guard nothing for the anonymous (test/fixtures/routes/spring-credential-gate)', () => {
  const routes = httpRoutesOf('spring-credential-gate');
  itHasStates(routes, [
    ['GET /public/items', 'unguarded'],
    ['POST /admin/items', 'guarded'],
  ]);

  const kt = (body: string, extra = '') => ({ body: `preHandle(request: HttpServletRequest, response: HttpServletResponse, handler: Any): Boolean {\n${body}\n    return true\n  }`, cls: `class I : HandlerInterceptor {\n  override fun preHandle(request: HttpServletRequest, response: HttpServletResponse, handler: Any): Boolean {\n${body}\n  }\n${extra}}` });
  const java = (body: string, extra = '') => ({ body: `preHandle(HttpServletRequest req, HttpServletResponse res, Object h) {\n${body}\n    return true;\n  }`, cls: `public class I implements HandlerInterceptor {\n  public boolean preHandle(HttpServletRequest req, HttpServletResponse res, Object h) {\n${body}\n  }\n${extra}}` });
  const table: [string, { body: string; cls: string }, boolean][] = [
    ['Kotlin: a flag naming an API-key authentication, a block', kt('    if (facade.isApiAuthentication) {\n      if (allow == null) throw PermissionException(X)\n    }'), true],
    ['Kotlin: `is ApiKeyAuthentication` and more, one line', kt('    if (auth is ApiKeyAuthentication && allow == null) throw PermissionException(X)'), true],
    ['Kotlin: a property of the authenticated user among the conjuncts', kt('    if (needsSuper && facade.authenticatedUser.needsSuperJwt && !facade.isSuper) {\n      throw PermissionException(X)\n    }'), true],
    ['Kotlin: an early exit for callers without an API key', kt('    if (!facade.isApiKeyAuth) return true\n    if (allow == null) throw PermissionException(X)'), true],
    ['Java: `authentication != null`', java('    Authentication authentication = ctx.getAuthentication();\n    if (authentication != null && !scopeOk(authentication, h)) { res.sendError(403); return false; }'), true],
    ['Java: `instanceof JwtToken`', java('    if (auth instanceof JwtToken && ((JwtToken) auth).isStale()) return false;'), true],
    ['Java: `token != null` in a braceless if, its helper refusing', java('    if (token != null) reject(res);', '  private void reject(HttpServletResponse res) { throw new ForbiddenException(); }\n'), true],
    // Not gated: the caller keeps its reading.
    ['Kotlin: a negated credential test holds for the anonymous', kt('    if (!facade.isSuperAuthenticated) throw PermissionException(X)'), false],
    ['Java: a null credential refused', java('    if (user == null || !isAdmin(user)) { res.sendError(401); return false; }'), false],
    ['Java: an unconditioned refusal beside a gated one', java('    if (auth instanceof ApiKeyAuthentication) return false;\n    if (!ok(req)) return false;'), false],
    ['Java: a refusing helper called outside the gate', java('    if (token != null) return false;\n    check(req);', '  private void check(HttpServletRequest r) { throw new AuthException(); }\n'), false],
    ['Java: a foreign check outside the gate', java('    if (token != null && bad(token)) return false;\n    tokenService.verifyRequest(req);'), false],
    ['Kotlin: Spring\'s anonymous token is no credential', kt('    if (auth is AnonymousAuthenticationToken) throw PermissionException(X)'), false],
    ['Java: an emptiness test of the token may hold for none', java('    if (token.isEmpty()) return false;'), false],
    ['Kotlin: nothing refuses', kt('    request.setAttribute("t", 1)'), false],
  ];
  for (const [what, { body, cls }, want] of table) {
    it(`${want ? 'gated' : 'not gated'}: ${what}`, () => {
      assert.equal(everyRefusalNeedsCredential(body, REFUSAL, cls), want);
    });
  }
});
