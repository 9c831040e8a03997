// A method nothing calls (a server class's `routes()` that only a CLI or a timer starts) still runs,
// on the one instance the code made of its class, so that the fields its constructor set (the app)
// are there. What is "the one instance" is counted per class: instances of other classes, however
// many, do not make it several.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';

async function routeIds(server: string): Promise<string[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-uncalled-'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '4' } }));
  fs.writeFileSync(path.join(root, 'server.js'), server);
  const map = await buildMap({ root, cache: false });
  const http = (await findEntryPoints(map, entryReader(diskFiles(root)))).entries.filter((e) => e.kind === 'http');
  return http.map((e) => e.id).sort();
}

const SERVER = `const express = require('express');
class Server {
  constructor(app) { this.app = app; }
  routes() { this.app.get('/health', (req, res) => res.json({ ok: true })); }
}
class Job {
  constructor(name) { this.name = name; }
}
`;

describe("routes: a method nothing calls runs on its class's one instance", () => {
  it('registers on the app its one instance holds, beside many instances of another class', async () => {
    const ids = await routeIds(`${SERVER}const app = express();
new Job('a');
new Job('b');
new Job('c');
new Server(app);
app.listen(3000);
`);
    assert.deepEqual(ids, ['GET /health']);
  });

  it('does not take one of two instances for the only one (their apps differ)', async () => {
    const ids = await routeIds(`${SERVER}new Server(express()).app.listen(3000);
new Server(express()).app.listen(3001);
`);
    // Two servers: which app the method runs on is not known, so neither gets a route it may not have.
    assert.ok(!ids.includes('GET /health'), ids.join(', '));
  });
});
