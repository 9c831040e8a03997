// The service's own installed packages are followed from wherever a file of the service loads
// them: a `require()` inside a function and an `import()` count as a module-level import does.
// The pass skips the files that load nothing of the own scope (ownPackages.ts): it must still read
// the package a lazy load names, and a file that loads only third-party packages changes nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';
import { entryFactsOf } from '../../../src/core/map/mapEntryFacts';
import { importSpecs } from '../../../src/core/entry/interp/routeReach';
import type { EntryFacts } from '../../../src/core/entry/facts/types';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'lzsvc', dependencies: { express: '4', '@lzsvc/paths': '1', '@lzsvc/more': '1', 'third-party': '1' } }),
  'src/server.js': `const express = require('express');
const lib = require('third-party');
const app = express();
function mount() {
  const { PATHS } = require('@lzsvc/paths');
  app.get(PATHS.status, (req, res) => res.send(lib.ok));
}
async function later() {
  const more = await import('@lzsvc/more');
  app.get(more.HOME, (req, res) => res.send('home'));
}
mount();
later();
module.exports = app;
`,
  'src/util.js': `const lib = require('third-party');\nexports.ok = () => lib.ok;\n`,
  'node_modules/@lzsvc/paths/package.json': JSON.stringify({ name: '@lzsvc/paths', main: 'index.js' }),
  'node_modules/@lzsvc/paths/index.js': `const { BASE } = require('./base');\nexports.PATHS = { status: BASE + '/status' };\n`,
  'node_modules/@lzsvc/paths/base.js': `exports.BASE = '/api';\n`,
  'node_modules/@lzsvc/more/package.json': JSON.stringify({ name: '@lzsvc/more', main: 'index.js' }),
  'node_modules/@lzsvc/more/index.js': `exports.HOME = '/home';\n`,
};

describe('routes: own packages loaded lazily', () => {
  it('reads the own package a require() inside a function or an import() names, and what it requires', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-ownlazy-'));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const map = await buildMap({ root, cache: false });
    const http = (await findEntryPoints(map, entryReader(diskFiles(root)))).entries.filter((e) => e.kind === 'http');
    assert.deepEqual(http.map((e) => `${e.method} ${e.path}`).sort(), ['GET /api/status', 'GET /home']);
  });

  it('walks a file\'s facts once for what it loads, with the answer a walk of a fresh copy gives', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-ownlazy-'));
    fs.writeFileSync(path.join(root, 'package.json'), FILES['package.json']!);
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'src', 'server.js'), FILES['src/server.js']!);
    const map = await buildMap({ root, cache: false, workers: 0, entryFacts: true });
    const facts = entryFactsOf(map)!('src/server.js')!.facts!;
    const copy = JSON.parse(JSON.stringify(facts)) as EntryFacts;
    assert.equal(importSpecs(facts), importSpecs(facts), 'the same answer object: walked once');
    assert.deepEqual([...importSpecs(facts)].sort(), [...importSpecs(copy)].sort());
    assert.deepEqual([...importSpecs(facts)].sort(), ['@lzsvc/more', '@lzsvc/paths', 'express', 'third-party']);
  });
});
