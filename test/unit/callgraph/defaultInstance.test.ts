// A module whose default export is an instance (`export default new ShelfStore()`): an importer's
// `shelves.list()` runs the class's method. Before, the call was left to the module's imports and
// read as a database access of the package it imports (a `store` step), not as the function of ours.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CallGraph } from '../../../src/core/callgraph/callGraph';
import { graphOf } from './graphOf';

const FILES: Record<string, string> = {
  'package.json': '{ "name": "shelves", "dependencies": { "pg": "8.0.0" } }\n',
  'src/shelfStore.ts': [
    "import { Pool } from 'pg';",
    'const pool = new Pool();',
    'class ShelfStore {',
    '  async list(owner: string) {',
    "    return pool.query('select * from shelf where owner = $1', [owner]);",
    '  }',
    '}',
    'export default new ShelfStore();',
    '',
  ].join('\n'),
  'src/routes.ts': [
    "import shelves from './shelfStore';",
    'export async function listShelves(owner: string) {',
    '  return shelves.list(owner);',
    '}',
    '',
  ].join('\n'),
};

describe('call graph: methods of a default-exported instance', () => {
  let root = '';
  let graph: CallGraph;
  before(async () => {
    [root, graph] = await graphOf(FILES);
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("`shelves.list()` on the imported default instance is ShelfStore's list", () => {
    const c = graph.resolve('src/routes.ts', 'listShelves', 'shelves.list', 3);
    assert.equal(c.kind, 'symbol');
    assert.equal(c.kind === 'symbol' ? c.symbol : '', 'ShelfStore.list');
  });
});
