// Sails.js (test/fixtures/routes/sails): routes are data. config/routes.js keys each route
// ('GET /x', '/x' for every method, a regex key naming its groups) to an action — an identity
// ('notes/list' = api/controllers/notes/list.js, actions2 or a plain function), `{ action }`, a
// controller's method ('AccountController.me') — or to a function of its own (`{ fn }`).
// config/policies.js maps action identities (exact, 'account/*', '*' for the rest, a legacy
// controller map) to policies, which run before the action and are judged by their code; `true`
// leaves the action public, `false` closes it to everyone, and a `{ fn }` route gets no policy at all.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { EntryPoint } from '../../../src/core/entry/types';
import { sailsPath, sailsRouteKey } from '../../../src/core/entry/frameworks/sails';
import { httpRoutesOf, itHasStates, reasonsOf } from './httpRoutes';
import { entriesOf } from './sampleServices.test';
import { makeRepo } from '../map/helpers';

type Row = [id: string, state: EntryPoint['guardState'], place: string, handler: string, guard?: RegExp];

describe('routes: Sails route table and policies', () => {
  const routes = httpRoutesOf('sails');
  itHasStates<Row>(
    routes,
    [
      // '*' covers every action no other key names.
      ['GET /api/notes', 'guarded', 'config/routes.js:18', 'notes/list', /signedIn/],
      ['POST /api/notes', 'guarded', 'config/routes.js:19', 'notes/create', /signedIn/],
      // Its own list: both policies, in order.
      ['DELETE /api/notes/:id', 'guarded', 'config/routes.js:20', 'notes/remove', /signedIn.*owner/],
      // A regex route whose groups are named reads as a path.
      ['GET /api/notes/:id/export.:format', 'guarded', 'config/routes.js:21', 'notes/export', /signedIn/],
      // 'account/*': true.
      ['POST /api/session', 'unguarded', 'config/routes.js:22', 'account/login'],
      // The legacy controller map names the method.
      ['GET /api/me', 'guarded', 'config/routes.js:23', 'account/me', /signedIn/],
      ['ANY /api/ping', 'unguarded', 'config/routes.js:24', 'ping'],
      // A public action that reads the caller (`const { currentUser } = this.req`: an actions2 fn's request is `this.req`) lets anonymous callers in.
      ['GET /api/welcome', 'optional', 'config/routes.js:25', 'welcome', /req\.currentUser/],
      // `false`: Sails refuses every caller.
      ['POST /api/notes/purge', 'guarded', 'config/routes.js:26', 'notes/purge', /policy false/],
      // No policy for a function of the table: its own check of the cookie refuses.
      ['GET /files/*', 'guarded', 'config/routes.js:27', '<inline fn>', /check in the handler/],
    ],
    (e, [, , place, handler, guard]) => {
      assert.equal(`${e.file}:${e.line}`, place);
      assert.equal(e.handler, handler);
      if (guard) assert.match(reasonsOf(e), guard);
    },
  );
});

describe('Sails route keys', () => {
  it('reads the method, every method, and leaves other keys alone', () => {
    assert.deepEqual(sailsRouteKey('GET /api/x'), ['GET', '/api/x']);
    assert.deepEqual(sailsRouteKey('post /api/x'), ['POST', '/api/x']);
    assert.deepEqual(sailsRouteKey('/about'), ['ANY', '/about']);
    assert.deepEqual(sailsRouteKey('all /about'), ['ANY', '/about']);
    assert.equal(sailsRouteKey('skipAssets'), undefined);
    assert.equal(sailsRouteKey('FETCH /x'), undefined);
  });

  it('writes a regex route with named groups as a path, and keeps any other regex as written', () => {
    assert.deepEqual(sailsPath('r|^/a/(\\w+)/t/([\\w-]+)\\.(\\w+)$|id,name,ext'), { s: '/a/:id/t/:name.:ext' });
    assert.deepEqual(sailsPath('r|^/a/(\\d+)+$|id'), { dyn: 'r|^/a/(\\d+)+$|id' });
    // More groups than names: not readable.
    assert.deepEqual(sailsPath('r|^/a/(\\w+)/(\\w+)$|id'), { dyn: 'r|^/a/(\\w+)/(\\w+)$|id' });
    assert.deepEqual(sailsPath('/user/:id?'), { s: '/user/:id?' });
  });
});

describe('Sails route tables only in a Sails app', () => {
  it('leaves a config/routes.js alone where nothing lifts Sails', async () => {
    const root = makeRepo({
      'package.json': '{ "name": "x", "dependencies": { "express": "4" } }\n',
      'app.js': "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.listen(3000);\n",
      'config/routes.js': "module.exports.routes = { 'GET /x': 'x' };\n",
      'api/controllers/x.js': 'module.exports = function x(req, res) { return res.ok(); };\n',
    });
    try {
      const ids = (await entriesOf(root)).filter((e) => e.kind === 'http').map((e) => e.id);
      assert.deepEqual(ids, ['GET /health']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
