// A CommonJS index file that gathers its folder's modules (`module.exports = { fetchData:
// require('./fetch-data') }`, `exports.lookup = require('./lookup')`): a call through it reaches
// the required module's function. On a real server every frontend controller's first hop
// (`dataService.fetchData(…)`) was left unresolved. A folder's index.js that adds its modules to an
// alias of its exports (`const Api = module.exports; Api.rules = require('./rules')`) is one too,
// and a key naming a module whose exports are an object (`Rules.upsert = …`) reaches its members.
// So is an index that gathers whole modules it required (`const link = require('./link');
// module.exports = { link, user: users }`) or stands for another one (`module.exports =
// require('./helpers')`): on a real Express service every handler's first hop went through two such
// files and stayed unresolved (`find` then even read as an array method).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'src/data/index.js': "module.exports = {\n  checks: require('./checks'),\n  fetchData: require('./fetch-data'),\n  'entryLookup': require('./entry-lookup'),\n};\n",
  'src/data/fetch-data.js': 'async function fetchData(options) {\n  return options;\n}\nmodule.exports = fetchData;\n',
  'src/data/entry-lookup.js': 'function entryLookup(url) {\n  return url;\n}\nmodule.exports = entryLookup;\n',
  'src/data/checks.js': 'function isPost(x) {\n  return !!x;\n}\nmodule.exports = { isPost };\n',
  'src/lib/index.js': "exports.lookup = require('./lookup');\nexports.version = '1';\n",
  'src/lib/lookup.js': 'function lookup(key) {\n  return key;\n}\nmodule.exports = lookup;\n',
  'src/platform/index.js': "const Platform = module.exports;\nPlatform.rules = require('./rules');\nPlatform.version = '2';\n",
  'src/platform/rules.js': 'const Rules = module.exports;\nRules.upsert = async (value) => {\n  return value;\n};\n',
  'src/api/index.js': "module.exports = {\n  utils: require('./utils'),\n};\n",
  'src/api/utils.js': 'const utils = module.exports;\nutils.tokens = {};\nutils.tokens.resolve = async (id) => {\n  return id;\n};\n',
  'src/app.js': "const dataService = require('./data');\nconst lib = require('./lib');\nconst platform = require('./platform');\nconst api = require('./api');\nfunction handler(req) {\n  dataService.fetchData(req);\n  dataService.entryLookup(req.url);\n  lib.lookup(req.query);\n  return dataService.checks.isPost(req);\n}\nmodule.exports = handler;\n",
};


describe('flows: calls through a CommonJS barrel', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases: [callee: string, file: string, symbol: string][] = [
    ['dataService.fetchData', 'src/data/fetch-data.js', 'fetchData'],
    ['dataService.entryLookup', 'src/data/entry-lookup.js', 'entryLookup'],
    ['lib.lookup', 'src/lib/lookup.js', 'lookup'],
    ['platform.rules.upsert', 'src/platform/rules.js', 'upsert'],
    ['api.utils.tokens.resolve', 'src/api/utils.js', 'resolve'],
  ];
  for (const [callee, file, symbol] of cases) {
    it(`${callee} → ${file}#${symbol}`, () => {
      const c = graph.resolve('src/app.js', 'handler', callee);
      assert.equal(c.kind, 'symbol', JSON.stringify(c));
      assert.deepEqual(c.kind === 'symbol' ? [c.file, c.symbol] : [], [file, symbol]);
    });
  }

  it('a module whose export is an object is not taken for a function of that name', () => {
    const c = graph.resolve('src/app.js', 'handler', 'dataService.checks.isPost');
    assert.ok(c.kind !== 'symbol' || (c.file === 'src/data/checks.js' && c.symbol === 'isPost'), JSON.stringify(c));
  });
});

const INDEX_FILES: Record<string, string> = {
  'lib/store/index.js': "const link = require('./link');\nconst users = require('./users');\n\nmodule.exports = {\n  link,\n  user: users,\n};\n",
  'lib/store/link.js': 'async function find(match) {\n  return match;\n}\nmodule.exports = { find };\n',
  'lib/store/users.js': 'async function findAny() {\n  return null;\n}\nmodule.exports = { findAny };\n',
  'lib/helpers/index.js': "module.exports = require('./helpers');\n",
  'lib/helpers/helpers.js': 'function sign(user) {\n  return String(user);\n}\nmodule.exports = { sign };\n',
  'lib/handler.js': "const store = require('./store');\nconst helpers = require('./helpers');\nasync function show(req, res) {\n  const link = await store.link.find({ id: req.params.id });\n  const first = await store.user.findAny();\n  res.send(helpers.sign(first) + link);\n}\nmodule.exports = { show };\n",
};

describe('flows: calls through a CommonJS index of modules', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(INDEX_FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases: [callee: string, file: string, symbol: string][] = [
    ['store.link.find', 'lib/store/link.js', 'find'],
    ['store.user.findAny', 'lib/store/users.js', 'findAny'],
    ['helpers.sign', 'lib/helpers/helpers.js', 'sign'],
  ];
  for (const [callee, file, symbol] of cases) {
    it(`${callee} → ${file}#${symbol}`, () => {
      const c = graph.resolve('lib/handler.js', 'show', callee);
      assert.equal(c.kind, 'symbol', JSON.stringify(c));
      assert.deepEqual(c.kind === 'symbol' ? [c.file, c.symbol] : [], [file, symbol]);
    });
  }

  it('a key the index does not export stays unresolved', () => {
    const c = graph.resolve('lib/handler.js', 'show', 'store.visit.find');
    assert.notEqual(c.kind, 'symbol', JSON.stringify(c));
  });
});
