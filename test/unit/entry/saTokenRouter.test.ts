// Sa-Token's SaInterceptor with a `SaRouter.match(…).check(() -> StpUtil.checkLogin())` lambda guards
// the paths its chains take (every handler url when the match argument is a class that walks the
// handler mapping); @SaIgnore on a handler or its class lets it through (optional when the handler
// uses the login if present: StpUtil.isLogin(), a caught NotLoginException). Fixture:
// test/fixtures/routes/spring-satoken-router; the lambda readings are table-driven below.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { EntryPoint } from '../../../src/core/entry/types';
import { readSaRouterLambda } from '../../../src/core/entry/saTokenRouter';
import { entriesOf } from './sampleServices.test';

const ROOT = path.resolve(__dirname, '../../../../test/fixtures/routes/spring-satoken-router');

describe('spring routes: Sa-Token SaInterceptor router lambdas and @SaIgnore', () => {
  let got: EntryPoint[] = [];
  before(async () => {
    got = (await entriesOf(ROOT)).filter((e) => e.kind === 'http');
  });

  it('guards every handler url the chain takes, lets @SaIgnore and notMatch paths through', () => {
    assert.deepEqual(got.map((e) => `${e.method} ${e.path} ${e.guardState}`).sort(), [
      'GET /auth/tenants optional',
      'GET /auth/tenants/:kind optional',
      'GET /open/ping unguarded',
      'GET /user/avatar/:id unguarded',
      'GET /user/list guarded',
      'GET /user/me guarded',
      'POST /auth/login unguarded',
    ]);
    const me = got.find((e) => e.path === '/user/me')!;
    assert.match(me.guards.map((g) => g.reason).join(' '), /SaInterceptor registered at .*SecurityConfig\.java:\d+ .*StpUtil\.checkLogin\(\) \(SaRouter\.match chain\)/);
  });

  const all = new Set(['urls.getUrls()']);
  const lambdas: [string, string, string | undefined][] = [
    ['literal patterns', 'new SaInterceptor(handle -> SaRouter.match("/**").check(r -> StpUtil.checkLogin()))', '/** - StpUtil.checkLogin()'],
    ['notMatch and a block', 'new SaInterceptor(h -> { SaRouter.match("/api/**").notMatch("/api/open/**", "/api/login").check(r -> { StpUtil.checkLogin(); }); })', '/api/** -/api/open/**,/api/login StpUtil.checkLogin()'],
    ['match with its function', 'new SaInterceptor(h -> { SaRouter.match("/admin/**", r -> StpUtil.checkRole("admin")); })', '/admin/** - StpUtil.checkRole("admin")'],
    ['every handler url', 'new SaInterceptor(h -> { UrlHandler urls = SpringUtils.getBean(UrlHandler.class); SaRouter.match(urls.getUrls()).check(() -> StpUtil.checkLogin()); })', 'all - StpUtil.checkLogin()'],
    ['an unread match argument', 'new SaInterceptor(h -> SaRouter.match(props.getPaths()).check(r -> StpUtil.checkLogin()))', undefined],
    ['a match by method', 'new SaInterceptor(h -> SaRouter.match("/**").matchMethod("POST").check(r -> StpUtil.checkLogin()))', undefined],
    ['a check that refuses nothing', 'new SaInterceptor(h -> SaRouter.match("/**").check(r -> log.info("x")))', undefined],
    ['another statement', 'new SaInterceptor(h -> { if (skip()) return; SaRouter.match("/**").check(r -> StpUtil.checkLogin()); })', undefined],
  ];
  for (const [what, expr, want] of lambdas) {
    it(`reads a router lambda: ${what}`, () => {
      const chains = readSaRouterLambda(expr, all);
      assert.equal(chains?.map((c) => `${c.match === 'all' ? 'all' : c.match.join(',')} ${c.notMatch.length ? `-${c.notMatch.join(',')}` : '-'} ${c.check}`).join('; '), want);
    });
  }
});
