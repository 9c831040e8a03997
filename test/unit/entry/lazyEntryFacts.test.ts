// Router facts only where a router can be: a repository whose package.json files declare no web
// framework gets its JS/TS entry facts lazily (frameworkPackages.ts): the map's workers extract
// router facts only from files whose text may import a framework, and nothing else is lost — the
// non-HTTP entry points, Nest routes and syntax errors are still read from every file, and when a
// file does import a framework after all, every file is read in full before the interpreter runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { entryFactsOf } from '../../../src/core/map/mapEntryFacts';
import { clearEntryMemory, entryPointsOf } from '../../../src/core/entry/entryCache';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { FRAMEWORKS } from '../../../src/core/entry/frameworks';
import { FRAMEWORK_SPEC_STARTS, declaresWebFramework, mayImportFramework, packageDeclaresFramework, readsRoutersInFull } from '../../../src/core/entry/frameworkPackages';
import { wantsJsFileEntry } from '../../../src/core/entry/jsFileEntry';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';
import type { RepoMap } from '../../../src/core/map/types';

function repo(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-lazyentry-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/** What the entry-point pass gives when it parses every file itself (no facts from the map). */
async function parsedItself(map: RepoMap, root: string): Promise<unknown> {
  return JSON.parse(JSON.stringify(await findEntryPoints({ files: map.files.map((f) => ({ path: f.path, language: f.language, symbols: f.symbols })) } as RepoMap, entryReader(diskFiles(root)))));
}

// A library: no server, a job and a CLI-looking loop, and a file that writes `from "express"` in a template string (typeorm's generator does).
const LIBRARY = {
  'package.json': JSON.stringify({ name: 'lib', dependencies: { lodash: '4.0.0' }, devDependencies: { mocha: '10.0.0' } }),
  'src/index.js': "const { tick } = require('./util');\nmodule.exports = { start() { setInterval(tick, 1000); } };\n",
  'src/util.js': 'exports.tick = function tick() { return 1; };\n',
  'src/gen.ts': 'export function template(): string {\n  return `import express from "express";\\nconst app = express();`;\n}\n',
};

describe('entry facts asked lazily: router facts only where a framework can be imported', () => {
  beforeEach(() => clearEntryMemory());

  it('covers every specifier a JS framework accepts with a prefix the text test knows', () => {
    // A router class of the service's own (routerClass.ts) comes from no package: it matches none.
    for (const fw of FRAMEWORKS.filter((f) => f.language === 'js' && f.packages.source !== '(?!)')) {
      // `^(a|b|c\/.*)$`: each alternative's literal start.
      const m = /^\^\((.*)\)\$$/.exec(fw.packages.source);
      assert.ok(m, `${fw.name}: packages is one group of alternatives (${fw.packages.source})`);
      for (const alt of m[1]!.split('|')) {
        const literal = alt.replace(/\\\//g, '/').replace(/[\\.*?[(].*$/, '').replace(/\d\?$/, '');
        assert.ok(literal.length > 0 && FRAMEWORK_SPEC_STARTS.some((s) => literal.startsWith(s)), `${fw.name}: ${alt} starts with none of ${FRAMEWORK_SPEC_STARTS.join(', ')}`);
        assert.ok(mayImportFramework(`require('${literal}')`) && mayImportFramework(`import x from "${literal}"`), alt);
      }
    }
    assert.equal(mayImportFramework("const name = 'lodash'; // express-like"), false, 'a word outside a string literal is no import');
  });

  it('reads package.json dependencies of any kind, and a root package.json of an own scope', () => {
    assert.equal(packageDeclaresFramework(JSON.stringify({ devDependencies: { koa: '2' } }), false), true);
    assert.equal(packageDeclaresFramework(JSON.stringify({ dependencies: { '@nestjs/core': '10' } }), false), true);
    assert.equal(packageDeclaresFramework(JSON.stringify({ dependencies: { lodash: '4', 'express-validator': '7' } }), false), true, 'a package named after a framework counts: this only chooses what to extract first');
    assert.equal(packageDeclaresFramework(JSON.stringify({ dependencies: { lodash: '4' } }), false), false);
    assert.equal(packageDeclaresFramework(JSON.stringify({ name: '@acme/api', dependencies: { '@acme/auth': '1' } }), true), true, 'own installed packages are read for routes (ownPackages.ts)');
    assert.equal(packageDeclaresFramework(JSON.stringify({ name: '@acme/api', dependencies: { '@acme/auth': '1' } }), false), false);
    assert.equal(packageDeclaresFramework('{ not json', true), false);
    const root = repo({ 'package.json': '{}', 'packages/api/package.json': JSON.stringify({ dependencies: { fastify: '4' } }), 'packages/api/src/a.js': '' });
    assert.equal(declaresWebFramework(root, [{ path: 'packages/api/src/a.js' }]), true, 'a monorepo package declares it');
    assert.equal(declaresWebFramework(root, [{ path: 'other/a.js' }]), false, 'only folders of mapped files are looked at');
    assert.equal(packageDeclaresFramework(JSON.stringify({ dependencies: { next: '16' } }), false), true, 'file-system routers refuse through helpers of ours');
    assert.equal(packageDeclaresFramework(JSON.stringify({ dependencies: { 'next-themes': '1' } }), false), false);
  });

  it('reads every file in full where a file-system router takes routes, whatever package.json says', () => {
    const root = repo({ 'package.json': '{}', 'src/lib/auth.ts': '' });
    assert.equal(readsRoutersInFull(root, [{ path: 'src/app/api/items/route.ts' }, { path: 'src/lib/auth.ts' }]), true, 'a Next app route');
    assert.equal(readsRoutersInFull(root, [{ path: 'src/routes/items/+server.ts' }]), true, 'a SvelteKit endpoint');
    assert.equal(readsRoutersInFull(root, [{ path: 'src/lib/auth.ts' }, { path: 'docs/api/route.md' }]), false);
  });

  it('a library: only the file whose text names a framework gets router facts, and the answer is the full one', async () => {
    const root = repo(LIBRARY);
    const map = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
    const lookup = entryFactsOf(map)!;
    assert.equal(lookup('src/index.js')?.lazy, true);
    assert.equal(lookup('src/index.js')?.facts, undefined, 'no router facts for a file that cannot import a framework');
    assert.deepEqual(lookup('src/index.js')?.others?.map((e) => e.id), ['job start'], 'its non-HTTP entry points are still read');
    assert.ok(lookup('src/gen.ts')?.facts, 'the template string names express: its facts are extracted, and they show no import');
    assert.equal(lookup('src/gen.ts')?.lazy, undefined);
    const parsed = new Set<string>();
    const fromMap = await entryPointsOf(map, diskFiles(root), { cacheDir: false, onParse: (p) => parsed.add(p) });
    assert.deepEqual([...parsed], [], 'nothing is parsed again: no file imports a framework');
    assert.deepEqual(fromMap, await parsedItself(map, root));
    assert.deepEqual(fromMap.entries.map((e) => e.id), ['job start']);
  });

  it('a server whose package.json does not declare its framework: the workers extract every file in full after all', async () => {
    const root = repo({
      'src/app.js': "const express = require('express');\nconst users = require('./users');\nconst app = express();\napp.use('/users', users.router);\n",
      'src/users.js': "const { Router } = require('./web');\nconst { list } = require('./handlers');\nconst router = Router();\nrouter.get('/', list);\nexports.router = router;\n",
      'src/web.js': "module.exports = require('express');\n",
      'src/handlers.js': 'exports.list = function list(req, res) { res.json([]); };\n',
    });
    const map = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
    const lookup = entryFactsOf(map)!;
    for (const f of map.files.filter((x) => wantsJsFileEntry(x.language, x.path))) {
      assert.equal(lookup(f.path)?.lazy, undefined, f.path);
      assert.ok(lookup(f.path)?.facts, f.path);
    }
    const parsed = new Set<string>();
    const fromMap = await entryPointsOf(map, diskFiles(root), { cacheDir: false, onParse: (p) => parsed.add(p) });
    assert.deepEqual([...parsed], []);
    assert.ok(fromMap.entries.some((e) => e.id === 'GET /users'), fromMap.entries.map((e) => e.id).join(', '));
    assert.deepEqual(fromMap, await parsedItself(map, root));
  });

  it('completes lazily extracted files itself when one file imports a framework (the answer never depends on what was extracted first)', async () => {
    const root = repo({
      'src/app.js': "const express = require('express');\nconst { mount } = require('./mount');\nconst app = express();\nmount(app);\n",
      'src/mount.js': "exports.mount = function mount(app) { app.get('/health', function health(req, res) { res.send('ok'); }); };\n",
    });
    const map = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
    const full = entryFactsOf(map)!;
    // The map as a lazy pass over stale knowledge would leave it: mount.js without router facts.
    const lazy = { ...full('src/mount.js')!, lazy: true as const };
    delete lazy.facts;
    const parsed: string[] = [];
    const r = await findEntryPoints(map, entryReader(diskFiles(root)), { fileEntry: (p) => (p === 'src/mount.js' ? lazy : full(p)), onParse: (p) => parsed.push(p) });
    assert.deepEqual(parsed, ['src/mount.js']);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), await parsedItself(map, root));
    assert.ok(r.entries.some((e) => e.id === 'GET /health'), r.entries.map((e) => e.id).join(', '));
  });

  it('keeps lazy entries in the map cache, and reads them in full once a package.json declares a framework', async () => {
    const root = repo(LIBRARY);
    const cold = await buildMap({ root, workers: 1, entryFacts: true });
    assert.equal(entryFactsOf(cold)!('src/util.js')?.lazy, true);
    const warm = await buildMap({ root, workers: 1, entryFacts: true });
    assert.equal(warm.stats.filesParsed, 0, 'a lazy entry is what a lazy map wants');
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'lib', dependencies: { express: '4.0.0' } }));
    const server = await buildMap({ root, workers: 1, entryFacts: true });
    assert.equal(server.stats.filesParsed, 2, 'the two lazily extracted files are parsed again (gen.ts had its facts)');
    assert.ok(entryFactsOf(server)!('src/util.js')?.facts);
  });
});
