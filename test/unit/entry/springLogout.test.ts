// A controller handler at the URL a Spring Security LogoutFilter listens on (test/fixtures/routes/
// spring-logout-handler, the shape of Apollo's portal: `.logout(l -> l.logoutUrl("/user/logout"))`
// with CSRF off and `@GetMapping("/user/logout")`): the filter answers before the authorization
// rules and the dispatcher, so the handler takes the filter's state, not the chain's.
import * as assert from 'node:assert/strict';
import { httpRoutesOf } from './httpRoutes';
import { shadowByLogout } from '../../../src/core/entry/springLogout';
import type { EntryPoint } from '../../../src/core/entry/types';

describe('routes: a handler shadowed by the Spring Security LogoutFilter', () => {
  const { byId } = httpRoutesOf('spring-logout-handler');

  it('gives the handler at the logout URL the filter\'s state, whatever rule or annotation it carries', () => {
    const e = byId('GET /user/logout');
    assert.equal(e.guardState, 'optional', e.guardReason);
    assert.match(e.guardReason ?? '', /LogoutFilter/);
    assert.ok(!e.guards.some((g) => /hasAnyRole|isAuthenticated/.test(g.name)), JSON.stringify(e.guards));
  });

  it('leaves the URL rule on other paths and on methods the filter does not match', () => {
    assert.equal(byId('GET /user').guardState, 'guarded');
    assert.equal(byId('PATCH /user/logout').guardState, 'guarded');
  });
});

describe('shadowByLogout', () => {
  const route = (method: string, path: string): EntryPoint => ({ id: `${method} ${path}`, kind: 'http', method, path, handler: 'C.h', file: 'C.java', line: 1, guards: [], public: false, framework: 'spring' }) as EntryPoint;
  const filter = (method: string, path: string): EntryPoint => ({ ...route(method, path), handler: 'Spring Security LogoutFilter', framework: 'spring-security', guards: [{ name: 'LogoutFilter', kind: 'authentication', optional: true, reason: 'r', file: 'S.java', line: 9 }] }) as EntryPoint;
  const cases: [string, string, string, boolean][] = [
    // filter method, handler method, handler path, shadowed
    ['ANY', 'GET', '/logout', true],
    ['ANY', 'DELETE', '/logout', true],
    ['ANY', 'PATCH', '/logout', false],
    ['POST', 'GET', '/logout', false],
    ['POST', 'POST', '/logout', true],
    ['ANY', 'GET', '/logout/all', false],
  ];
  for (const [fm, hm, hp, shadowed] of cases) {
    it(`${fm} filter on /logout, ${hm} ${hp} handler: ${shadowed ? 'shadowed' : 'kept'}`, () => {
      const e = route(hm, hp);
      shadowByLogout([e], [filter(fm, '/logout')]);
      assert.equal(e.guardState, shadowed ? 'optional' : undefined);
    });
  }
});
