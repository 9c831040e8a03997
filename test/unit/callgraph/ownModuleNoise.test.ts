// A name bound to a module of the repository is never noise, whatever it is called: HedgeDoc's
// `const errors = require('./lib/errors')` (`errors` is on the noise list for Go's package) made
// every `errors.errorForbidden(res)` first hop vanish. The same name from a package stays noise.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'lib/errors.js': "module.exports = {\n  errorForbidden: function (res) {\n    res.status(403).end()\n  }\n}\n",
  'lib/logger.js': 'function info(msg) {\n  return msg;\n}\nmodule.exports = { info };\n',
  'app.js': "const errors = require('./lib/errors');\nconst log = require('./lib/logger');\nconst logger = require('winston');\nfunction handler(req, res) {\n  log.info('x');\n  logger.info('y');\n  errors.errorForbidden(res);\n}\nmodule.exports = handler;\n",
};

describe('flows: a repository module bound to a name on the noise list', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('errors.errorForbidden → lib/errors.js', () => {
    const c = graph.resolve('app.js', 'handler', 'errors.errorForbidden');
    assert.equal(c.kind, 'symbol', JSON.stringify(c));
    assert.equal(c.kind === 'symbol' ? c.file : '', 'lib/errors.js');
  });
  it('log.info → lib/logger.js', () => {
    const c = graph.resolve('app.js', 'handler', 'log.info');
    assert.deepEqual(c.kind === 'symbol' ? [c.file, c.symbol] : c, ['lib/logger.js', 'info']);
  });
  it("logger.info from a package stays noise", () => {
    assert.equal(graph.resolve('app.js', 'handler', 'logger.info').kind, 'noise');
  });
});
