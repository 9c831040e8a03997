// A route whose handler is written in one of the service's own installed packages (verdaccio's web
// UI routes in node_modules/@verdaccio/middleware): the map leaves node_modules out, so the call
// graph has no calls for that file; the entry pass names the functions of ours the handler calls,
// and the flow lists them as its first hops. Package calls and values it cannot resolve stay out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { diskFiles, entryReader } from '../../../src/core/files/sourceFiles';
import { ownScopesOf, suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'websvc', dependencies: { express: '4', '@websvc/web': '1' } }),
  'src/server.js': `const express = require('express');
const { renderWeb } = require('@websvc/web');
const { listPackages } = require('./packages');

const app = express();
app.use(renderWeb({ title: 'registry' }));
app.get('/-/packages', (req, res) => res.json(listPackages()));
module.exports = app;
`,
  'src/packages.js': `function listPackages() {\n  return [];\n}\nmodule.exports = { listPackages };\n`,
  'node_modules/@websvc/web/package.json': JSON.stringify({ name: '@websvc/web', main: './index.js' }),
  'node_modules/@websvc/web/index.js': `const express = require('express');
const debug = require('debug')('web');
const { getOptions } = require('./options');
const { renderPage } = require('./render');

function renderWeb(config) {
  const router = express.Router();
  router.get('/', function (req, res) {
    debug('render');
    const options = getOptions(config, req);
    res.send(renderPage(JSON.stringify(options)));
  });
  router.get('/-/options.js', function (req, res) {
    res.setHeader('Content-Type', 'text/javascript');
    res.send('window.OPTIONS=' + JSON.stringify(getOptions(config, req)));
  });
  return router;
}

module.exports = { renderWeb };
`,
  'node_modules/@websvc/web/options.js': `function getOptions(config, req) {\n  return { title: config.title, base: req.baseUrl };\n}\nmodule.exports = { getOptions };\n`,
  'node_modules/@websvc/web/render.js': `function renderPage(options) {\n  return '<html>' + options + '</html>';\n}\nmodule.exports = { renderPage };\n`,
};

describe('flows: a handler in the service\'s own installed package', () => {
  let flows: Flow[] = [];
  before(async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-installed-handler-'));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    const map = await buildMap({ root, cache: false, workers: 0 });
    assert.ok(!map.files.some((f) => f.path.startsWith('node_modules/')), 'the map itself leaves node_modules out');
    const { entries } = await findEntryPoints(map, entryReader(diskFiles(root)));
    flows = suggestFlows(map, entries, { ownScopes: ownScopesOf({ read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8') }) });
  });
  const flowOf = (id: string): Flow => {
    const f = flows.find((x) => x.entry === id);
    assert.ok(f, `no flow for ${id}: ${flows.map((x) => x.entry).join(', ')}`);
    return f;
  };

  it('lists the functions of ours the handler calls, in order, where they are', () => {
    const f = flowOf('GET /');
    assert.equal(f.steps[0]?.kind, 'handler');
    assert.equal(f.steps[0]?.file, 'node_modules/@websvc/web/index.js');
    const hops = f.steps.filter((s) => s.depth === 1);
    assert.deepEqual(hops.map((s) => [s.kind, s.symbol, s.file, s.line]), [
      ['call', 'getOptions', 'node_modules/@websvc/web/options.js', 10],
      ['call', 'renderPage', 'node_modules/@websvc/web/render.js', 11],
    ]);
    assert.deepEqual(hops[0]?.range, { start: 1, end: 3 });
  });

  it('leaves out package calls and the response methods', () => {
    const hops = flowOf('GET /-/options.js').steps.filter((s) => s.depth === 1);
    assert.deepEqual(hops.map((s) => s.symbol), ['getOptions']);
  });

  it('a handler the map holds keeps its own call graph', () => {
    const hops = flowOf('GET /-/packages').steps.filter((s) => s.depth === 1);
    assert.deepEqual(hops.map((s) => [s.symbol, s.file]), [['listPackages', 'src/packages.js']]);
  });
});
