// Unnamed units get names (issue 16, Build): a function with no name is named by its context,
// so that reading, Next Unread and "changed since read" can point at it — parsed with the real
// tree-sitter grammars, and followed to Next Unread.
import * as assert from 'node:assert/strict';
import { fileCoverage } from '../../../src/core/coverage/coverage';
import { codeLinesOf } from '../../../src/core/coverage/codeLines';
import { nextUnread } from '../../../src/core/coverage/nextUnread';
import { parseFile } from '../../../src/core/map/extractFile';
import type { FileInfo } from '../../../src/core/map/types';

const APP = [
  "import express from 'express';", // 1
  'const app = express();', // 2
  'app.use(function (req, res, next) {', // 3
  "  res.setHeader('x-frame-options', 'deny');", // 4
  '  next();', // 5
  '});', // 6
  "app.get('/login', (req, res) => {", // 7
  "  res.send('login');", // 8
  '});', // 9
  "app.get('/login', (req, res) => res.send('again'));", // 10
  'export function list(items) {', // 11
  '  return items.map((x) => x * 2);', // 12
  '}', // 13
  'export default function (req, res) {', // 14
  "  res.send('ok');", // 15
  '}', // 16
].join('\n');

describe('unnamed functions named by their context (real tree-sitter)', () => {
  it('default export, a route handler by its route, arguments of a top-level call; a callback inside a named function stays part of it', async () => {
    const { symbols } = await parseFile('src/app.ts', APP, 'typescript');
    const anon = symbols.filter((s) => s.anonymous).map((s) => [s.path, s.range.start, s.range.end]);
    assert.deepEqual(anon, [
      ['arguments of app.use', 3, 6],
      ["app.get('/login') handler", 7, 9],
      ["app.get('/login') handler (2)", 10, 10],
      ['default export', 14, 16],
    ]);
    assert.ok(symbols.some((s) => s.path === 'list' && !s.anonymous), 'the named function keeps its name');
    assert.ok(!symbols.some((s) => s.anonymous && s.range.start === 12), 'items.map(x => …) is part of list, not a unit of its own');
  });

  it('Next Unread points at the unnamed unit by its name', async () => {
    const facts = await parseFile('src/app.ts', APP, 'typescript');
    const info: FileInfo = { path: 'src/app.ts', language: 'typescript', lines: 16, codeLines: 16, module: 'src', imports: [], importDetails: [], symbols: facts.symbols, calls: [], parseErrors: 0, hash: 'app' };
    // Everything read but the middleware passed to app.use.
    const cov = fileCoverage({ path: 'src/app.ts', module: 'src', codeLines: await codeLinesOf('src/app.ts', APP), reading: { ranges: [[1, 2], [7, 16]], seconds: 1 } });
    const [place] = nextUnread({ files: [cov], map: { files: [info] } });
    assert.equal(place.symbol, 'arguments of app.use');
    assert.deepEqual(place.focus, { start: 3, end: 6 });
  });
});
