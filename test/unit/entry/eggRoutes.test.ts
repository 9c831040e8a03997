// Egg.js (test/fixtures/routes/egg): app/router.js is handed the application — its koa-router, the controller tree
// of app/controller (`api/user_info.js` is `controller.api.userInfo`, a class made once), the middleware factories
// of app/middleware (`signed_in.js` is `middleware.signedIn`) and config/config.default.js, whose `middleware` list
// runs before every route. egg-router-plus namespaces carry their prefix and middleware, `router.resources` gives
// the REST actions the controller has, egg-passport's `mount` its two GET routes.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { EGG_RESOURCE_ACTIONS, eggPropName } from '../../../src/core/entry/frameworks/egg';
import { afterCallerMissing } from '../../../src/core/entry/facts/jsNextAndCatch';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

type Row = [id: string, state: EntryPoint['guardState'], place: string, guard?: RegExp];

describe('routes: Egg.js router, controllers and middleware', () => {
  const routes = httpRoutesOf('egg');
  itHasStates<Row>(
    routes,
    [
      ['GET /', 'unguarded', 'app/router.js:7'],
      // The action reads `ctx.user` through `const { ctx } = this`: loadUser's identity is used, anonymous callers are
      // greeted too (GET /, reading nothing of the caller, is unguarded behind the same loadUser).
      ['GET /welcome', 'optional', 'app/router.js:8', /loadUser/],
      // A named route: the name is no path.
      ['GET /named', 'unguarded', 'app/router.js:9'],
      ['GET /notes', 'guarded', 'app/router.js:10', /signedIn/],
      ['POST /notes', 'guarded', 'app/router.js:11', /signedIn/],
      // A notice page and no next() past `!ctx.user.is_admin`: refused.
      ['POST /admin/purge', 'guarded', 'app/router.js:12', /next\(\) only past/],
      // `config.allow_sign_up` is true in config.default.js; the quota refuses whoever calls, no caller test.
      ['POST /signup', 'unguarded', 'app/router.js:14'],
      // The namespace's middleware and prefix.
      ['GET /api/v1/me', 'guarded', 'app/router.js:20', /signedIn/],
      ['GET /posts', 'guarded', 'app/router.js:22', /signedIn/],
      ['GET /posts/:id', 'guarded', 'app/router.js:22', /signedIn/],
      ['POST /posts', 'guarded', 'app/router.js:22', /signedIn/],
      // The sign-in replaces whatever loadUser found.
      ['POST /login', 'unguarded', 'app/router.js:24'],
      ['GET /passport/github', 'unguarded', 'app/router.js:25'],
      ['GET /passport/github/callback', 'unguarded', 'app/router.js:25'],
    ],
    (e, [, , place, guard]) => {
      assert.equal(`${e.file}:${e.line}`, place);
      if (guard) assert.match(reasonsOf(e), guard);
    },
  );
});

describe('Egg.js loader names and REST map', () => {
  const names: [string, string][] = [
    ['topic_collect', 'topicCollect'],
    ['user-info', 'userInfo'],
    ['Home', 'home'],
    ['api', 'api'],
  ];
  for (const [file, prop] of names) it(`${file} → ${prop}`, () => assert.equal(eggPropName(file), prop));

  it('maps the seven REST actions, update on PATCH and PUT', () => {
    assert.deepEqual(
      EGG_RESOURCE_ACTIONS.map(([a, verbs, suffix]) => `${a} ${verbs.join('|')} ${suffix}`),
      ['index GET ', 'new GET /new', 'show GET /:id', 'edit GET /:id/edit', 'create POST ', 'update PATCH|PUT /:id', 'destroy DELETE /:id'],
    );
  });
});

describe('next() only past a failed test of the caller', () => {
  const rows: [string, boolean][] = [
    ['else of (!ctx.user)', true],
    ['else of (!ctx.user || !ctx.user._id)', true],
    ['else of (!ctx.user.is_admin)', true],
    ['else of (!req.session.userId)', true],
    // `&&`: false with no caller at all.
    ['else of (!ctx.user && !ctx.query.token)', false],
    ['else of (!ctx.query.key)', false],
    ['(ctx.user)', false],
  ];
  for (const [cond, known] of rows) it(`${cond}: ${known ? 'caller known' : 'not decided'}`, () => assert.equal(afterCallerMissing(cond), known));
});
