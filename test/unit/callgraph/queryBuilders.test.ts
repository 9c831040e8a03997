// A store package's query builders are not store steps: a real service's flow listed
// `store:Sequelize.literal` as a call to the database, sending the reader to a string.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { CallGraph } from '../../../src/core/callgraph/callGraph';

describe('flows: query builders of a store package', () => {
  let root: string;
  let graph: CallGraph;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'deepdive-builders-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(
      path.join(root, 'src/app.ts'),
      [
        "import Sequelize, { literal, fn, col, Op } from 'sequelize';",
        "import mongoose from 'mongoose';",
        "import { Pool } from 'pg';",
        'export async function handler(db: any) {',
        "  const since = Sequelize.literal('now()');",
        "  const total = fn('count', col('id'));",
        "  const id = new mongoose.Types.ObjectId();",
        "  await mongoose.connect('mongodb://x');",
        "  return Sequelize.query('select 1', { since, total, id, op: Op.in, lit: literal('1') });",
        '}',
        '',
      ].join('\n'),
    );
    graph = new CallGraph(await buildMap({ root, cache: false, workers: 0 }));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases: [string, string][] = [
    ['Sequelize.literal', 'noise'],
    ['literal', 'noise'],
    ['fn', 'noise'],
    ['col', 'noise'],
    ['mongoose.Types.ObjectId', 'noise'],
    ['mongoose.connect', 'store'],
    ['Sequelize.query', 'store'],
  ];
  for (const [callee, kind] of cases) {
    it(`${callee} → ${kind}`, () => assert.equal(graph.resolve('src/app.ts', 'handler', callee).kind, kind));
  }
});
