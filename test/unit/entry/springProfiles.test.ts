// Security chains declared under Spring profiles (test/fixtures/routes/spring-security-profiles: a permissive
// `@Profile({"dev", "local"})` chain declared before a `@Profile("prod")` one that refuses; Apollo's portal has one per
// auth profile and a rule-less default under @ConditionalOnMissingProfile). Only one is active, by a setting not read.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { profileOf } from '../../../src/core/entry/springProfiles';

describe('routes: SecurityFilterChains switched by Spring profile', () => {
  const { byId } = httpRoutesOf('spring-security-profiles');

  it('calls unknown a route one profile\'s chain opens and another\'s refuses', () => {
    const e = byId('GET /items');
    assert.equal(e.guardState, 'unknown', e.guardReason);
    assert.match(e.guardReason ?? '', /refused under @Profile\("prod"\)/);
  });

  it('keeps open a route every profile\'s chain opens', () => {
    assert.equal(byId('GET /public/info').guardState, 'unguarded');
  });
});

describe('profileOf', () => {
  const chain = 'public SecurityFilterChain c(HttpSecurity http) { return http.build(); }';
  const cases: [string, string, string | undefined][] = [
    ['on the bean method', `@Configuration\nclass A {\n  @Bean\n  @Profile("auth")\n  ${chain}\n}`, '@Profile("auth")'],
    ['on the enclosing class', `@Profile({"a", "b"})\n@Configuration\nstatic class A {\n  @Bean\n  ${chain}\n}`, '@Profile({"a", "b"})'],
    ['a missing-profile condition', `@ConditionalOnMissingProfile({"auth", "ldap"})\n@Configuration\nclass A {\n  @Bean\n  ${chain}\n}`, '@ConditionalOnMissingProfile({"auth", "ldap"})'],
    ['on a sibling class only', `@Profile("x")\nclass B {\n}\n@Configuration\nclass A {\n  @Bean\n  ${chain}\n}`, undefined],
    ['none', `@Configuration\nclass A {\n  @Bean\n  ${chain}\n}`, undefined],
  ];
  for (const [what, text, want] of cases) {
    it(what, () => assert.equal(profileOf(text, text.indexOf('public SecurityFilterChain')), want));
  }
});
