// Starters a module inherits from its parent POM (test/fixtures/routes/spring-parent-pom: knife4j and
// Druid declared in the repository's root pom.xml, the application in app/ with its configuration in
// src/main/resources/config/): springfox's documents and the Druid console are listed under the URL
// rules, the console guarded by the starter's default address allow list.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';

describe('routes: Spring starters inherited from the parent POM, configuration under resources/config', () => {
  const { byId } = httpRoutesOf('spring-parent-pom');

  it('lists springfox\'s Swagger 2 document and resource list, under the URL rules', () => {
    const docs = byId('GET /v2/api-docs');
    assert.equal(docs.guardState, 'unguarded', docs.guardReason);
    assert.equal(docs.file, 'pom.xml');
    const resources = byId('GET /swagger-resources/*');
    assert.equal(resources.guardState, 'guarded', resources.guardReason);
  });

  it('lists the Druid console enabled in config/application-dev.yml, refused to other addresses by default', () => {
    const druid = byId('ANY /druid/*');
    assert.equal(druid.guardState, 'guarded', druid.guardReason);
    assert.match(druid.guards.map((g) => g.name).join(' '), /allow list .*127\.0\.0\.1/);
  });
});
