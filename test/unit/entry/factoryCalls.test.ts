// A middleware factory written at every route (`auth({ role: 'admin' })` at a hundred routes) is
// followed at each of them: calls with the same options are one call to the interpreter, so the
// cap on distinct runs of one function (there against runaway loops) does not turn the later
// routes' guards into "could not be resolved".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';

const ROUTES = 120;

describe('routes: one middleware factory at many routes', () => {
  it('resolves the guard at every route, and tells the options apart', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-factory-'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '4' } }));
    fs.writeFileSync(
      path.join(root, 'auth.js'),
      `module.exports = function auth(options = {}) {
  return function (req, res, next) {
    if (!req.user) {
      if (options.optional) return next();
      return res.status(401).end();
    }
    next();
  };
};
`,
    );
    const lines = ["const express = require('express');", "const auth = require('./auth');", 'const router = express.Router();', 'const h = (req, res) => res.json({});'];
    for (let i = 0; i < ROUTES; i++) lines.push(`router.post('/r${i}', auth({ role: 'admin' }), h);`);
    // The optional route reads the caller it may have: anonymous allowed (one that never did would be open).
    lines.push("router.post('/open', auth({ optional: true }), (req, res) => res.json({ user: req.user }));", "router.post('/admin-again', auth({ role: 'admin' }), h);", 'module.exports = router;', "express().use('/api', router);");
    fs.writeFileSync(path.join(root, 'app.js'), lines.join('\n') + '\n');
    const map = await buildMap({ root, cache: false });
    const http = (await findEntryPoints(map, entryReader(diskFiles(root)))).entries.filter((e) => e.kind === 'http');
    assert.equal(http.length, ROUTES + 2);
    const unresolved = http.filter((e) => e.guardState !== 'guarded' && e.id !== 'POST /api/open');
    assert.deepEqual(unresolved.map((e) => `${e.id}: ${e.guardState} ${e.guardReason}`), []);
    const open = http.find((e) => e.id === 'POST /api/open');
    assert.equal(open?.guardState, 'optional', open?.guardReason);
  });
});
