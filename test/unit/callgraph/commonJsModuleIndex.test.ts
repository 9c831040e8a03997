// A CommonJS index that gathers whole modules (`const link = require('./link'); module.exports =
// { link, user: users }`) or stands for another one (`module.exports = require('./helpers')`): a
// call through it (`store.link.find(…)`, `helpers.sign(…)`) reaches the module's function. On a real
// Express service every handler's first hop went through two such index files and stayed unresolved
// (`find` then even read as an array method).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { CallGraph } from '../../../src/core/callgraph/callGraph';

const FILES: Record<string, string> = {
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
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-cjs-index-'));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
    graph = new CallGraph(await buildMap({ root, cache: false, workers: 0 }));
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
