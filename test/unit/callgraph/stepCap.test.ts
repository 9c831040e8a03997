// The step cap of a flow (60 by default) on a handler whose first call fans out deep: the calls the
// handler makes after it (the read of the data it authorised) must still be listed, and the steps
// still read in call order, each call followed by what it calls.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import { suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';
import { makeRepo } from '../map/helpers';

/** `audit.js`: audit() calls four functions, each of those four more, three levels down (84 functions). */
function fanOut(): string {
  const lines: string[] = [];
  const names = (prefix: string): string[] => [0, 1, 2, 3].map((i) => `${prefix}_${i}`);
  const level = (prefix: string, depth: number): void => {
    const kids = depth < 3 ? names(prefix) : [];
    lines.push(`function ${prefix}(x) {`, ...kids.map((k) => `  ${k}(x);`), '  return x;', '}');
    for (const k of kids) level(k, depth + 1);
  };
  level('audit', 0);
  lines.push('module.exports = { audit };');
  return lines.join('\n') + '\n';
}

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'orders', dependencies: { express: '4' } }),
  'audit.js': fanOut(),
  'orders.js': ['function loadOrders(user) {', '  return [user];', '}', 'module.exports = { loadOrders };', ''].join('\n'),
  'app.js': [
    "const express = require('express');",
    "const { audit } = require('./audit');",
    "const { loadOrders } = require('./orders');",
    'const app = express();',
    "app.get('/api/orders', (req, res) => {",
    '  audit(req);',
    '  res.json(loadOrders(req.user));',
    '});',
    'module.exports = app;',
    '',
  ].join('\n'),
};

describe('flows: the step cap never hides a call the handler itself makes', () => {
  let root = '';
  let flow: Flow | undefined;
  before(async () => {
    root = makeRepo(FILES);
    const map = await buildMap({ root, cache: false, workers: 0 });
    const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
    flow = suggestFlows(map, entries).find((f) => f.entry === 'GET /api/orders');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('the handler’s later call is a step although its first call alone reaches past the cap', () => {
    assert.ok(flow, 'no flow for GET /api/orders');
    assert.equal(flow.truncated, true, 'the fan-out is cut somewhere');
    assert.ok(flow.steps.length <= 60, `${flow.steps.length} steps`);
    assert.deepEqual(
      flow.steps.filter((s) => s.depth === 1).map((s) => s.symbol),
      ['audit', 'loadOrders'],
    );
  });

  it('every call of a level is listed before any call of the next is cut', () => {
    const depths = flow!.steps.map((s) => s.depth);
    const count = (d: number): number => depths.filter((x) => x === d).length;
    assert.equal(count(2), 4);
    assert.equal(count(3), 16);
    assert.ok(count(4) > 0 && count(4) < 64, `depth 4: ${count(4)} of 64 (the cap cuts there)`);
  });

  it('steps read as the code runs: each call followed by what it calls, the later call last', () => {
    const symbols = flow!.steps.map((s) => s.symbol);
    assert.equal(symbols.indexOf('audit') + 1, symbols.indexOf('audit_0'));
    assert.equal(symbols.indexOf('audit_0') + 1, symbols.indexOf('audit_0_0'));
    assert.equal(symbols.at(-1), 'loadOrders');
  });
});
