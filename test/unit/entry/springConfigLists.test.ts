// Spring Security rules whose paths are a configuration list (test/fixtures/routes/spring-config-lists):
// `for (String url : ignoreUrlsConfig.getUrls()) registry.antMatchers(url).permitAll()` over a
// `@ConfigurationProperties("secure.ignored")` bean set in another module's application.yml, with the
// active profile's file overriding it; and a handler that refuses a caller without a principal.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { parseConfigClasses } from '../../../src/core/entry/springConfigLists';

describe('routes: Spring Security paths from the application configuration', () => {
  const { byId } = httpRoutesOf('spring-config-lists');

  it('reads the list from the active profile and lets its paths through', () => {
    for (const id of ['POST /admin/login', 'POST /admin/register']) {
      const e = byId(id);
      assert.equal(e.guardState, 'unguarded', `${id}: ${e.guardReason}`);
      assert.match(e.guards.map((g) => g.name).join(' '), /\/admin\/register.*permitAll/);
    }
  });

  it('keeps the rest behind the chain\'s authentication', () => {
    const e = byId('GET /admin/list');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.match(e.guardReason ?? '', /\/\*\* → authenticated/);
  });

  it('counts a null check of the principal in the handler as its guard, with its line', () => {
    const e = byId('GET /admin/info');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    const g = e.guards.find((x) => x.kind === 'authentication');
    assert.ok(g?.evidence, JSON.stringify(e.guards));
    assert.match(g.evidence.how, /no principal/);
    assert.equal(g.evidence.line, 21);
  });

  it('finds @ConfigurationProperties classes by prefix, with or without the attribute name', () => {
    assert.deepEqual(parseConfigClasses('@ConfigurationProperties("a.b")\npublic class X {}'), [{ type: 'X', prefix: 'a.b' }]);
    assert.deepEqual(parseConfigClasses('@ConfigurationProperties(prefix = "c")\n@Getter\nclass Y {}'), [{ type: 'Y', prefix: 'c' }]);
    assert.deepEqual(parseConfigClasses('class Z {}'), []);
  });
});
