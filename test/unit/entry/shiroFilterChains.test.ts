// Apache Shiro URL rules (test/fixtures/routes/shiro-filter-chains): a ShiroFilterFactoryBean's
// filterChainDefinitionMap decides by path pattern, first match in the order the code puts them,
// with @RequiresPermissions/@RequiresAuthentication on handlers still counting; a Spring MVC view
// controller is a route under the same rules; a permit list the code collects by scanning the
// controllers for an annotation is read from the routes so annotated.
import * as assert from 'node:assert/strict';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { parseShiroChains, shiroRule } from '../../../src/core/entry/shiroFilterChains';

describe('routes: Apache Shiro filter chains', () => {
  const routes = httpRoutesOf('shiro-filter-chains');
  itHasStates(
    routes,
    [
      ['GET /health', 'unguarded', /"\/health" → Shiro filters "anon"|\/health → Shiro filters "anon"/],
      ['ANY /about', 'unguarded', /\/about → Shiro filters "anon"/],
      ['GET /signin', 'unguarded', /Shiro filters "anon,rateLimit"/],
      ['POST /signin', 'unguarded', /Shiro filters "anon,rateLimit"/],
      ['ANY /signout', 'optional', /logout filter/],
      ['GET /help', 'guarded', /\/\*\* → Shiro filters "user"/],
      ['GET /notes', 'guarded', /\/\*\* → Shiro filters "user"/],
      ['GET /notes/:id', 'guarded', /note:view/],
      ['POST /notes/save', 'guarded', /\/\*\* → Shiro filters "user"/],
      ['GET /admin/stats', 'guarded', /roles\[admin\]/],
      ['GET /api/items', 'unknown', /Shiro filters of the service's own .*token/],
      ['GET /api/items/:id', 'guarded', /RequiresAuthentication/],
      ['GET /', 'guarded', /\/\*\* → Shiro filters "user"/],
      ['GET /files/*', 'guarded', /\/\*\* → Shiro filters "user"/],
      ['GET /v3/api-docs/*', 'guarded', /\/\*\* → Shiro filters "user"/],
      ['GET /swagger-ui.html', 'guarded', /\/\*\* → Shiro filters "user"/],
    ],
    (e, [, , pattern]) => assert.match(reasonsOf(e), pattern),
  );

  it('names the view controller by what it forwards to', () => {
    assert.match(routes.byId('GET /').handler, /addViewController .*forward:\/notes/);
  });
});

describe('Shiro chains read from the code', () => {
  it('maps each chain to what it asks of the caller', () => {
    assert.equal(shiroRule('anon'), 'permitAll');
    assert.equal(shiroRule('anon, captcha'), 'permitAll');
    assert.equal(shiroRule('noSessionCreation'), 'permitAll');
    assert.equal(shiroRule('authcBasic'), 'authenticated');
    assert.equal(shiroRule('user,kickout'), 'authenticated');
    assert.equal(shiroRule('authc, perms["doc:read,doc:write"]'), 'hasAuthority(perms["doc:read,doc:write"])');
    assert.equal(shiroRule('jwt'), 'shiro(jwt)');
  });

  it('reads the INI form and the starter\'s chain definition, in order, and no map the factory is not given', () => {
    const text = `
      class C {
        ShiroFilterFactoryBean f() {
          Map<String, Filter> filters = new HashMap<>();
          filters.put("jwt", new JwtFilter());
          factory.setFilterChainDefinitions("/login = anon\\n" + "/api/** = jwt\\n/** = authc");
        }
        ShiroFilterChainDefinition d() {
          DefaultShiroFilterChainDefinition chain = new DefaultShiroFilterChainDefinition();
          chain.addPathDefinition("/docs/**", "anon");
          return chain;
        }
      }`;
    const rules = parseShiroChains(text, 'C.java');
    assert.deepEqual(
      rules.map((r) => [r.patterns.join(','), r.rule]),
      [
        ['/login', 'permitAll'],
        ['/api/**', 'shiro(jwt)'],
        ['/**', 'authenticated'],
        ['/docs/**', 'permitAll'],
      ],
    );
  });
});
