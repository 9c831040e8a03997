// The service's own installed packages (same npm scope): their guards and path constants are read
// (never run); a token decoder that lets anonymous requests through is "anonymous allowed" (a route
// that never reads what it sets is open); a router made by a function that ran twice (once
// uncalled) is reported once, mounted; a package linked from outside the repository and
// third-party packages are not read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { ownScopes } from '../../../src/core/entry/ownPackages';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';
import type { EntryPoint } from '../../../src/core/entry/types';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'regsvc', dependencies: { express: '4', '@regsvc/auth': '1', '@regsvc/extra': '1', 'other-lib': '1' } }),
  'src/server.js': `const express = require('express');
const { tokenDecoder } = require('@regsvc/auth');
const extra = require('@regsvc/extra');
const other = require('other-lib');
const makeApi = require('./api');

function createServer(config) {
  const auth = { config };
  const app = express();
  app.use(tokenDecoder());
  app.use(makeApi(auth));
  app.use(extra.router);
  app.use(other.router);
  app.get('/health', (req, res) => res.send('ok'));
  return app;
}

module.exports = createServer;
`,
  'src/api.js': `const express = require('express');
const { allow } = require('@regsvc/auth');
const { PATHS } = require('@regsvc/auth/paths');

module.exports = function makeApi(auth) {
  const router = express.Router();
  router.put(PATHS.publish, allow('publish'), (req, res) => res.json({ by: auth }));
  router.get(PATHS.info, (req, res) => res.json({}));
  return router;
};
`,
  'node_modules/@regsvc/auth/package.json': JSON.stringify({ name: '@regsvc/auth', main: './build/index.js' }),
  'node_modules/@regsvc/auth/build/index.js': `function tokenDecoder() {
  return function (req, res, next) {
    const authorization = req.headers.authorization;
    if (authorization == null) {
      return next();
    }
    if (!authorization.startsWith('Bearer ')) {
      return res.status(401).json({ error: 'bad token' });
    }
    req.user = { name: authorization.slice(7) };
    next();
  };
}

function allow(action) {
  return function (req, res, next) {
    if (!req.user || !req.user.can(action)) {
      return res.status(403).end();
    }
    next();
  };
}

module.exports = { tokenDecoder, allow };
`,
  'node_modules/@regsvc/auth/paths.js': `module.exports = { PATHS: { publish: '/-/package/:name', info: '/-/info' } };\n`,
  'node_modules/other-lib/package.json': JSON.stringify({ name: 'other-lib', main: 'index.js' }),
  'node_modules/other-lib/index.js': `const express = require('express');\nconst router = express.Router();\nrouter.get('/third-party', (req, res) => res.end());\nmodule.exports = { router };\n`,
};

describe('routes: the service\'s own installed packages', () => {
  let http: EntryPoint[] = [];
  before(async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-ownpkg-'));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    // A package linked from outside the repository is not followed.
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-outside-pkg-'));
    fs.writeFileSync(path.join(outside, 'package.json'), JSON.stringify({ name: '@regsvc/extra', main: 'index.js' }));
    fs.writeFileSync(path.join(outside, 'index.js'), `const express = require('express');\nconst router = express.Router();\nrouter.get('/outside', (req, res) => res.end());\nmodule.exports = { router };\n`);
    fs.symlinkSync(outside, path.join(root, 'node_modules/@regsvc/extra'));
    const map = await buildMap({ root, cache: false });
    assert.ok(!map.files.some((f) => f.path.startsWith('node_modules/')), 'the map itself leaves node_modules out');
    http = (await findEntryPoints(map, entryReader(diskFiles(root)))).entries.filter((e) => e.kind === 'http');
  });
  const byId = (id: string): EntryPoint => {
    const e = http.find((x) => x.id === id);
    assert.ok(e, `${id} missing; found ${http.map((x) => x.id).join(', ')}`);
    return e;
  };

  it('reads path constants from the package: full paths, each route once', () => {
    assert.deepEqual(http.map((e) => e.id).sort(), ['GET /-/info', 'GET /health', 'PUT /-/package/:name']);
    for (const e of http) assert.doesNotMatch(e.guardReason ?? '', /not mounted/, e.id);
  });

  it('finds the refusing permission check inside the package', () => {
    const e = byId('PUT /-/package/:name');
    assert.equal(e.guardState, 'guarded', e.guardReason);
    assert.ok(e.guards.some((g) => !g.optional && /allow\(["']publish["']\)/.test(g.name) && g.evidence?.file === 'node_modules/@regsvc/auth/build/index.js'), JSON.stringify(e.guards));
  });

  it('reads a token decoder that lets requests without credentials through as anonymous allowed', () => {
    for (const id of ['GET /-/info', 'GET /health']) {
      const e = byId(id);
      assert.match(e.guards.find((g) => g.optional)?.reason ?? '', /without credentials/);
      // Neither handler reads the user the decoder sets: open to everyone, the decoder named.
      assert.equal(e.guardState, 'unguarded', e.guardReason);
      assert.match(e.guardReason ?? '', /tokenDecoder\(\).*not used.*req\.user/);
    }
  });

  it('takes only the own scope from package.json', () => {
    assert.deepEqual(ownScopes(JSON.stringify({ name: 'verdaccio', dependencies: { '@verdaccio/auth': '1', express: '4' } })), { scopes: ['@verdaccio/'], deps: ['@verdaccio/auth'] });
    assert.deepEqual(ownScopes(JSON.stringify({ name: '@acme/api', dependencies: { '@acme/auth': '1', '@api/x': '1' } })), { scopes: ['@acme/'], deps: ['@acme/auth'] });
    assert.deepEqual(ownScopes('not json'), { scopes: [], deps: [] });
  });
});
