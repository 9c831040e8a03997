// Flows that came out with no steps on real services (step-ca, komga): the handler was located at
// the wrong place, not located at all, or its file was not read. Each pattern has its fixture
// under test/fixtures/flows/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildMap } from '../../../src/core/map/buildMap';
import { findEntryPoints } from '../../../src/core/entry/findEntryPoints';
import type { EntryPoint } from '../../../src/core/entry/types';
import { suggestFlows, type Flow } from '../../../src/core/callgraph/suggestFlows';
import { createParser } from '../../../src/core/parse/languages';
import { textForGrammar } from '../../../src/core/parse/grammarGaps';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/flows');

async function analyse(name: string): Promise<{ entries: EntryPoint[]; flows: Flow[] }> {
  const root = path.join(FIXTURES, name);
  const map = await buildMap({ root, cache: false, workers: 0 });
  const { entries } = await findEntryPoints(map, (rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
  return { entries, flows: suggestFlows(map, entries) };
}

function depthOne(flows: Flow[], id: string): { symbol: string; file: string }[] {
  const f = flows.find((x) => x.entry === id);
  assert.ok(f, `no flow for ${id}: ${flows.map((x) => x.entry).join(', ')}`);
  return f.steps.filter((s) => s.depth === 1 && s.kind === 'call').map((s) => ({ symbol: s.symbol, file: s.file }));
}

describe('flows: Go handlers given as method values (step-ca)', () => {
  let entries: EntryPoint[] = [];
  let flows: Flow[] = [];
  before(async () => {
    ({ entries, flows } = await analyse('go-method-values'));
  });
  it('a method value is located at the method of its type, not at an interface method of the same name in that file', () => {
    const e = entries.find((x) => x.id === 'GET /version');
    assert.equal(e?.handlerLocation?.symbol, 'caHandler.Version');
    assert.equal(e?.handlerLocation?.range.start, 45);
    assert.equal(entries.find((x) => x.id === 'GET /root/:sha')?.handlerLocation?.symbol, 'caHandler.Root');
  });
  it("a call to a struct's own Post method (an HTTP client, rc.Process.Post) is not a route that takes the real one's id", () => {
    assert.deepEqual(entries.filter((x) => x.id === 'GET /version' || x.file.startsWith('rc/')).map((x) => `${x.id} ${x.file}`), ['GET /version api/api.go']);
  });
  it('a handler inside two wrappers (extractPayload(h.isPostAsGet(h.GetOrder))) is located', () => {
    const e = entries.find((x) => x.id === 'POST /order/:id');
    assert.equal(e?.handlerLocation?.symbol, 'caHandler.GetOrder');
  });
  it('a handler made by a call with constant arguments (s.makePauseHandler(true)) is located at the function that makes it', () => {
    assert.equal(entries.find((x) => x.id === 'POST /pause')?.handlerLocation?.symbol, 'caHandler.makePauseHandler');
    assert.ok(depthOne(flows, 'POST /pause').some((s) => s.symbol === 'Authority.SetPaused' && s.file === 'authority/authority.go'));
  });
  it("a handler given as a value of a type with ServeHTTP is located at that method, another file's", () => {
    const e = entries.find((x) => x.id === 'ANY /assets/*');
    assert.equal(e?.handlerLocation?.symbol, 'staticsServer.ServeHTTP');
    assert.equal(e?.handlerLocation?.file, 'api/statics.go');
    assert.deepEqual(depthOne(flows, 'ANY /assets/*').map((s) => s.symbol), ['staticsServer.serveAsset']);
  });
  it('a function of an imported Go package is found in any file of the package, not only the one the import resolved to', () => {
    assert.ok(depthOne(flows, 'GET /root/:sha').some((s) => s.symbol === 'Fingerprint' && s.file === 'authority/fingerprint.go'), JSON.stringify(depthOne(flows, 'GET /root/:sha')));
  });
  it('a call through an interface field reaches the type that implements the whole interface, not the handler of the same name', () => {
    // One line, `writeJSON(w, h.Authority.Version())`: both calls are its first hops.
    assert.deepEqual(depthOne(flows, 'GET /version'), [
      { symbol: 'writeJSON', file: 'api/api.go' },
      { symbol: 'Authority.Version', file: 'authority/authority.go' },
    ]);
    assert.deepEqual(depthOne(flows, 'GET /root/:sha')[0], { symbol: 'Authority.Root', file: 'authority/authority.go' });
    assert.deepEqual(depthOne(flows, 'POST /order/:id')[0], { symbol: 'Authority.GetOrder', file: 'authority/authority.go' });
  });
});

describe('flows: Kotlin files the grammar could not read (komga)', () => {
  let flows: Flow[] = [];
  before(async () => {
    ({ flows } = await analyse('kotlin-trailing-comma'));
  });
  it('a handler whose parameter type ends in a trailing comma has its calls', () => {
    assert.deepEqual(depthOne(flows, 'PATCH /api/v1/settings/global').map((s) => s.symbol), ['SettingsDao.saveGlobal']);
    assert.deepEqual(depthOne(flows, 'DELETE /api/v1/settings/global').map((s) => s.symbol).slice(-1), ['SettingsDao.deleteGlobalByKeys']);
  });
  it('a negated call (`if (!settingsDao.existsAll(keys))`) resolves like any other', () => {
    assert.deepEqual(depthOne(flows, 'DELETE /api/v1/settings/global').map((s) => s.symbol), ['SettingsDao.existsAll', 'SettingsDao.deleteGlobalByKeys']);
  });

  it('the text given to the grammar keeps every offset and blanks only the trailing comma and the extra dollars', async () => {
    const src = [
      'class A(@param:Value($$"${x.y:#{null}}") val p: Int?) {',
      '  val s = "a, >b ${f(1, 2)}"',
      '  fun f(m: Map<String, Int, /* c */ >, n: Set<String,>): Int = m.size',
      '}',
      '',
    ].join('\n');
    const fixed = textForGrammar('kotlin', src);
    assert.equal(fixed.length, src.length);
    assert.equal(fixed.split('\n')[0], 'class A(@param:Value(  " {x.y:#{null}}") val p: Int?) {');
    assert.equal(fixed.split('\n')[1], src.split('\n')[1], 'a string is left as it is');
    assert.equal(fixed.split('\n')[2], '  fun f(m: Map<String, Int  /* c */ >, n: Set<String >): Int = m.size');
    const parser = await createParser('kotlin');
    const tree = parser.parse(fixed)!;
    try {
      assert.equal(tree.rootNode.hasError, false);
    } finally {
      tree.delete();
      parser.delete();
    }
    assert.equal(textForGrammar('go', src), src, 'other languages are untouched');
  });
});
