// Spring Security permit lists the code builds from an annotation (test/fixtures/routes/
// spring-annotation-permits): `permitAllUrl.getUrls().forEach(url -> requests.requestMatchers(url).permitAll())`
// over a bean that collects, from the handler mapping, the paths of handlers (or classes) carrying
// @Anonymous. And method security over a permit list that cannot be read (spring-unread-permits).
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { parseAnnotationLists, resolveAnnotationLists } from '../../../src/core/entry/springAnnotationPermits';
import { CONFIG_LIST } from '../../../src/core/entry/springConfigLists';
import { springLogoutRoutes } from '../../../src/core/entry/springLogout';

describe('routes: Spring Security permit lists collected from an annotation', () => {
  const { byId } = httpRoutesOf('spring-annotation-permits');

  it('lets through the handlers annotated on the method, on the class, or through a composed annotation', () => {
    for (const id of ['GET /items/:id', 'GET /public/info', 'POST /public/contact', 'GET /items/featured/all']) {
      const e = byId(id);
      assert.equal(e.guardState, 'unguarded', `${id}: ${e.guardReason}`);
      assert.match(e.guards.map((g) => g.name).join(' '), /permitAll/, id);
    }
  });

  it('permits the collected pattern for every method and every path it matches, as Spring does', () => {
    for (const id of ['DELETE /items/:id', 'GET /items/byName']) {
      const e = byId(id);
      assert.equal(e.guardState, 'unguarded', `${id}: ${e.guardReason}`);
      assert.match(e.guards.map((g) => g.name).join(' '), /^\/items\/\*, .* → permitAll$/, id);
    }
  });

  it('leaves the other routes to the later rules', () => {
    for (const id of ['GET /items/list/all', 'GET /me']) {
      const e = byId(id);
      assert.equal(e.guardState, 'guarded', `${id}: ${e.guardReason}`);
      assert.match(e.guardReason ?? '', /\/\*\* → authenticated/, id);
    }
    assert.equal(byId('POST /login').guardState, 'unguarded');
  });

  it('lists the logout filter\'s URL, any method with CSRF off, anonymous allowed and no URL rule applied', () => {
    const e = byId('ANY /signout');
    assert.equal(e.guardState, 'optional', e.guardReason);
    assert.match(e.guardReason ?? '', /LogoutFilter/);
    assert.ok(!e.guards.some((g) => /authenticated|permitAll/.test(g.name)), JSON.stringify(e.guards));
  });

  it('lists what the springdoc and Druid starters mount from the configuration, under the URL rules', () => {
    const docs = byId('GET /api-docs/*');
    assert.equal(docs.guardState, 'unguarded', docs.guardReason);
    assert.match(docs.guards.map((g) => g.name).join(' '), /\/api-docs\/\*\*.*permitAll/);
    const ui = byId('GET /swagger-ui.html');
    assert.equal(ui.guardState, 'guarded', ui.guardReason);
    assert.match(ui.guardReason ?? '', /authenticated/);
    const druid = byId('ANY /monitor/*');
    assert.equal(druid.guardState, 'guarded', druid.guardReason);
    assert.match(druid.guardReason ?? '', /login-username/);
  });

  it('keeps method security on an annotated handler', () => {
    const e = byId('PUT /items/edit/:id');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.match(e.guardReason ?? '', /hasPermi/);
  });
});

describe('routes: method security over a Spring Security rule that cannot be read', () => {
  const { byId } = httpRoutesOf('spring-unread-permits');

  it('keeps @PreAuthorize, @Secured and @RolesAllowed handlers guarded, naming the unread rule', () => {
    for (const id of ['GET /reports/all', 'GET /reports/audit', 'GET /reports/mine']) {
      const e = byId(id);
      assert.equal(e.guardState, 'guarded', `${id}: ${e.guardReason}`);
      assert.match(e.guardReason ?? '', /could not be read/, id);
    }
  });

  it('lists the default logout URL, POST only while CSRF protection is on', () => {
    assert.equal(byId('POST /logout').guardState, 'optional');
  });

  it('leaves unknown a handler whose own annotation refuses no one, and one without any', () => {
    for (const id of ['GET /reports/summary', 'GET /reports/status']) {
      const e = byId(id);
      assert.equal(e.guardState, 'unknown', `${id}: ${e.guardReason}`);
    }
  });
});

describe('springAnnotationPermits: the collecting shape', () => {
  const collector = (check: string, add = 'urls.add(url)'): string => `
    @Configuration
    public class OpenUrls implements InitializingBean {
      private List<String> urls = new ArrayList<>();
      public void afterPropertiesSet() {
        Map<RequestMappingInfo, HandlerMethod> map = mapping.getHandlerMethods();
        map.forEach((info, handlerMethod) -> {
          if (${check}) info.getPatternValues().forEach(url -> ${add});
        });
      }
      public List<String> getUrls() { return urls; }
    }`;

  it('reads where the annotation is looked for', () => {
    assert.deepEqual(parseAnnotationLists(collector('handlerMethod.hasMethodAnnotation(Open.class)')), [{ type: 'OpenUrls', field: 'urls', annotation: 'Open', on: ['method'] }]);
    assert.deepEqual(parseAnnotationLists(collector('AnnotationUtils.findAnnotation(handlerMethod.getBeanType(), Open.class) != null')), [{ type: 'OpenUrls', field: 'urls', annotation: 'Open', on: ['class'] }]);
    assert.deepEqual(parseAnnotationLists(collector('handlerMethod.getMethod().isAnnotationPresent(Open.class)')), [{ type: 'OpenUrls', field: 'urls', annotation: 'Open', on: ['method'] }]);
  });

  it('does not guess a shape it cannot place', () => {
    // The annotated element is a variable whose origin is not read.
    assert.deepEqual(parseAnnotationLists(collector('AnnotatedElementUtils.hasAnnotation(element, Open.class)')), []);
    // A literal added beside the collected paths.
    assert.deepEqual(parseAnnotationLists(collector('handlerMethod.hasMethodAnnotation(Open.class)', 'urls.add("/health")')), []);
    // Configuration binds the list too.
    assert.deepEqual(parseAnnotationLists(`@ConfigurationProperties("x")\n${collector('handlerMethod.hasMethodAnnotation(Open.class)')}`), []);
  });

  it('reads an empty list when no route carries the annotation, and leaves other lists alone', () => {
    const rules = [
      { patterns: [`${CONFIG_LIST}OpenUrls.urls`], rule: 'permitAll' },
      { patterns: [`${CONFIG_LIST}IgnoreUrlsConfig.urls`], rule: 'permitAll' },
    ];
    const lists = [{ type: 'OpenUrls', field: 'urls', annotation: 'Open', on: ['method' as const, 'class' as const] }];
    const handlers = new Map([['A.java', [{ cls: 'A', names: ['RestController'], methods: [{ name: 'm', names: ['GetMapping', 'Other'] }] }]]]);
    const got = resolveAnnotationLists(rules, lists, handlers, [], [{ file: 'A.java', handler: 'A.m', path: '/a/:id', framework: 'spring' }]);
    assert.deepEqual(got.map((r) => r.patterns), [[], [`${CONFIG_LIST}IgnoreUrlsConfig.urls`]]);
    handlers.get('A.java')![0]!.methods[0]!.names.push('Open');
    assert.deepEqual(resolveAnnotationLists(rules, lists, handlers, [], [{ file: 'A.java', handler: 'A.m', path: '/a/:id', framework: 'spring' }])[0]!.patterns, ['/a/*']);
  });
});

describe('springLogout: the configured logout URL', () => {
  const chain = (body: string): string => `class C { SecurityFilterChain f(HttpSecurity http) { ${body} } }`;
  const ids = (body: string): string[] => springLogoutRoutes(chain(body), 'C.java').map((e) => e.id);

  it('reads the chained and Kotlin forms and the CSRF switch', () => {
    assert.deepEqual(ids('http.csrf().disable().and().logout().logoutUrl("/bye").and().build();'), ['ANY /bye']);
    assert.deepEqual(ids('http.csrf(AbstractHttpConfigurer::disable).logout(withDefaults());'), ['ANY /logout']);
    assert.deepEqual(ids('http.logout { it.logoutUrl("/api/logout") }'), ['POST /api/logout']);
  });

  it('adds nothing for a disabled logout, a matcher it does not read, or no logout at all', () => {
    assert.deepEqual(ids('http.logout(l -> l.disable());'), []);
    assert.deepEqual(ids('http.logout().disable();'), []);
    assert.deepEqual(ids('http.logout(l -> l.logoutRequestMatcher(matcher));'), []);
    assert.deepEqual(ids('http.authorizeHttpRequests(r -> r.anyRequest().authenticated());'), []);
  });
});
