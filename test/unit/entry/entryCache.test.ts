// The entry-points cache: an unchanged repository is answered from the stored result, a changed
// file or an edited buffer is not, and a broken or planted cache never breaks or redirects anything.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { clearEntryMemory, defaultEntryCacheDir, entryPointsOf } from '../../../src/core/entry/entryCache';
import { diskFiles, overlayFiles } from '../../../src/core/files/sourceFiles';
import { writeCacheFile } from '../../../src/core/cache/cacheFile';

const APP = `const express = require('express');
const app = express();
function requireUser(req, res, next) {
  if (!req.user) return res.status(401).end();
  next();
}
app.get('/api/items', requireUser, (req, res) => res.json([]));
app.post('/api/items', requireUser, (req, res) => res.json({}));
module.exports = app;
`;

function repo(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-entrycache-'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '4' } }));
  fs.writeFileSync(path.join(root, 'app.js'), APP);
  return root;
}

const ids = (r: { entries: { id: string }[] }) => r.entries.map((e) => e.id).sort();

describe('entry points cache', () => {
  beforeEach(() => clearEntryMemory());

  it('answers an unchanged repository from the stored result, and a changed file afresh', async () => {
    const root = repo();
    const map = await buildMap({ root, cache: false });
    const first = await entryPointsOf(map, diskFiles(root));
    assert.deepEqual(ids(first), ['GET /api/items', 'POST /api/items']);
    assert.ok(fs.existsSync(path.join(defaultEntryCacheDir(root), 'entries.json')), 'no stored result');
    assert.equal(fs.readFileSync(path.join(root, '.deepdive', 'cache', '.gitignore'), 'utf8'), '*\n');

    // Same map (same content hashes): the stored answer, even from a new process's point of view.
    clearEntryMemory();
    fs.writeFileSync(path.join(root, 'app.js'), APP.replace("app.post('/api/items'", "app.delete('/api/items'"));
    const again = await entryPointsOf(map, diskFiles(root));
    assert.deepEqual(ids(again), ['GET /api/items', 'POST /api/items'], 'the key is the map: a stale map gives its own answer');

    // The map sees the change: a new key, a new answer.
    const map2 = await buildMap({ root, cache: false });
    const changed = await entryPointsOf(map2, diskFiles(root));
    assert.deepEqual(ids(changed), ['DELETE /api/items', 'GET /api/items']);
  });

  it('answers afresh when only a JSON module the code imports changed (a path read from it)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-entrycache-'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '4' } }));
    fs.writeFileSync(path.join(root, 'paths.json'), JSON.stringify({ health: '/health' }));
    fs.writeFileSync(path.join(root, 'app.js'), "import express from 'express';\nimport paths from './paths.json';\nconst app = express();\napp.get(paths.health, (req, res) => res.end());\nexport default app;\n");
    const map = await buildMap({ root, cache: false });
    assert.deepEqual(ids(await entryPointsOf(map, diskFiles(root))), ['GET /health']);
    clearEntryMemory();
    fs.writeFileSync(path.join(root, 'paths.json'), JSON.stringify({ health: '/status' }));
    // The same map (no mapped file changed): the stored answer must not be given back.
    assert.deepEqual(ids(await entryPointsOf(map, diskFiles(root))), ['GET /status']);
  });

  it('answers afresh when only a data file the code reads by a fixed path changed, in memory or on disk', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-entrycache-'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '4', 'js-yaml': '4' } }));
    fs.writeFileSync(path.join(root, 'routes.yaml'), 'health: /health\n');
    fs.writeFileSync(path.join(root, 'app.js'), "const fs = require('fs');\nconst path = require('path');\nconst yaml = require('js-yaml');\nconst express = require('express');\nconst app = express();\nconst routes = yaml.load(fs.readFileSync(path.join(__dirname, 'routes.yaml'), 'utf8'));\napp.get(routes.health, (req, res) => res.end());\nmodule.exports = app;\n");
    const map = await buildMap({ root, cache: false });
    assert.deepEqual(ids(await entryPointsOf(map, diskFiles(root))), ['GET /health']);
    fs.writeFileSync(path.join(root, 'routes.yaml'), 'health: /status\n');
    assert.deepEqual(ids(await entryPointsOf(map, diskFiles(root))), ['GET /status'], 'the answer kept in memory was given back');
    clearEntryMemory();
    fs.writeFileSync(path.join(root, 'routes.yaml'), 'health: /ping\n');
    assert.deepEqual(ids(await entryPointsOf(map, diskFiles(root))), ['GET /ping'], 'the stored answer was given back');
  });

  it('gives every caller its own copy', async () => {
    const root = repo();
    const map = await buildMap({ root, cache: false });
    const a = await entryPointsOf(map, diskFiles(root));
    a.entries[0].id = 'changed by a caller';
    const b = await entryPointsOf(map, diskFiles(root));
    assert.deepEqual(ids(b), ['GET /api/items', 'POST /api/items']);
  });

  it('answers an edited buffer from its text, not from the stored result of the disk', async () => {
    const root = repo();
    const map = await buildMap({ root, cache: false });
    await entryPointsOf(map, diskFiles(root));
    const edited = overlayFiles(diskFiles(root), (rel) => (rel === 'app.js' ? APP.replace("app.get('/api/items'", "app.put('/api/items'") : undefined));
    assert.deepEqual(ids(await entryPointsOf(map, edited)), ['POST /api/items', 'PUT /api/items']);
  });

  it('recomputes past a corrupt or foreign stored file, and repairs it', async () => {
    const root = repo();
    const map = await buildMap({ root, cache: false });
    await entryPointsOf(map, diskFiles(root));
    const file = path.join(defaultEntryCacheDir(root), 'entries.json');
    const stored = fs.readFileSync(file, 'utf8');
    const foreign = stored.split('"entries":[').join('"entries":7,"x":[');
    for (const bad of ['', '{"key":', stored.slice(0, stored.length - 40), foreign]) {
      clearEntryMemory();
      fs.writeFileSync(file, bad);
      assert.deepEqual(ids(await entryPointsOf(map, diskFiles(root))), ['GET /api/items', 'POST /api/items']);
    }
    const repaired = JSON.parse(fs.readFileSync(file, 'utf8')) as { result: { entries: unknown } };
    assert.ok(Array.isArray(repaired.result.entries), 'not rewritten');
  });

  it('gives back a stored answer computed from a Java service\'s build and configuration files', async () => {
    // The Spring readers stamp pom.xml and application.yml (a constants class, build.gradle, …):
    // a stored answer naming them must load, not be recomputed on every run.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-entrycache-'));
    fs.cpSync(path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'routes', 'spring-parent-pom'), root, { recursive: true });
    const map = await buildMap({ root, cache: false });
    const first = ids(await entryPointsOf(map, diskFiles(root)));
    assert.ok(first.includes('ANY /druid/*'), first.join(', '));
    const file = path.join(defaultEntryCacheDir(root), 'entries.json');
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { result: { entries: { id: string }[]; dataFiles: { path: string }[] } };
    assert.ok(stored.result.dataFiles.some((d) => d.path.endsWith('pom.xml')), 'no build file stamped');
    // Mark the stored answer (written as the cache writes, so that it is ours): only a load of it gives the mark back.
    stored.result.entries = stored.result.entries.filter((e) => e.id !== 'ANY /druid/*');
    assert.ok(writeCacheFile(file, JSON.stringify(stored), root));
    clearEntryMemory();
    assert.deepEqual(ids(await entryPointsOf(map, diskFiles(root))), first.filter((id) => id !== 'ANY /druid/*'), 'the stored answer was not given back');
  });

  it('never writes through a cache folder planted as a symlink out of the repository', async () => {
    const root = repo();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-outside-'));
    fs.mkdirSync(path.join(root, '.deepdive'));
    fs.symlinkSync(outside, path.join(root, '.deepdive', 'cache'));
    const map = await buildMap({ root, cache: false });
    assert.deepEqual(ids(await entryPointsOf(map, diskFiles(root))), ['GET /api/items', 'POST /api/items']);
    assert.deepEqual(fs.readdirSync(outside), []);
  });

  it('keeps nothing on disk when told to', async () => {
    const root = repo();
    const map = await buildMap({ root, cache: false });
    await entryPointsOf(map, diskFiles(root), { cacheDir: false });
    assert.equal(fs.existsSync(path.join(root, '.deepdive')), false);
  });
});
