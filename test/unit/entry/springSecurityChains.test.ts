// Spring Security filter chains (test/fixtures/routes/spring-security-chains): the first chain
// whose securityMatcher takes the path decides (by @Order), rules by path constants (a String and
// a String[]; a controller path `THING + "/history"`), actuator matchers take no application route, permitAll is no guard, the Kotlin
// `authorize(anyRequest, hasRole(…))` DSL, and a configuration switched off by default is ignored.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint, GuardState } from '../../../src/core/entry/types';
import { entriesOf } from './sampleServices.test';
import { applySpringSecurity, parseSpringSecurity } from '../../../src/core/entry/springSecurity';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-security-chains');

const STATES: [id: string, state: GuardState, because: RegExp][] = [
  ['GET /api/things', 'guarded', /\/api\/\*\* → authenticated/],
  // The path is a constant of the controller plus a literal.
  ['GET /api/things/:id/history', 'guarded', /\/api\/\*\* → authenticated/],
  ['GET /api/public/info', 'unguarded', /permitAll/],
  ['GET /assets/logo', 'unguarded', /of resources/],
  ['GET /home', 'unguarded', /anyRequest|\/\*\* → permitAll/],
  ['GET /koreader/sync', 'guarded', /hasRole\("SYNC"\)/],
];

describe('routes: Spring Security filter chains (test/fixtures/routes/spring-security-chains)', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });
  for (const [id, state, because] of STATES) {
    it(`${id}: ${state}`, () => {
      const e = got.find((x) => x.id === id);
      assert.ok(e, 'route missing');
      assert.equal(e.guardState, state, e.guardReason);
      assert.ok(e.guards.some((g) => because.test(`${g.name} ${g.reason}`)), JSON.stringify(e.guards));
    });
  }
});

describe('Spring Security: paths no chain takes, matchers that cannot be read', () => {
  const route = (p: string): EntryPoint => ({ id: `GET ${p}`, kind: 'http', method: 'GET', path: p, handler: 'h', file: 'A.java', line: 1, guards: [], framework: 'spring' });
  it('a path outside every chain passes no security filter', () => {
    const rules = parseSpringSecurity('class C { @Bean SecurityFilterChain api(HttpSecurity http) { http.securityMatcher("/api/**").authorizeHttpRequests(a -> a.anyRequest().authenticated()); return http.build(); } }', 'C.java');
    const [inside, outside] = [route('/api/x'), route('/next')];
    applySpringSecurity([inside, outside], rules);
    assert.equal(inside.guards[0]?.kind, 'authentication');
    assert.deepEqual(outside.guards, []);
    assert.match(outside.guardReason ?? '', /no SecurityFilterChain takes this path/);
  });
  it('a custom matcher before the deciding rule makes the route unknown, never public', () => {
    const rules = parseSpringSecurity('class C { @Bean SecurityFilterChain c(HttpSecurity http) { http.authorizeHttpRequests(a -> a.requestMatchers(myMatcher).permitAll().anyRequest().authenticated()); return http.build(); } }', 'C.java');
    const e = route('/api/x');
    applySpringSecurity([e], rules);
    assert.equal(e.guardState, 'unknown');
  });
});
