// Namespaces a directory loader fills (callgraph/loadedDirs.ts): `WIKI.models = autoload('models')`
// keys each module by its file name, so `WIKI.models.users.login` is `login` of models/users.js (a
// static method of the class it exports); a method the class inherits from its ORM is the store.
// Only where the program uses such a loader.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const MODELS: Record<string, string> = {
  'server/models/users.js': [
    "const Model = require('objection').Model",
    'module.exports = class User extends Model {',
    '  static async login (opts, context) {',
    '    return opts',
    '  }',
    '}',
    '',
  ].join('\n'),
  'server/models/pages.js': "const Model = require('objection').Model\nmodule.exports = class Page extends Model {\n  static get tableName () { return 'pages' }\n}\n",
  'server/graph/resolvers/auth.js': 'module.exports = {\n  async login (obj, args) {\n    return args\n  }\n}\n',
  'server/controllers/auth.js': [
    'module.exports = async function signIn (req, res) {',
    '  await WIKI.models.users.login({}, { req, res })',
    '  await WIKI.models.pages.query()',
    '}',
    '',
  ].join('\n'),
};

function graphWith(files: Record<string, string>): { graph: () => CallGraph } {
  let root = '';
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(files);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));
  return { graph: () => graph };
}

describe('call graph: namespaces a directory loader fills', () => {
  const g = graphWith({
    ...MODELS,
    'package.json': '{ "name": "wiki", "dependencies": { "auto-load": "3.0.4", "objection": "2.2.0" } }\n',
    'server/core/db.js': "const autoload = require('auto-load')\nconst path = require('path')\nmodule.exports = { init () { return autoload(path.join(__dirname, '../models')) } }\n",
  });
  const at = (callee: string) => g.graph().resolve('server/controllers/auth.js', 'signIn', callee);

  it("follows a module's class method by folder and file name", () => {
    const hit = at('WIKI.models.users.login');
    assert.equal(hit.kind === 'symbol' && `${hit.file}#${hit.symbol}`, 'server/models/users.js#User.login');
  });

  it("reads a method inherited from the ORM's base class as the store", () => {
    assert.deepEqual(at('WIKI.models.pages.query'), { kind: 'store', package: 'objection' });
  });
});

describe('call graph: no directory loader, no namespace', () => {
  const g = graphWith({ ...MODELS, 'package.json': '{ "name": "wiki", "dependencies": { "objection": "2.2.0" } }\n' });

  it('leaves the same call as it was', () => {
    const hit = g.graph().resolve('server/controllers/auth.js', 'signIn', 'WIKI.models.users.login');
    assert.notEqual(hit.kind === 'symbol' && hit.file, 'server/models/users.js');
  });
});
