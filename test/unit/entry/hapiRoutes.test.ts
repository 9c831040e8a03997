// hapi (test/fixtures/routes/hapi): routes are configuration objects handed to `server.route`, one
// or an array (built by route modules, `a.concat([...])`, a list of providers mapped to routes);
// plugins are registered by a computed require with `routes: { prefix }`; authentication is
// declared per route and decided by hapi's contract for its mode, not by the strategy's code:
// `required` (a strategy name, or an object without a mode) refuses, `try`/`optional` let anonymous
// callers in, `false` is none, and `server.auth.default()` applies only to routes added after it.
import * as assert from 'node:assert/strict';
import type { EntryPoint } from '../../../src/core/entry/types';
import { hapiPath } from '../../../src/core/entry/frameworks/hapi';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';

type Row = [id: string, state: EntryPoint['guardState'], place: string, guard?: RegExp];

describe('routes: hapi route objects, plugins with prefixes, route auth modes', () => {
  const routes = httpRoutesOf('hapi');
  itHasStates<Row>(
    routes,
    [
      // Added before server.auth.default(): no auth.
      ['GET /health', 'unguarded', 'src/server.js:12'],
      // Added after it: the default strategy, required.
      ['GET /me', 'guarded', 'src/server.js:19', /hapi auth session/],
      ['ANY /files/*', 'unguarded', 'src/server.js:24'],
      // Route modules: the place is where the object is written, not the server.route call.
      ['GET /api/notes', 'optional', 'src/plugins/notes/list.js:3'],
      ['GET /api/notes/:id', 'guarded', 'src/plugins/notes/get.js:3', /hapi auth api scope user/],
      ['POST /api/notes', 'guarded', 'src/plugins/notes/create.js:5', /hapi auth session/],
      ['PUT /api/notes', 'guarded', 'src/plugins/notes/create.js:5', /hapi auth session/],
      // auth: false, but a pre handler refuses without the admin key.
      ['DELETE /api/admin/notes/:id', 'guarded', 'src/plugins/admin.js:16', /requireAdminKey/],
      // An auth setting a package computes may be `false` as well as a strategy: unknown, not a guess.
      ['GET /api/admin/report', 'unknown', 'src/plugins/admin.js:22', /options\.auth/],
      // plugins/coverage holds code: not a coverage tool's report folder.
      ['GET /api/coverage/:job', 'guarded', 'src/plugins/coverage/index.js:7', /hapi auth api/],
      // One route per configured provider: the provider is a parameter; the strategy in mode 'try'
      // is the sign-in itself (the handler sets the session cookie), so the route is open.
      ['GET /auth/login/:provider', 'unguarded', 'src/plugins/login.js:6'],
      ['POST /auth/login/:provider', 'unguarded', 'src/plugins/login.js:6'],
      ['POST /auth/logout', 'guarded', 'src/plugins/login.js:27', /hapi auth session/],
    ],
    (e, [, , place, guard]) => {
      assert.equal(`${e.file}:${e.line}`, place);
      if (guard) assert.match(reasonsOf(e), guard);
    },
  );

  it('says which mode lets anonymous callers in', () => {
    assert.match(reasonsOf(routes.byId('GET /api/notes')), /mode 'try'/);
  });
});

describe('hapi path parameters', () => {
  it('spells them as the other frameworks do', () => {
    assert.equal(hapiPath('/users/{id}/files/{name*}'), '/users/:id/files/*');
    assert.equal(hapiPath('/auth/login/{web?}'), '/auth/login/:web?');
    // A template's substitution is not a parameter.
    assert.equal(hapiPath('`${base}/{id}`'), '`${base}/:id`');
  });
});
