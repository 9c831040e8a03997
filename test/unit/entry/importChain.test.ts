// A long chain of modules each importing the next (generated code, a million-line corpus) is
// followed without overflowing the stack: modules past the nesting bound are run again from the
// top, so a route registered at the far end of the chain is still found, with its full path.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';

const CHAIN = 2_000;

describe('routes: a long chain of imports', () => {
  it('finds the routes at both ends without a stack overflow', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-chain-'));
    fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { express: '4' } }));
    for (let i = 0; i < CHAIN; i++) {
      const next = i + 1 < CHAIN ? `const next = require('./m${i + 1}');\nexports.value = next.value + ${i};\n` : `exports.value = ${i};\n`;
      fs.writeFileSync(path.join(root, `m${i}.js`), next);
    }
    // The far end registers its own routes on an app it makes.
    fs.appendFileSync(path.join(root, `m${CHAIN - 1}.js`), "const express = require('express');\nconst far = express();\nfar.get('/far/health', (req, res) => res.json({ ok: true }));\n");
    fs.writeFileSync(path.join(root, 'app.js'), "const express = require('express');\nconst chain = require('./m0');\nconst app = express();\napp.get('/near', (req, res) => res.json(chain.value));\n");
    const map = await buildMap({ root, cache: false });
    const found = await findEntryPoints(map, entryReader(diskFiles(root)));
    const ids = found.entries.filter((e) => e.kind === 'http').map((e) => e.id).sort();
    assert.deepEqual(ids, ['GET /far/health', 'GET /near']);
  });
});
