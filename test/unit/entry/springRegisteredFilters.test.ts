// A servlet filter of ours registered by a FilterRegistrationBean (an interface bean a factory makes,
// its open paths a configured list) guards the routes under its URL patterns but those it hands on;
// an interceptor of ours registered by its interface and refusing only handlers with its annotation
// guards those and passes the rest (both were `unknown`: sentinel-dashboard). Fixture:
// test/fixtures/routes/spring-registered-filter; the readings of passes and opt-in refusals are table-driven below.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { filterPasses, passTakes } from '../../../src/core/entry/filterPassLists';
import { conditionHolds, filterRegistrations } from '../../../src/core/entry/springFilterRegistrations';
import { refusalsUnderAnnotation } from '../../../src/core/entry/interceptorOptIn';
import { antMatch } from '../../../src/core/entry/springInterceptors';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-registered-filter');

describe('spring routes: filters of a FilterRegistrationBean and interceptors registered by interface', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards the filter\'s routes but its configured open paths, and the annotated handlers of the interceptor', () => {
    assert.deepEqual(got.map((e) => `${e.method} ${e.path} ${e.guardState}`).sort(), [
      'GET /admin/ping unguarded',
      'GET /admin/stats guarded',
      'GET /api/items guarded',
      'GET /api/public/info unguarded',
      'POST /api/login unguarded',
    ]);
    const items = got.find((e) => e.path === '/api/items')!;
    assert.match(items.guards[0]!.reason, /SessionGatewayAuthFilter.*WebSetup\.java:\d+.*\/api\/\*.*gateway\.auth\.open-paths/);
    assert.match(got.find((e) => e.path === '/admin/stats')!.guards[0]!.reason, /refuses handlers (annotated|with) @StaffOnly/);
  });

  it('reads a registration: the filter expression, its class and URL patterns', () => {
    const text = 'class C {\n  @Autowired private AuthFilter authFilter;\n  @Bean FilterRegistrationBean a() { FilterRegistrationBean r = new FilterRegistrationBean<>(); r.setFilter(authFilter); r.addUrlPatterns("/api/*", "/admin/*"); return r; }\n  @Bean FilterRegistrationBean b() { return new FilterRegistrationBean<>(new TraceFilter()); }\n  @Bean FilterRegistrationBean c(KeyFilter k) { FilterRegistrationBean r = new FilterRegistrationBean<>(); r.setFilter(k); r.setUrlPatterns(PATTERNS); return r; }\n}';
    assert.deepEqual(filterRegistrations('C.java', text).map((r) => [r.cls, r.patterns]), [
      ['AuthFilter', ['/api/*', '/admin/*']],
      ['TraceFilter', ['/*']],
      ['KeyFilter', undefined],
    ]);
  });

  const conds: [string, boolean][] = [
    ['value = "referer.enabled", havingValue = "true"', false],
    ['value = "auth.enabled", havingValue = "true"', true],
    ['prefix = "auth", name = "enabled", matchIfMissing = true', true],
    ['name = "gate.on", matchIfMissing = true', true],
    ['name = "gate.off"', false],
  ];
  for (const [args, holds] of conds) {
    it(`reads @ConditionalOnProperty(${args}) as ${holds ? 'on' : 'off'}`, () => {
      const cfg = (key: string): string[] | undefined => (key === 'auth.enabled' ? ['true'] : key === 'gate.off' ? ['false'] : undefined);
      assert.equal(conditionHolds(args, cfg), holds);
    });
  }

  const config = (key: string): string[] | undefined => (key === 'open' ? ['/login', '/pub/**'] : undefined);
  const cls = '@Value("#{\'${open}\'.split(\',\')}") private List<String> open;\n@Value("${missing}") private List<String> gone;\nprivate final List<String> sfx = Arrays.asList(".js", "png");';
  const refusal = '  if (user == null) { res.sendError(401); return; }\n  chain.doFilter(req, res);\n';
  const cases: [string, string, [string, boolean | undefined][]][] = [
    ['an ant list from @Value SpEL', '  String p = r.getServletPath();\n  boolean ok = open.stream().anyMatch(u -> M.match(u, p));\n  if (ok) { chain.doFilter(req, res); return; }\n', [['/login', true], ['/pub/a/b', true], ['/items', false]]],
    ['a suffix loop, a bare suffix told only with its dot', '  String p = r.getRequestURI();\n  for (String s : sfx) { if (p.endsWith(s)) { chain.doFilter(req, res); return; } }\n', [['/a.js', true], ['/a.png', true], ['/apng', undefined], ['/a.json', false]]],
    ['a literal prefix', '  String p = r.getRequestURI();\n  if (p.startsWith("/static/")) { chain.doFilter(req, res); return; }\n', [['/static/x', true], ['/x', false]]],
    ['a configured list that is not set: not read', '  String p = r.getRequestURI();\n  if (gone.contains(p)) { chain.doFilter(req, res); return; }\n', [['/x', undefined]]],
    ['a test of something else: not read', '  if (isInternal(r)) { chain.doFilter(req, res); return; }\n', [['/x', undefined]]],
  ];
  for (const [what, passes, want] of cases) {
    it(`reads a filter's passes: ${what}`, () => {
      const body = `doFilter(ServletRequest req, ServletResponse res, FilterChain chain) {\n${passes}${refusal}}`;
      const got = filterPasses(body, body.indexOf('sendError'), cls, config);
      const takes = (p: string): boolean | undefined => {
        const t = got.map((x) => passTakes(x, p, antMatch));
        return t.includes(true) ? true : t.includes(undefined) ? undefined : false;
      };
      assert.deepEqual(want.map(([p]) => [p, takes(p)]), want);
    });
  }

  const REFUSAL = /return\s+false\b|sendError\s*\(/;
  const optIn: [string, string, boolean][] = [
    ['refusals inside `if (ann != null)`', 'preHandle(r, s, h) {\n  Gate g = ((HandlerMethod) h).getMethod().getAnnotation(Gate.class);\n  if (g != null) {\n    if (user(r) == null) { return false; }\n  }\n  return true;\n}', true],
    ['refusals after `if (ann == null) return true;`', 'preHandle(r, s, h) {\n  Gate g = hm.getMethodAnnotation(Gate.class);\n  if (g == null) return true;\n  if (user(r) == null) { s.sendError(401); return false; }\n  return true;\n}', true],
    ['a refusal outside the annotation\'s block', 'preHandle(r, s, h) {\n  if (token(r) == null) return false;\n  Gate g = hm.getMethodAnnotation(Gate.class);\n  if (g != null) { if (!g.ok()) return false; }\n  return true;\n}', false],
    ['an opt-out annotation (refuses when absent)', 'preHandle(r, s, h) {\n  Open o = hm.getMethodAnnotation(Open.class);\n  if (o == null && user(r) == null) return false;\n  return true;\n}', false],
  ];
  for (const [what, body, reads] of optIn) {
    it(`${reads ? 'reads' : 'does not read'} an interceptor as refusing only annotated handlers: ${what}`, () => {
      const ann = /get(?:Method)?Annotation\((\w+)\.class/.exec(body)![1]!;
      assert.equal(!!refusalsUnderAnnotation(body, ann, REFUSAL), reads);
    });
  }
});
