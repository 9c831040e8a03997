// Spring MVC HandlerInterceptors registered in a WebMvcConfigurer's addInterceptors guard the routes
// their path patterns take (they were "none refuses"): xxl-sso's interceptor unless the handler says
// @XxlSso(login = false), one of our own whose preHandle refuses, an unread one `unknown`. A handler
// that compares a credential header with the stored one guards itself. Fixture:
// test/fixtures/routes/spring-interceptor; the readings of registrations and interceptors are table-driven below.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { interceptorRegistrations, judgeInterceptor } from '../../../src/core/entry/springInterceptors';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-interceptor');

describe('spring routes: HandlerInterceptors of a WebMvcConfigurer', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards the routes each interceptor takes, by its path patterns and the handler annotation', () => {
    assert.deepEqual(got.map((e) => `${e.method} ${e.path} ${e.guardState}`).sort(), [
      'ANY /page/home guarded',
      'ANY /page/login unguarded',
      'ANY /page/plain guarded',
      'GET /api/items guarded',
      'GET /api/public/info unguarded',
      'POST /api/hook/:name guarded',
      'POST /api/public/echo unguarded',
    ]);
    const items = got.find((e) => e.path === '/api/items')!;
    assert.match(items.guards.map((g) => g.reason).join(' '), /TokenInterceptor registered at .*WebConfig\.java:\d+ for \/api\/\*\*; its preHandle refuses \(.*TokenInterceptor\.java:\d+\)/);
    const hook = got.find((e) => e.path === '/api/hook/:name')!;
    assert.match(hook.guards.map((g) => g.reason).join(' '), /accessToken header does not match/);
  });

  const regs: [string, string, string | undefined, string[] | undefined, string[] | undefined][] = [
    ['new X(…) for every path', 'registry.addInterceptor(new AuthInterceptor(a, "b"));', 'AuthInterceptor', [], []],
    ['a field, patterns and excludes', 'private final LoginInterceptor li;\nvoid f(InterceptorRegistry registry) { registry.addInterceptor(li).addPathPatterns("/**").excludePathPatterns("/login", "/static/**"); }', 'LoginInterceptor', ['/**'], ['/login', '/static/**']],
    ['a bean method', '@Bean public JwtInterceptor jwt() { return new JwtInterceptor(); }\nvoid f(InterceptorRegistry r) { r.addInterceptor(jwt()).addPathPatterns("/api/**"); }', 'JwtInterceptor', ['/api/**'], []],
    ['excludes from a setting', 'void f(InterceptorRegistry r) { r.addInterceptor(new SsoInterceptor()).excludePathPatterns(props.getOpen()); }', 'SsoInterceptor', [], undefined],
    ['patterns from a companion object\'s arrays, spread', 'override fun addInterceptors(registry: InterceptorRegistry) {\n  registry.addInterceptor(orgInterceptor).addPathPatterns(*ORG_ENDPOINTS).excludePathPatterns(*PUBLIC, "/x")\n}\ncompanion object {\n  private val PUBLIC = arrayOf("/api/public/**", "/files/**")\n  private val ORG_ENDPOINTS = arrayOf("/v2/organizations/**")\n}', undefined, ['/v2/organizations/**'], ['/api/public/**', '/files/**', '/x']],
    ['a Kotlin val', 'val auth = AuthInterceptor(svc)\noverride fun addInterceptors(registry: InterceptorRegistry) { registry.addInterceptor(auth).addPathPatterns("/api/**") }', 'AuthInterceptor', ['/api/**'], []],
  ];
  for (const [what, text, cls, include, exclude] of regs) {
    it(`reads a registration: ${what}`, () => {
      const [r] = interceptorRegistrations('WebConfig.java', text);
      assert.equal(r?.cls, cls);
      assert.deepEqual(r?.include, include);
      assert.deepEqual(r?.exclude, exclude);
    });
  }

  const own = (body: string) => ({ file: 'I.java', text: `public class I implements HandlerInterceptor {\n  public boolean preHandle(HttpServletRequest req, HttpServletResponse res, Object h) {\n${body}\n  }\n}\n` });
  const judged: [string, string, { file: string; text: string } | undefined, string | undefined][] = [
    ['own, returns false', 'LoginInterceptor', own('    if (req.getSession().getAttribute("u") == null) { res.sendRedirect("/login"); return false; }\n    return true;'), 'refuses'],
    ['own, passes requests without a token first', 'TokenInterceptor', own('    String t = req.getHeader("t");\n    if (t == null) return true;\n    if (!ok(t)) return false;\n    return true;'), undefined],
    ['own, decides by a handler annotation', 'PermissionInterceptor', own('    PermissionLimit p = ((HandlerMethod) h).getMethodAnnotation(PermissionLimit.class);\n    if (p == null || p.limit()) return check(req, res);\n    return true;'), 'unread'],
    ['own, refuses nothing', 'AuthInterceptor', own('    req.setAttribute("t", 1);\n    return true;'), undefined],
    ['a name that says nothing of auth', 'RepeatSubmitInterceptor', own('    if (repeated(req)) return false;\n    return true;'), undefined],
    // A name is not enough either way: ours, named for nothing, refusing a caller without a session.
    ['own, named for nothing, reads the session', 'AdminInterceptor', own('    if (req.getSession().getAttribute("user") == null) { res.setStatus(401); return false; }\n    return true;'), 'refuses'],
    ['own, named for nothing, reads a token, passes without one', 'GlobalInterceptor', own('    String t = req.getHeader("token");\n    if (t == null) return true;\n    return check(t);'), undefined],
    ['xxl-sso (a library)', 'XxlSsoWebInterceptor', undefined, 'annotationOptOut'],
    ['an auth interceptor of a library', 'SecurityInterceptor', undefined, 'unread'],
    ['Sa-Token with a router lambda', 'SaInterceptor', undefined, 'unread'],
    ['a locale interceptor', 'LocaleChangeInterceptor', undefined, undefined],
  ];
  for (const [what, cls, code, kind] of judged) {
    it(`judges an interceptor: ${what}`, () => {
      assert.equal(judgeInterceptor(cls, code, cls === 'SaInterceptor' ? 'new SaInterceptor(handle -> SaRouter.match(props.getPaths()).check(r -> StpUtil.checkLogin()))' : '')?.kind, kind);
    });
  }
  it('judges Sa-Token: a login lambda refuses, no lambda is the annotation mode', () => {
    assert.equal(judgeInterceptor('SaInterceptor', undefined, 'new SaInterceptor(handle -> StpUtil.checkLogin())')?.kind, 'refuses');
    assert.equal(judgeInterceptor('SaInterceptor', undefined, 'new SaInterceptor()')?.kind, 'annotationOptIn');
  });
});
