// Entry facts made ready while the workers parse (map/entryWarmup.ts): each file's entry facts are
// decoded and walked for what they load (imports and `require()` calls, data files by a fixed path)
// once, whichever comes first, the warm-up or the entry-point pass; the walks answer the same as a
// walk of a fresh copy of the facts, and nothing is decoded once the warm-up is stopped.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { languageKit, extractWith } from '../../../src/core/map/extractFile';
import { decodeFacts, encodeFacts } from '../../../src/core/map/mapCache';
import { EntryWarmup } from '../../../src/core/map/entryWarmup';
import { buildMap } from '../../../src/core/map/buildMap';
import { entryFactsOf } from '../../../src/core/map/mapEntryFacts';
import { importSpecs } from '../../../src/core/entry/interp/routeReach';
import { dataFileCandidates, dataSegmentsOf } from '../../../src/core/entry/interp/dataFiles';
import { clearEntryMemory, entryPointsOf } from '../../../src/core/entry/entryCache';
import { diskFiles } from '../../../src/core/files/sourceFiles';
import type { FileFacts } from '../../../src/core/map/facts';
import type { EntryFacts } from '../../../src/core/entry/facts/types';

const SERVER = `const express = require('express');
const fs = require('fs');
const path = require('path');
const app = express();
function routes() {
  const admin = require('./admin');
  const table = fs.readFileSync(path.join(__dirname, 'conf', 'routes.yaml'), 'utf8');
  app.use('/admin', admin(table));
}
routes();
app.get('/health', (req, res) => res.send('ok'));
`;

/** One file's facts as the workers send them: the cache's strings, the entry part read through a counter. */
async function sent(text: string, file: string): Promise<{ facts: FileFacts; reads: () => number }> {
  const kit = await languageKit('javascript');
  const [head, body, entry] = encodeFacts(extractWith(kit, text, file));
  let reads = 0;
  const facts = decodeFacts(head, body, () => {
    reads++;
    return entry;
  });
  return { facts, reads: () => reads };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('entry facts made ready while the workers parse', () => {
  it('decodes a file handed to it once, and its walks answer as walks of a fresh copy', async () => {
    const { facts, reads } = await sent(SERVER, 'server.js');
    const warmup = new EntryWarmup();
    warmup.add(facts);
    assert.equal(reads(), 0, 'nothing is decoded on the worker message itself');
    for (let i = 0; i < 5 && reads() === 0; i++) await turn();
    assert.equal(reads(), 1, 'decoded on a later turn of the event loop');
    const ef = facts.entry!.facts!;
    assert.equal(reads(), 1, 'the pass finds them decoded');
    const copy = JSON.parse(JSON.stringify(ef)) as EntryFacts;
    assert.equal(importSpecs(ef), importSpecs(ef), 'walked once per facts object');
    assert.deepEqual([...importSpecs(ef)].sort(), [...importSpecs(copy)].sort());
    assert.ok(importSpecs(ef).has('express') && importSpecs(ef).has('./admin'));
    assert.deepEqual(dataSegmentsOf(ef), dataSegmentsOf(copy));
    assert.deepEqual(dataFileCandidates(new Map([['srv/server.js', ef]])), ['srv/conf/routes.yaml']);
    warmup.stop();
  });

  it('decodes nothing once stopped: what is left waits for the pass', async () => {
    const { facts, reads } = await sent(SERVER, 'server.js');
    const warmup = new EntryWarmup();
    warmup.add(facts);
    warmup.stop();
    for (let i = 0; i < 5; i++) await turn();
    assert.equal(reads(), 0);
    const later = await sent(SERVER, 'other.js');
    warmup.add(later.facts);
    for (let i = 0; i < 5; i++) await turn();
    assert.equal(later.reads(), 0);
    // The pass still reads them on demand.
    assert.ok(facts.entry?.facts);
    assert.equal(reads(), 1);
  });

  it('a map built with workers gives the entry points a map built on this thread gives', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-warmup-'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '4' } }));
    fs.mkdirSync(path.join(root, 'conf'));
    fs.writeFileSync(path.join(root, 'conf', 'routes.yaml'), 'routes: []\n');
    fs.writeFileSync(path.join(root, 'server.js'), SERVER);
    fs.writeFileSync(path.join(root, 'admin.js'), `const express = require('express');\nmodule.exports = (table) => { const r = express.Router(); r.get('/users', (req, res) => res.send(table)); return r; };\n`);
    // Enough files for the pool to run workers.
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(root, `lib${i}.js`), `const app = require('./server');\nexports.f${i} = () => require('./admin');\n`);
    const threaded = await buildMap({ root, cache: false, workers: 2, entryFacts: true });
    const here = await buildMap({ root, cache: false, workers: 0, entryFacts: true });
    assert.ok(entryFactsOf(threaded)!('server.js')?.facts);
    clearEntryMemory();
    const a = await entryPointsOf(threaded, diskFiles(root), { cacheDir: false });
    clearEntryMemory();
    const b = await entryPointsOf(here, diskFiles(root), { cacheDir: false });
    assert.deepEqual(a, b);
    assert.deepEqual(a.entries.map((e) => e.id).sort(), ['GET /admin/users', 'GET /health']);
  });
});
