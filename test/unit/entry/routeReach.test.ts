// Functions nothing calls run only in files linked by imports to a framework (routeReach.ts):
// a library beside the server, linked to nothing that makes a router, is not run at all, while
// every way a router reaches a file still counts: an import in either direction (the server
// hands its app to a helper module), a `require('express')` inside a function, a module loaded
// by a computed path. Module top levels run only from the files whose imports reach a framework
// (isRoot); a module only those load runs when loaded.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { entryFactsOf } from '../../../src/core/map/mapEntryFacts';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { frameworksFor } from '../../../src/core/entry/frameworks';
import { mapProgram } from '../../../src/core/entry/interp/mapProgram';
import { RouteReach } from '../../../src/core/entry/interp/routeReach';
import type { EntryFacts } from '../../../src/core/entry/facts/types';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'svc', dependencies: { express: '4' } }),
  // The server makes the app and hands it to a module that imports no framework.
  'server.js': `const express = require('express');
const holder = require('./lib/holder');
const app = express();
holder.setApp(app);
app.listen(3000);
`,
  // Its uncalled function registers on the app it was handed.
  'lib/holder.js': `let app;
exports.setApp = (a) => { app = a; };
function later() { app.get('/later', (req, res) => res.send('ok')); }
`,
  // Imports the framework only inside a function nothing calls.
  'tools/make.js': `function make() {
  const express = require('express');
  const app = express();
  app.get('/made', (req, res) => res.send('ok'));
  app.listen(3001);
}
`,
  // A library linked to nothing that makes a router.
  'calc/math.js': `const util = require('./util');
function sum(a, b) { return util.add(a, b); }
module.exports = { sum };
`,
  'calc/util.js': `exports.add = (a, b) => a + b;
`,
  // Loaded by a path the code computes, and linked to nothing else.
  'plugins/extra.js': `exports.name = 'extra';
`,
};

function service(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-reach-'));
  for (const [rel, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe('routes: uncalled functions run only where a framework is linked', () => {
  let root = '';
  before(() => {
    root = service();
  });

  it('links through an import either way and through a lazy require, not to an unlinked library', async () => {
    const map = await buildMap({ root, cache: false, workers: 1, entryFacts: true });
    const lookup = entryFactsOf(map)!;
    const facts = new Map<string, EntryFacts>();
    for (const f of map.files) {
      const ef = lookup(f.path)?.facts;
      if (ef) facts.set(f.path, ef);
    }
    const program = mapProgram(map.files, facts);
    for (const f of ['server.js', 'lib/holder.js', 'tools/make.js', 'calc/math.js', 'calc/util.js', 'plugins/extra.js']) assert.ok(facts.has(f), `no facts for ${f}`);
    const reach = new RouteReach(program, frameworksFor(['js']));
    assert.ok(reach.has('server.js'), 'imports express');
    assert.ok(reach.has('lib/holder.js'), 'imported by a file that imports express');
    assert.ok(reach.has('tools/make.js'), 'requires express inside a function');
    assert.ok(!reach.has('calc/math.js'), 'a library linked to no framework');
    assert.ok(!reach.has('calc/util.js'), 'imported only by that library');
    assert.ok(!reach.has('plugins/extra.js'), 'not linked yet');
    reach.link('lib/holder.js', 'plugins/extra.js');
    assert.ok(reach.has('plugins/extra.js'), 'loaded by a computed path from a linked file');
    // The run starts from the files whose own imports reach a framework; the others run when loaded.
    assert.ok(reach.isRoot('server.js') && reach.isRoot('tools/make.js'), 'import express');
    assert.ok(!reach.isRoot('lib/holder.js'), 'imports nothing: runs when the server loads it');
    assert.ok(!reach.isRoot('calc/math.js') && !reach.isRoot('plugins/extra.js'));
    reach.link('plugins/extra.js', 'server.js');
    assert.ok(reach.isRoot('plugins/extra.js'), 'loads the server by a computed path');
    // Seeds: a file whose constants are read afterwards counts, and so does what it imports.
    const seeded = new RouteReach(program, frameworksFor(['js']), ['calc/math.js']);
    assert.ok(seeded.has('calc/util.js'));
  });

  it('still finds the routes registered by uncalled functions of linked files', async () => {
    const map = await buildMap({ root, cache: false });
    const ids = (await findEntryPoints(map, entryReader(diskFiles(root)))).entries
      .filter((e) => e.kind === 'http')
      .map((e) => e.id)
      .sort();
    assert.deepEqual(ids, ['GET /later', 'GET /made']);
  });
});
