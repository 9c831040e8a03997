// Shiro filters of the service's own and Spring controllers under a stereotype annotation of its
// own (test/fixtures/routes/shiro-own-filters, the shape of Apache ShenYu's admin): a chain
// `/** = statelessAuth` is judged by the filter class's code, the white list comes from a
// @ConfigurationProperties list handed to the @Bean method, `@RestApi("/x")` (meta-annotated
// @RestController @RequestMapping) makes a controller with that path, an interface's default
// mapping serves through it, and a JSR-356 @ServerEndpoint is a GET route handled by its @OnOpen.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { shiroFilterClasses, shiroFilterRefuses } from '../../../src/core/entry/shiroOwnFilters';
import { configLoops } from '../../../src/core/entry/springRuleSources';

describe('routes: Shiro filters of our own, stereotype controllers, @ServerEndpoint', () => {
  const routes = httpRoutesOf('shiro-own-filters');
  itHasStates(
    routes,
    [
      ['GET /platform/login', 'unguarded', /Shiro filters "anon"/],
      ['GET /platform/enum', 'guarded', /StatelessAuthFilter refuses a caller without credentials/],
      ['GET /open/items/:id', 'unknown', /Shiro filters of the service's own .*lenientJwt/],
      ['POST /open/items/list/search', 'unknown', /lenientJwt/],
      ['DELETE /admin/users/:id', 'guarded', /StatelessAuthFilter/],
      ['GET /ws/events', 'unguarded', /Shiro filters "anon"/],
      ['GET /feed/:channel', 'guarded', /StatelessAuthFilter/],
    ],
    (e, [, , pattern]) => assert.match(reasonsOf(e), pattern),
  );

  it('keeps no route of a class under a marker that is no controller', () => {
    const ids = routes.all().map((e) => e.id);
    assert.ok(!ids.some((id) => /\/trail$/.test(id)), ids.join(', '));
    assert.deepEqual(ids.filter((id) => id.includes('list/search')), ['POST /open/items/list/search']);
  });

  it('names the @OnOpen method as the endpoint\'s handler', () => {
    assert.equal(routes.byId('GET /ws/events').handler, 'EventsEndpoint.onOpen');
  });
});

describe('Shiro filter classes judged by their code', () => {
  const cls = (base: string, body: string): string => `public class F extends ${base} {\n${body}\n}`;
  const allowed = (ret: string): string => `protected boolean isAccessAllowed(ServletRequest q, ServletResponse s, Object v) { ${ret} }`;
  const denied = (body: string): string => `protected boolean onAccessDenied(ServletRequest q, ServletResponse s) throws Exception { ${body} }`;
  const refuseBlank = denied('String t = q.getParameter("t"); if (StringUtils.isBlank(t)) { return false; } subject.login(new BearerToken(t)); return true;');
  const rows: [string, string, boolean][] = [
    ['isAccessAllowed false, refuses a blank token', cls('AccessControlFilter', allowed('return false;') + refuseBlank), true],
    ['only an OPTIONS preflight let through', cls('AccessControlFilter', allowed('return ((HttpServletRequest) q).getMethod().equals(RequestMethod.OPTIONS.name());') + refuseBlank), true],
    ['every method but OPTIONS let through', cls('AccessControlFilter', allowed('return !"OPTIONS".equals(((HttpServletRequest) q).getMethod());') + refuseBlank), false],
    ['a request without a token let through', cls('AccessControlFilter', allowed('if (q.getHeader("a") == null) { return true; } return false;') + refuseBlank), false],
    ['onAccessDenied that never refuses', cls('AccessControlFilter', allowed('return false;') + denied('return true;')), false],
    ['refuses only a token that fails', cls('AccessControlFilter', allowed('return false;') + denied('String token = q.getParameter("t"); if (token != null) { return false; } return true;')), false],
    ['AccessControlFilter without isAccessAllowed', cls('AccessControlFilter', refuseBlank), false],
    ['Shiro\'s FormAuthenticationFilter, nothing overridden', cls('FormAuthenticationFilter', ''), true],
    ['BasicHttpAuthenticationFilter with the subject\'s authentication', cls('BasicHttpAuthenticationFilter', allowed('return getSubject(q, s).isAuthenticated();')), true],
    ['a filter of another family', cls('OncePerRequestFilter', allowed('return false;') + refuseBlank), false],
  ];
  for (const [name, text, refuses] of rows) {
    it(`${refuses ? 'refuses' : 'is not read as refusing'}: ${name}`, () => {
      assert.equal(!!shiroFilterRefuses(text, 'F'), refuses);
    });
  }

  it('knows a filter by the name the configuration registers it under, only where filters are handed to the factory', () => {
    const text = 'Map<String, Filter> m = new LinkedHashMap<>(); m.put("statelessAuth", new StatelessAuthFilter()); m.put("jwt", new JwtFilter(props)); factoryBean.setFilters(m);';
    assert.deepEqual([...shiroFilterClasses(text)], [['statelessAuth', 'StatelessAuthFilter'], ['jwt', 'JwtFilter']]);
    assert.deepEqual([...shiroFilterClasses('m.put("a", new AFilter());')], []);
  });
});

describe('configuration lists looped over', () => {
  it('reads the list\'s type from a field or from a parameter of the method', () => {
    assert.deepEqual([...configLoops('private IgnoreUrls ignoreUrls; void f() { for (String url : ignoreUrls.getUrls()) { } }')], [['url', '<config>IgnoreUrls.urls']]);
    assert.deepEqual([...configLoops('Bean f(@Qualifier("p") final ShiroProperties shiroProperties) { for (String s : shiroProperties.getWhiteList()) { } }')], [['s', '<config>ShiroProperties.whiteList']]);
    assert.deepEqual([...configLoops('void f(List<String> list) { for (String s : list.getItems()) { } }')], []);
  });
});
